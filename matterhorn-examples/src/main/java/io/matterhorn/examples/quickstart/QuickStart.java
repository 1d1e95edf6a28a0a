package io.matterhorn.examples.quickstart;

import io.matterhorn.Matterhorn;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.optim.Adam;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.summary.ModelSummary;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.train.LossFunction;
import io.matterhorn.train.Trainer;
import io.matterhorn.train.TrainingListener;

/** Quick start: a spiking MLP learns the bundled 10,000-digit MNIST sample (the README shows this file). */
public final class QuickStart {
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Matterhorn.seed(42);                               // weights, spikes and shuffling repeat exactly
        Module model = new Sequential(
                new PoissonEncoder(16),                    // [B, 1, 28, 28] in [0, 1] -> [16, B, 1, 28, 28] spikes
                new Flatten(),                             // -> [16, B, 784]
                new Linear(28 * 28, 80, false),
                LIF.builder().tauM(2.0).trainable(true).spikingFunction(new Sigmoid()).build(),
                new Linear(80, 10, false),
                LIF.builder().tauM(2.0).trainable(true).spikingFunction(new Sigmoid()).build(),
                new AvgSpikeDecoder());                    // -> [B, 10] firing rates

        MnistDataset train = MnistDataset.bundled(true);   // 8,000 digits
        MnistDataset test = MnistDataset.bundled(false);   // 2,000 digits
        BatchLoader trainBatches = BatchLoader.builder(train).batchSize(64).shuffle(true).build();
        BatchLoader testBatches = BatchLoader.builder(test).batchSize(500).build();
        System.out.println(ModelSummary.of(model, testBatches.batch(0, 0).input()));

        Trainer trainer = Trainer.builder(model)
                .optimizer(new Adam(model.trainableParameters(), 1e-3))
                .loss(LossFunction.mseOneHot(10))          // MSE against one-hot labels, back through time
                .listener(TrainingListener.onEpoch(r -> System.out.printf("epoch %d: loss %.6f, test accuracy %.2f%%%n",
                        r.epoch(), r.loss(), 100 * r.testAccuracy())))
                .build();
        trainer.fit(trainBatches, testBatches, epochs);    // each epoch: train, then evaluate without gradients
    }
}
