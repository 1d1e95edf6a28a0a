package io.matterhorn.examples.bench;

import io.matterhorn.numeric.Parallel;
import io.matterhorn.snn.learning.Stdp;
import io.matterhorn.snn.learning.StdpWindow;
import java.util.Arrays;
import java.util.Random;

/**
 * Speed of one STDP update, trace form ({@link Stdp#deltaWeight}) against the literal double sum over spike
 * times ({@link Stdp#directDoubleSum}), on random spike trains (default T=32, B=64, in=784, out=100, 10% of
 * entries spiking, A+ = A- = 0.05, tau+ = tau- = 2). Each form runs once to warm up, then {@code --rounds}
 * times; the median time is reported. Prints both times, their ratio and the largest absolute difference
 * between the two results.
 */
public final class StdpBenchmark {
    private StdpBenchmark() {
    }

    /** The {@code stdp-bench} command. */
    @picocli.CommandLine.Command(name = "stdp-bench", description = "The STDP update: trace form against the direct double sum over spike times.")
    public static final class Command extends io.matterhorn.examples.cli.ExampleCommand {
        @picocli.CommandLine.Option(names = "--steps", description = "Time steps T.")
        private int steps = 32;

        @picocli.CommandLine.Option(names = "--batch", description = "Batch size.")
        private int batch = 64;

        @picocli.CommandLine.Option(names = "--in", description = "Input neurons.")
        private int nIn = 784;

        @picocli.CommandLine.Option(names = "--out", description = "Output neurons.")
        private int nOut = 100;

        @picocli.CommandLine.Option(names = "--density", description = "Spike density of the random trains.")
        private double density = 0.1;

        @picocli.CommandLine.Option(names = "--rounds", description = "Timed rounds.")
        private int rounds = 5;

        @picocli.CommandLine.Option(names = "--seed", description = "Seed of the spike trains.")
        private long seed = 0;

        @Override
        protected int run() {
            StdpBenchmark.run(steps, batch, nIn, nOut, density, rounds, seed);
            return OK;
        }
    }

    /**
     * Runs the benchmark and prints the times.
     *
     * @param steps   time steps T
     * @param batch   batch size
     * @param nIn     input neurons
     * @param nOut    output neurons
     * @param density spike density of the random trains
     * @param rounds  timed rounds
     * @param seed    seed of the spike trains
     */
    public static void run(int steps, int batch, int nIn, int nOut, double density, int rounds, long seed) {
        if (steps <= 0 || batch <= 0 || nIn <= 0 || nOut <= 0 || rounds <= 0 || !(density >= 0 && density <= 1)) {
            throw new IllegalArgumentException("stdp-bench: sizes and --rounds must be positive and --density in "
                    + "[0, 1]");
        }
        Random r = new Random(seed);
        float[] in = spikes(r, steps * batch * nIn, density);
        float[] out = spikes(r, steps * batch * nOut, density);
        StdpWindow w = StdpWindow.DEFAULT;
        System.out.printf("benchmark: STDP update, T=%d, B=%d, in=%d, out=%d, density %.2f, %d threads%n", steps,
                batch, nIn, nOut, density, Parallel.threads());
        double[] trace = Stdp.deltaWeight(w, in, out, steps, batch, nIn, nOut);
        double[] direct = Stdp.directDoubleSum(w, in, out, steps, batch, nIn, nOut);
        double traceMs = median(rounds, () -> Stdp.deltaWeight(w, in, out, steps, batch, nIn, nOut));
        double directMs = median(rounds, () -> Stdp.directDoubleSum(w, in, out, steps, batch, nIn, nOut));
        double maxDiff = 0;
        double maxAbs = 0;
        for (int k = 0; k < trace.length; k++) {
            maxDiff = Math.max(maxDiff, Math.abs(trace[k] - direct[k]));
            maxAbs = Math.max(maxAbs, Math.abs(direct[k]));
        }
        System.out.printf("trace form (two event-driven products): %10.2f ms%n", traceMs);
        System.out.printf("direct double sum over spike times:     %10.2f ms%n", directMs);
        System.out.printf("speed-up %.1fx; max |difference| %.3g (largest |dW| %.3g)%n", directMs / traceMs, maxDiff,
                maxAbs);
    }

    private static float[] spikes(Random r, int n, double density) {
        float[] s = new float[n];
        for (int k = 0; k < n; k++) {
            s[k] = r.nextDouble() < density ? 1f : 0f;
        }
        return s;
    }

    private static double median(int rounds, Runnable body) {
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[rounds / 2];
    }
}
