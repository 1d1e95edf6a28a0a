package io.matterhorn.examples.smnist;

import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.train.EpochTable;
import io.matterhorn.examples.train.ProgressListener;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.CosineAnnealingLR;
import io.matterhorn.optim.LRScheduler;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.soma.AdaptiveLIF;
import io.matterhorn.snn.soma.LI;
import io.matterhorn.snn.soma.Recurrent;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import io.matterhorn.train.EpochResult;
import io.matterhorn.train.LossFunction;
import io.matterhorn.train.Trainer;
import io.matterhorn.train.TrainingListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sequential MNIST: a digit is read one image row per time step (28 analog values, T = 28), so the network must
 * remember the rows it has seen. The recurrent network is an LSNN (Bellec et al. 2018) in the recipe of
 * the PyTorch reference program used for its figures (docs/benchmarks.md, sequential MNIST):
 *
 * <pre>
 *   x_t [B, 28] -> Linear(28, H) -> Recurrent(H, AdaptiveLIF(H)) -> Linear(H, 10) -> LI(10) -> mean over t
 *   ALIF: alpha = exp(-dt/tau_mem) = 0.9, rho = exp(-dt/tau_adp) = 0.97, v_threshold 1, beta 5, sigmoid surrogate
 *         (slope 4); the readout LI is o_t = 0.9 o_{t-1} + U z_t; loss cross-entropy; Adam (learning rate
 *         annealed to 0 by a cosine over the epochs unless --constant-lr)
 * </pre>
 *
 * The baseline is the same network without V and without adaptation (beta 0: a soft-reset LIF), the same size.
 */
public final class SmnistExample {
    /** Time steps: the image rows. */
    public static final int STEPS = 28;
    /** Values per step: the pixels of one row. */
    public static final int ROW = 28;
    /** Euler step (the time constants are given in steps through it). */
    static final double DT = 1e-3;

    private final SmnistConfig config;
    private final PrintStream out;

    /**
     * @param config settings
     * @param out where the headline and the tables go (progress bars go to System.err)
     */
    public SmnistExample(SmnistConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /**
     * Builds the network.
     *
     * @param hidden H, the number of hidden neurons
     * @param recurrent true for the LSNN (recurrent weights and adaptation), false for the baseline
     * @param seed seed of the weights
     * @return a model from rows [28, B, 28] to scores [B, 10]
     */
    public static Module buildModel(int hidden, boolean recurrent, long seed) {
        Random init = new Random(seed);
        AdaptiveLIF alif = AdaptiveLIF.builder(hidden).dt(DT).tauMem(-DT / Math.log(0.9)).tauAdp(-DT / Math.log(0.97))
                .threshold(1.0).beta(recurrent ? 5.0 : 0.0).spikingFunction(new Sigmoid(0.25)).build();
        LI readout = new LI(new long[] {10}, DT);
        readout.namedParameters().get("r").value().assign(10);
        readout.freeze();
        Module hiddenLayer = recurrent ? new Recurrent(hidden, alif, init) : alif;
        return new Sequential(new Linear(ROW, hidden, true, false, init), hiddenLayer,
                new Linear(hidden, 10, true, false, init), readout, new AvgSpikeDecoder());
    }

    /**
     * @param images a batch of images [B, 1, 28, 28]
     * @return the rows as time steps [28, B, 28]
     */
    public static Tensor rows(Tensor images) {
        INDArray f = images.value();
        long b = f.size(0);
        return Tensor.of(f.reshape(b, STEPS, ROW).permute(1, 0, 2).dup('c'));
    }

    /**
     * Trains and evaluates one network, printing its table.
     *
     * @param recurrent the LSNN (true) or the baseline (false)
     * @param epochs number of epochs
     * @return the trained model and one report per epoch
     * @throws java.io.IOException if the data cannot be read
     */
    public Run train(boolean recurrent, int epochs) throws java.io.IOException {
        Path dir = config.dataDir();
        MnistDataset train = dir == null ? MnistDataset.bundled(true) : MnistDataset.fromDirectory(dir, true);
        MnistDataset test = dir == null ? MnistDataset.bundled(false) : MnistDataset.fromDirectory(dir, false);
        BatchLoader trainLoader = BatchLoader.builder(train).batchSize(config.batchSize()).shuffle(true)
                .seed(config.seed()).dropLast(true).build();
        BatchLoader testLoader = BatchLoader.builder(test).batchSize(500).build();
        Module model = buildModel(config.hidden(), recurrent, config.seed());
        Optimizer optimizer = new Adam(model.trainableParameters(), config.learningRate());
        LRScheduler schedule = config.cosine() ? new CosineAnnealingLR(optimizer, epochs) : null;
        String name = recurrent ? "recurrent adaptive LIF (LSNN)" : "baseline: same size, no recurrence or adaptation";
        if (!config.quiet()) {
            out.printf("Sequential MNIST, %s: %d train / %d test digits, one row per step (T=%d), H=%d, batch %d, "
                    + "Adam lr %s%s, seed %d%n", name, train.size(), test.size(), STEPS, config.hidden(),
                    config.batchSize(), config.learningRate(), config.cosine() ? " (cosine to 0 over " + epochs
                    + " epochs)" : "", config.seed());
            out.println(model);
            EpochTable.header(out);
        }
        Trainer.Builder trainer = Trainer.builder(model).optimizer(optimizer).loss(LossFunction.crossEntropy())
                .schedule(schedule).maxBatchesPerEpoch(config.maxBatches());
        if (!config.quiet()) {
            trainer.listener(new ProgressListener(System.err, recurrent ? "LSNN epoch" : "baseline epoch", epochs))
                    .listener(TrainingListener.onEpoch(r -> EpochTable.row(out, r, 0)));
        }
        List<EpochResult> reports = trainer.build().fit(trainLoader.mapInput(SmnistExample::rows),
                testLoader.mapInput(SmnistExample::rows), epochs);
        return new Run(model, reports);
    }

    /**
     * Accuracy on every test digit, in evaluation mode without gradients.
     *
     * @param model the network
     * @param loader the test batches, images [B, 1, 28, 28]
     * @return fraction correct
     */
    public static double evaluate(Module model, BatchLoader loader) {
        return Trainer.evaluate(model, LossFunction.crossEntropy(), loader.mapInput(SmnistExample::rows)).accuracy();
    }

    /**
     * A trained network and its epochs.
     *
     * @param model the network
     * @param reports one per epoch
     */
    public record Run(Module model, List<EpochResult> reports) {
        /** @return the test accuracy after the last epoch (NaN without epochs) */
        public double finalTestAccuracy() {
            return reports.isEmpty() ? Double.NaN : reports.get(reports.size() - 1).testAccuracy();
        }

        /** @return the best test accuracy of any epoch (NaN without epochs) */
        public double bestTestAccuracy() {
            return reports.stream().mapToDouble(EpochResult::testAccuracy).max().orElse(Double.NaN);
        }
    }
}
