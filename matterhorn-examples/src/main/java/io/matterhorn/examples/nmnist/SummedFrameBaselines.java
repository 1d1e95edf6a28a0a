package io.matterhorn.examples.nmnist;

import io.matterhorn.data.neuromorphic.CameraEventDataset;
import io.matterhorn.data.neuromorphic.SimulatedNMNIST;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The {@code sim-baseline} command: how much of the digit the frames of the simulated N-MNIST carry, measured by two
 * classifiers without any spiking network, on the frames example 4 gets ({@code [T, 2, 34, 34]}, binary) summed
 * over {@code T} ({@code x[p, y, x]} = number of bins in which the pixel fired, divided by {@code T}):
 * <ul>
 *   <li>nearest centroid: the class whose mean training vector is closest in Euclidean distance;</li>
 *   <li>softmax regression: {@code p = softmax(W x + b)}, {@code W} {@code [10, 2312]}, trained by plain SGD on the
 *       cross-entropy, one sample per step, learning rate {@code --lr}, samples shuffled per epoch.</li>
 * </ul>
 * If these stay near chance (10%), the data (labels, binning, simulator) is broken, not the network.
 * Single-threaded; not thread-safe.
 */
public final class SummedFrameBaselines {

    private static final int CLASSES = 10;

    private SummedFrameBaselines() {
    }

    /** The {@code sim-baseline} command. */
    @picocli.CommandLine.Command(name = "sim-baseline", description = "The simulated N-MNIST without a network: "
            + "nearest "
            + "centroid and softmax regression on the binary frames summed over T (test accuracy; near 10%% would "
            + "mean broken data).")
    public static final class Command extends io.matterhorn.examples.cli.ExampleCommand {
        @picocli.CommandLine.Option(names = "--data", paramLabel = "DIR",
                description = "Data folder; the recordings are cached in DIR/SimulatedNMNIST.")
        private Path data = Path.of("data");

        @picocli.CommandLine.Option(names = "--time-steps", description = "Time bins T.")
        private int timeSteps = NmnistCommand.SIMULATED_TIME_STEPS;

        @picocli.CommandLine.Option(names = "--epochs", description = "SGD epochs of the softmax regression.")
        private int epochs = 10;

        @picocli.CommandLine.Option(names = "--lr", description = "SGD learning rate.")
        private double lr = 0.01;

        @picocli.CommandLine.Option(names = "--seed", description = "Seed of the SGD order.")
        private long seed = 0;

        @Override
        protected int run() throws IOException {
            SummedFrameBaselines.run(data, timeSteps, epochs, lr, seed, out());
            return OK;
        }
    }

    /**
     * Runs both baselines and prints their test accuracy.
     *
     * @param root   data folder (the simulated recordings are cached in {@code root/SimulatedNMNIST})
     * @param t      time bins
     * @param epochs SGD epochs of the softmax regression
     * @param lr     its learning rate
     * @param seed   seed of its sample order
     * @param out    where the figures go
     * @throws IOException if the simulated set cannot be read or cached
     */
    public static void run(Path root, int t, int epochs, double lr, long seed, PrintStream out) throws IOException {
        if (t < 1 || epochs < 1 || !(lr > 0)) {
            throw new IllegalArgumentException("sim-baseline: --time-steps and --epochs must be >= 1 and --lr > 0");
        }
        System.err.println("Opening the simulated N-MNIST in " + root.resolve("SimulatedNMNIST") + " (the first run "
                + "simulates the recordings and caches them: about 30 s on 2 cores) ...");
        float[][] xTrain;
        float[][] xTest;
        int[] yTrain;
        int[] yTest;
        try (SimulatedNMNIST train = SimulatedNMNIST.builder(root).train(true).timeSteps(t).build();
             SimulatedNMNIST test = SimulatedNMNIST.builder(root).train(false).timeSteps(t).build()) {
            xTrain = summedFrames(train, t);
            yTrain = labels(train);
            xTest = summedFrames(test, t);
            yTest = labels(test);
        }
        out.printf("summed binary frames (T=%d) of the simulated N-MNIST: %d train / %d test recordings, %d features%n",
                t, xTrain.length, xTest.length, xTrain[0].length);
        out.printf("nearest centroid: test accuracy %.2f%%%n", 100 * nearestCentroid(xTrain, yTrain, xTest, yTest));
        SplittableRandom random = new SplittableRandom(seed);
        double[][] w = new double[CLASSES][xTrain[0].length + 1];
        for (int e = 1; e <= epochs; e++) {
            sgdEpoch(w, xTrain, yTrain, lr, random);
            out.printf("softmax regression epoch %2d: train accuracy %.2f%%, test accuracy %.2f%%%n", e,
                    100 * accuracy(w, xTrain, yTrain), 100 * accuracy(w, xTest, yTest));
        }
    }

