package io.matterhorn.examples.stdp;

import io.matterhorn.data.Dataset;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.cli.ProgressBar;
import io.matterhorn.snn.learning.competitive.CompetitiveLayer;
import io.matterhorn.snn.learning.competitive.CompetitiveSettings;
import io.matterhorn.snn.learning.competitive.LabelAssignment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Example 2, {@code --competitive}: Diehl-and-Cook style unsupervised learning of digit prototypes.
 *
 * <pre>
 *   784 Poisson inputs (T steps, rate maxRate * pixel) -> CompetitiveLayer(784 -> hidden): LIF + winner-take-all
 *   + adaptive threshold + pre-trace STDP + weight normalisation
 *   1. unsupervised: every training digit presented once per epoch, in data-set order, learning on
 *   2. frozen: spike counts on the training digits; each neuron labelled by its highest average response
 *   3. test accuracy by vote of the labelled neurons; for comparison a linear readout on the same spike counts
 * </pre>
 *
 * A benchmark line reports the time per training sample and the share of it spent in the STDP update (with
 * normalisation). Deterministic for a fixed seed. Not thread-safe: one run at a time per instance.
 */
public final class CompetitiveExample {
    private static final int SIDE = 28;
    private static final int CLASSES = 10;
    private final CompetitiveSettings settings;
    private final int epochs;
    private final int trainSamples;
    private final int testSamples;
    private final long seed;
    private final Path dataDir;
    private final Path png;
    private final boolean quiet;
    private final int readoutEpochs;
    private final PrintStream out;

    /**
     * Outcome of a run.
     *
     * @param voteTestAccuracy test accuracy by vote of the labelled neurons
     * @param voteTrainAccuracy training accuracy by vote
     * @param readoutTestAccuracy test accuracy of a linear readout on the same spike counts
     * @param secondsPerSample training wall time per sample presentation (learning on)
     * @param stdpShare fraction of the training time spent in STDP updates and normalisation
     * @param weights final W [hidden, 784], flat
     * @param neuronLabels assigned label of each neuron
     */
    public record Result(double voteTestAccuracy, double voteTrainAccuracy, double readoutTestAccuracy,
            double secondsPerSample, double stdpShare, float[] weights, int[] neuronLabels) {
    }

    /**
     * @param settings layer settings
     * @param epochs unsupervised epochs
     * @param trainSamples training digits used (first n)
     * @param testSamples test digits used (first n)
     * @param readoutEpochs epochs of the comparison linear readout (0: none)
     * @param seed seed of the layer (weights, input spikes)
     * @param dataDir full MNIST IDX folder, or null for the bundled sample
     * @param png receptive-field PNG, or null
     * @param quiet no tables or progress bars
     * @param out where the tables go
     */
    public CompetitiveExample(CompetitiveSettings settings, int epochs, int trainSamples, int testSamples,
            int readoutEpochs, long seed, Path dataDir, Path png, boolean quiet, PrintStream out) {
        if (epochs < 0 || trainSamples <= 0 || testSamples <= 0 || readoutEpochs < 0) {
            throw new IllegalArgumentException("stdp --competitive: epochs and readout epochs must be >= 0 and "
                    + "samples positive, got " + epochs + ", " + readoutEpochs + ", " + trainSamples + ", "
                    + testSamples);
        }
        this.settings = settings;
        this.epochs = epochs;
        this.trainSamples = trainSamples;
        this.testSamples = testSamples;
        this.readoutEpochs = readoutEpochs;
        this.seed = seed;
        this.dataDir = dataDir;
        this.png = png;
        this.quiet = quiet;
        this.out = out;
    }

