package io.matterhorn.examples.smnist;

import io.matterhorn.data.loader.Batch;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.cli.ProgressBar;
import io.matterhorn.examples.train.EpochReport;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.CosineAnnealingLR;
import io.matterhorn.optim.LRScheduler;
import io.matterhorn.optim.Losses;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.soma.AdaptiveLIF;
import io.matterhorn.snn.soma.LI;
import io.matterhorn.snn.soma.Recurrent;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.MemoryScope;
import io.matterhorn.tensor.Tensor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
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
     * @param batch a batch of images [B, 1, 28, 28]
     * @return the rows as time steps [28, B, 28]
     */
    public static INDArray rows(Batch batch) {
        INDArray f = batch.features();
        long b = f.size(0);
        return f.reshape(b, STEPS, ROW).permute(1, 0, 2).dup('c');
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
            out.printf("%5s | %9s | %9s | %9s | %8s | %9s%n", "epoch", "loss", "train acc", "test acc", "seconds",
                    "samples/s");
        }
        List<EpochReport> reports = new ArrayList<>();
        int total = config.maxBatches() > 0 ? Math.min(config.maxBatches(), trainLoader.numBatches())
                : trainLoader.numBatches();
        for (int e = 0; e < epochs; e++) {
            ProgressBar bar = config.quiet() ? null : new ProgressBar(System.err,
                    String.format("%s epoch %d/%d", recurrent ? "LSNN" : "baseline", e + 1, epochs), total);
            model.train();
            double lossSum = 0;
            long correct = 0;
            long samples = 0;
            int done = 0;
            long start = System.nanoTime();
            for (Batch batch : trainLoader.epoch(e)) {
                if (done == total) {
                    break;
                }
                try (MemoryScope scope = MemoryScope.open("smnist")) {
                    Tensor scores = model.forward(Tensor.of(rows(batch)));
                    Tensor loss = Losses.crossEntropy(scores, batch.labels());
                    optimizer.zeroGrad();
                    loss.backward();
                    optimizer.step();
                    lossSum += loss.item();
                    correct += Losses.correct(scores, batch.labels());
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
            EpochReport r = new EpochReport(e + 1, lossSum / Math.max(1, done), (double) correct / Math.max(1,
                    samples), evaluate(model, testLoader), seconds, samples / seconds);
            reports.add(r);
            if (schedule != null) {
                schedule.step();
            }
            if (!config.quiet()) {
                out.printf("%5d | %9.5f | %8.2f%% | %8.2f%% | %8.2f | %9.0f%n", r.epoch(), r.loss(),
                        100 * r.trainAccuracy(), 100 * r.testAccuracy(), r.trainSeconds(), r.samplesPerSecond());
                out.flush();
            }
        }
        return new Run(model, reports);
    }

    /**
     * Accuracy on every test digit, in evaluation mode without gradients.
     *
     * @param model the network
     * @param loader the test batches
     * @return fraction correct
     */
    public static double evaluate(Module model, BatchLoader loader) {
        model.eval();
        long correct = 0;
        long samples = 0;
        try (Grad.Scope noGrad = Grad.disabled()) {
            for (Batch batch : loader.epoch(0)) {
                try (MemoryScope scope = MemoryScope.open("smnist-eval")) {
                    correct += Losses.correct(model.forward(Tensor.of(rows(batch))), batch.labels());
                }
                samples += batch.size();
            }
        }
        model.train();
        return (double) correct / samples;
    }

    /**
     * A trained network and its epochs.
     *
     * @param model the network
     * @param reports one per epoch
     */
    public record Run(Module model, List<EpochReport> reports) {
        /** @return the test accuracy after the last epoch (NaN without epochs) */
        public double finalTestAccuracy() {
            return reports.isEmpty() ? Double.NaN : reports.get(reports.size() - 1).testAccuracy();
        }

        /** @return the best test accuracy of any epoch (NaN without epochs) */
        public double bestTestAccuracy() {
            return reports.stream().mapToDouble(EpochReport::testAccuracy).max().orElse(Double.NaN);
        }
    }
}
