package io.matterhorn.examples.mlp;

import io.matterhorn.data.loader.Batch;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.cli.ProgressBar;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.CosineAnnealingLR;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.MemoryScope;
import io.matterhorn.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Example 1 of matterhorn: a two-layer spiking MLP on MNIST.
 *
 * <pre>
 *   PoissonEncoder(T=32) -> Flatten -> Linear(784, 80, no bias) -> LIF(tau 2, trainable)
 *     -> Linear(80, 10, no bias) -> LIF(tau 2, trainable) -> AvgSpikeDecoder
 *   loss = MSE(firing rates [B, 10], one-hot labels); Adam lr 1e-3; cosine annealing with T_max = 100 epochs
 * </pre>
 *
 * <p><b>Surrogate.</b> The default here is {@code Sigmoid(1)}. With the original's default {@code Rectangular(2)}
 * this model does not learn on the bundled data: the output layer starts silent and the rectangular window
 * (-1, 1) gives exactly zero gradient at u - u_th = -1, so the loss never moves (the original reaches 9.1% after
 * 14 epochs). With Sigmoid the original reaches 92.5% test accuracy after 20 epochs.
 */
public final class MlpExample {
    private final MlpConfig config;
    private final PrintStream out;

    /**
     * @param config settings
     * @param out where the table goes (the progress bar goes to System.err)
     */
    public MlpExample(MlpConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /**
     * Builds the example-1 network.
     *
     * @param config settings (T, surrogate, seed)
     * @return the model
     */
    public static Module buildModel(MlpConfig config) {
        Random init = new Random(config.seed());
        return new Sequential(
                new PoissonEncoder(config.timeSteps(), 1.0, 0.0, config.seed() + 1),
                new Flatten(),
                new Linear(28 * 28, 80, false, false, init),
                LIF.builder().tauM(2.0).trainable(true).spikingFunction(config.surrogate()).build(),
                new Linear(80, 10, false, false, init),
                LIF.builder().tauM(2.0).trainable(true).spikingFunction(config.surrogate()).build(),
                new AvgSpikeDecoder());
    }

    /**
     * Trains and evaluates, printing one table row per epoch.
     *
     * @return one result per epoch
     * @throws IOException if the data cannot be read
     */
    public List<EpochResult> run() throws IOException {
        MnistDataset train = config.dataDir() == null ? MnistDataset.bundled(true)
                : MnistDataset.fromDirectory(config.dataDir(), true);
        MnistDataset test = config.dataDir() == null ? MnistDataset.bundled(false)
                : MnistDataset.fromDirectory(config.dataDir(), false);
        BatchLoader trainLoader = BatchLoader.builder(train).batchSize(config.batchSize()).shuffle(true)
                .seed(config.seed()).dropLast(true).build();
        BatchLoader testLoader = BatchLoader.builder(test).batchSize(config.batchSize()).build();
        if (trainLoader.numBatches() == 0) {
            throw new IllegalArgumentException("batch size " + config.batchSize() + " is larger than the "
                    + train.size() + " training samples");
        }
        Module model = buildModel(config);
        Adam optimizer = new Adam(model.trainableParameters(), config.learningRate());
        CosineAnnealingLR schedule = new CosineAnnealingLR(optimizer, config.scheduleEpochs());
        if (!config.quiet()) {
            out.printf("Example 1: spiking MLP on MNIST (%d train / %d test digits), T=%d, batch %d, surrogate %s%n",
                    train.size(), test.size(), config.timeSteps(), config.batchSize(), config.surrogate());
            out.println(model);
            out.printf("%5s | %9s | %9s | %9s | %8s | %9s%n", "epoch", "loss", "train acc", "test acc", "seconds",
                    "samples/s");
        }
        List<EpochResult> results = new ArrayList<>();
        for (int e = 0; e < config.epochs(); e++) {
            EpochResult r = trainEpoch(model, optimizer, trainLoader, e);
            double testAcc = evaluate(model, testLoader);
            r = new EpochResult(r.epoch(), r.loss(), r.trainAccuracy(), testAcc, r.trainSeconds(),
                    r.samplesPerSecond());
            results.add(r);
            schedule.step();
            if (!config.quiet()) {
                out.printf("%5d | %9.5f | %8.2f%% | %8.2f%% | %8.2f | %9.0f%n", r.epoch(), r.loss(),
                        100 * r.trainAccuracy(), 100 * r.testAccuracy(), r.trainSeconds(), r.samplesPerSecond());
                out.flush();
            }
        }
        return results;
    }

    private EpochResult trainEpoch(Module model, Adam optimizer, BatchLoader loader, int epoch) {
        model.train();
        int total = config.maxTrainBatches() > 0 ? Math.min(config.maxTrainBatches(), loader.numBatches())
                : loader.numBatches();
        ProgressBar bar = config.quiet() ? null
                : new ProgressBar(System.err, String.format("epoch %d/%d", epoch + 1, config.epochs()), total);
        double lossSum = 0;
        long correct = 0;
        long samples = 0;
        int done = 0;
        long start = System.nanoTime();
        for (Batch batch : loader.epoch(epoch)) {
            if (done == total) {
                break;
            }
            try (MemoryScope scope = MemoryScope.open("train")) {
                Tensor output = model.forward(Tensor.of(batch.features()));
                Tensor loss = Losses.mse(output, Tensor.of(batch.oneHot(10)));
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item();
                correct += Losses.correct(output, batch.labels());
            }
            samples += batch.size();
            done++;
            if (bar != null) {
                bar.update(done, samples);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (bar != null) {
            bar.finish();
        }
        return new EpochResult(epoch + 1, lossSum / done, (double) correct / samples, Double.NaN, seconds,
                samples / seconds);
    }

    /**
     * Accuracy on every sample of the loader, in evaluation mode without gradient recording.
     *
     * @param model the network
     * @param loader test batches
     * @return fraction correct
     */
    public static double evaluate(Module model, BatchLoader loader) {
        model.eval();
        long correct = 0;
        long samples = 0;
        try (Grad.Scope noGrad = Grad.disabled()) {
            for (Batch batch : loader.epoch(0)) {
                try (MemoryScope scope = MemoryScope.open("eval")) {
                    correct += Losses.correct(model.forward(Tensor.of(batch.features())), batch.labels());
                }
                samples += batch.size();
            }
        }
        model.train();
        return (double) correct / samples;
    }
}