    /** Per recording: the binary frames summed over time and divided by {@code T}, {@code [n][P * H * W]}. */
    static float[][] summedFrames(CameraEventDataset d, int t) {
        long[] shape = d.sampleShape();
        int features = (int) (shape[1] * shape[2] * shape[3]);
        float[] frames = new float[t * features];
        float[][] x = new float[d.size()][features];
        for (int i = 0; i < d.size(); i++) {
            d.copyFeatures(i, frames, 0);
            for (int k = 0; k < frames.length; k++) {
                x[i][k % features] += frames[k] / t;
            }
        }
        return x;
    }

    private static int[] labels(CameraEventDataset d) {
        int[] y = new int[d.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = d.label(i);
        }
        return y;
    }

    /** Fraction of test vectors whose nearest class mean of the training vectors has their label. */
    static double nearestCentroid(float[][] xTrain, int[] yTrain, float[][] xTest, int[] yTest) {
        int f = xTrain[0].length;
        double[][] mean = new double[CLASSES][f];
        int[] count = new int[CLASSES];
        for (int i = 0; i < xTrain.length; i++) {
            count[yTrain[i]]++;
            for (int k = 0; k < f; k++) {
                mean[yTrain[i]][k] += xTrain[i][k];
            }
        }
        for (int c = 0; c < CLASSES; c++) {
            for (int k = 0; k < f; k++) {
                mean[c][k] /= Math.max(1, count[c]);
            }
        }
        int correct = 0;
        for (int i = 0; i < xTest.length; i++) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                if (count[c] == 0) {
                    continue;
                }
                double d = 0;
                for (int k = 0; k < f; k++) {
                    double e = xTest[i][k] - mean[c][k];
                    d += e * e;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            correct += best == yTest[i] ? 1 : 0;
        }
        return (double) correct / xTest.length;
    }

    /**
     * One SGD epoch of softmax regression: per sample, {@code W[c] -= lr (p_c - [c = y]) x},
     * {@code b_c -= lr (p_c - [c = y])}; {@code w[c]} holds {@code W[c]} followed by {@code b_c}.
     */
    static void sgdEpoch(double[][] w, float[][] x, int[] y, double lr, SplittableRandom random) {
        int[] order = new int[x.length];
        Arrays.setAll(order, i -> i);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int f = x[0].length;
        for (int i : order) {
            double[] p = probabilities(w, x[i]);
            for (int c = 0; c < CLASSES; c++) {
                double g = lr * (p[c] - (c == y[i] ? 1 : 0));
                for (int k = 0; k < f; k++) {
                    w[c][k] -= g * x[i][k];
                }
                w[c][f] -= g;
            }
        }
    }

    /** {@code softmax(W x + b)}, computed with the largest score subtracted. */
    static double[] probabilities(double[][] w, float[] x) {
        int f = x.length;
        double[] z = new double[CLASSES];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CLASSES; c++) {
            double s = w[c][f];
            for (int k = 0; k < f; k++) {
                s += w[c][k] * x[k];
            }
            z[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < CLASSES; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < CLASSES; c++) {
            z[c] /= sum;
        }
        return z;
    }

    private static double accuracy(double[][] w, float[][] x, int[] y) {
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            double[] p = probabilities(w, x[i]);
            int best = 0;
            for (int c = 1; c < CLASSES; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            correct += best == y[i] ? 1 : 0;
        }
        return (double) correct / x.length;
    }
}