    /**
     * @return the results
     * @throws IOException if the data cannot be read or the PNG cannot be written
     */
    public Result run() throws IOException {
        MnistDataset fullTrain = dataDir == null ? MnistDataset.bundled(true) : MnistDataset.fromDirectory(dataDir,
                true);
        MnistDataset fullTest = dataDir == null ? MnistDataset.bundled(false) : MnistDataset.fromDirectory(dataDir,
                false);
        Dataset train = new DatasetPrefix(fullTrain, Math.min(trainSamples, fullTrain.size()));
        Dataset test = new DatasetPrefix(fullTest, Math.min(testSamples, fullTest.size()));
        CompetitiveLayer layer = new CompetitiveLayer(settings, seed);
        if (!quiet) {
            out.printf("Example 2 --competitive: Diehl-Cook style STDP, %d excitatory neurons, %d train / %d test "
                    + "digits, T=%d, seed %d%n", settings.neurons(), train.size(), test.size(), settings.steps(), seed);
            out.println(settings);
        }
        float[] image = new float[SIDE * SIDE];
        long trainNanos = 0;
        long presented = 0;
        for (int e = 0; e < epochs; e++) {
            ProgressBar bar = quiet ? null : new ProgressBar(System.err,
                    String.format("competitive STDP epoch %d/%d", e + 1, epochs), train.size());
            long start = System.nanoTime();
            long spikes = 0;
            for (int s = 0; s < train.size(); s++) {
                train.copyFeatures(s, image, 0);
                for (int c : layer.present(image, true)) {
                    spikes += c;
                }
                if (bar != null && (s % 100 == 99 || s == train.size() - 1)) {
                    bar.update(s + 1, s + 1);
                }
            }
            long epochNanos = System.nanoTime() - start;
            trainNanos += epochNanos;
            presented += train.size();
            if (bar != null) {
                bar.finish();
            }
            if (!quiet) {
                out.printf("epoch %d: %.1f s, %.2f output spikes per digit%n", e + 1, epochNanos / 1e9,
                        (double) spikes / train.size());
            }
        }
        int[][] trainCounts = counts(layer, train, image, "labelling (frozen)");
        int[][] testCounts = counts(layer, test, image, "test (frozen)");
        int[] yTrain = labels(train);
        int[] yTest = labels(test);
        LabelAssignment assignment = LabelAssignment.fit(trainCounts, yTrain, CLASSES);
        double voteTest = assignment.accuracy(testCounts, yTest);
        double voteTrain = assignment.accuracy(trainCounts, yTrain);
        double readoutTest = Double.NaN;
        if (readoutEpochs > 0) {
            SpikeCountReadout readout = new SpikeCountReadout(toFloat(trainCounts), yTrain, CLASSES, readoutEpochs,
                    0.01, seed, quiet ? null : new io.matterhorn.examples.cli.ProgressBar(System.err, "readout",
                            readoutEpochs, "epochs"));
            readoutTest = readout.accuracy(toFloat(testCounts), yTest);
        }
        double perSample = presented == 0 ? 0 : trainNanos / 1e9 / presented;
        double share = trainNanos == 0 ? 0 : (double) layer.stdpNanos() / trainNanos;
        Result result = new Result(voteTest, voteTrain, readoutTest, perSample, share, layer.weights(),
                assignment.labels());
        if (!quiet) {
            int[] perClass = new int[CLASSES];
            for (int label : result.neuronLabels()) {
                perClass[label]++;
            }
            out.printf("neurons per assigned label: %s%n", java.util.Arrays.toString(perClass));
            out.printf("  %-44s | %9s | %9s%n", "classifier on the frozen layer's spike counts", "train acc",
                    "test acc");
            out.printf("  %-44s | %8.2f%% | %8.2f%%%n", "vote of labelled neurons (no trained readout)",
                    100 * voteTrain, 100 * voteTest);
            if (readoutEpochs > 0) {
                out.printf("  %-44s | %9s | %8.2f%%%n", "linear readout (Adam, " + readoutEpochs + " epochs)", "-",
                        100 * readoutTest);
            }
            out.printf("benchmark: %.3f ms per training sample, %.1f%% of it in the STDP update and normalisation "
                    + "(%d updates)%n", 1e3 * perSample, 100 * share, layer.learnedSpikes());
        } else {
            out.printf("test accuracy by vote: %.2f%%%n", 100 * voteTest);
        }
        if (png != null) {
            ReceptiveFieldImage.write(result.weights(), settings.neurons(), SIDE, SIDE, 10, 2, png);
            if (!quiet) {
                out.println("receptive fields (each 28x28 tile min-max normalised) written to " + png);
            }
        }
        return result;
    }

    private int[][] counts(CompetitiveLayer layer, Dataset data, float[] image, String label) {
        ProgressBar bar = quiet ? null : new ProgressBar(System.err, label, data.size());
        int[][] counts = new int[data.size()][];
        for (int s = 0; s < data.size(); s++) {
            data.copyFeatures(s, image, 0);
            counts[s] = layer.present(image, false);
            if (bar != null && (s % 100 == 99 || s == data.size() - 1)) {
                bar.update(s + 1, s + 1);
            }
        }
        if (bar != null) {
            bar.finish();
        }
        return counts;
    }

    private static float[][] toFloat(int[][] counts) {
        float[][] f = new float[counts.length][];
        for (int s = 0; s < counts.length; s++) {
            f[s] = new float[counts[s].length];
            for (int j = 0; j < counts[s].length; j++) {
                f[s][j] = counts[s][j];
            }
        }
        return f;
    }

    private static int[] labels(Dataset data) {
        int[] y = new int[data.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.label(i);
        }
        return y;
    }
}
