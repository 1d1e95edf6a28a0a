package io.matterhorn.examples.bench;

import io.matterhorn.examples.nmnist.NmnistConfig;
import io.matterhorn.examples.nmnist.NmnistExample;
import io.matterhorn.numeric.Parallel;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.MemoryScope;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training-speed benchmark of example 4's convolutional model on random binary events, the same workload as
 * {@code scripts/reference/torch_reference_conv.py}: input {@code [B, T, 2, 34, 34]} with each element 1 with
 * probability {@code density}, fixed for the run; labels {@code i mod 10}; MSE against one-hot; Adam lr 1e-3.
 * Warms up until the JIT compiler is quiet ({@link JitWarmUp}: at least {@code --warmup} steps, at most
 * {@code --warmup-max-seconds}), then runs {@code --rounds} rounds of {@code --steps} training steps (forward,
 * backward, update) and prints the median rate. Last line: {@code samples_per_s <n>}.
 *
 * <p>With {@code --memory} it also prints the process's peak resident memory ({@code VmHWM} from
 * {@code /proc/self/status}, Linux only) after the run; with {@code --activity}, the mean of each layer's output on
 * the benchmark input after the timed rounds (for a LIF layer, its share of spikes: how much the event-driven
 * convolution that follows has to do), one line {@code layer_mean <index> <layer> <mean>} per layer.
 */
public final class ConvBenchmark {
    private static final int CLASSES = 10;

    private ConvBenchmark() {
    }

    /** The {@code bench-conv} command. */
    @picocli.CommandLine.Command(name = "bench-conv", description = "Training speed of example 4's conv model on "
            + "random binary events (as torch_reference_conv.py); last line: samples_per_s N.")
    public static final class Command extends io.matterhorn.examples.cli.ExampleCommand {
        @picocli.CommandLine.Option(names = "--time-steps", description = "Time steps T.")
        private int timeSteps = 8;

        @picocli.CommandLine.Option(names = "--batch", description = "Batch size.")
        private int batch = 32;

        @picocli.CommandLine.Option(names = "--density", description = "Share of ones in the random input events.")
        private double density = 0.2;

        @picocli.CommandLine.Option(names = "--steps", description = "Training steps per timed round.")
        private int steps = 5;

        @picocli.CommandLine.Option(names = "--warmup", description = "Warm-up steps at least; the warm-up then goes "
                + "on until the JIT compiler is quiet.")
        private int warmup = 10;

        @picocli.CommandLine.Option(names = "--warmup-max-seconds", description = "Longest warm-up (seconds).")
        private double warmupMaxSeconds = 60;

        @picocli.CommandLine.Option(names = "--rounds", description = "Timed rounds; the median is reported.")
        private int rounds = 5;

        @picocli.CommandLine.Option(names = "--seed", description = "Seed of the model and the events.")
        private long seed = 0;

        @picocli.CommandLine.Option(names = "--memory", description = "Also print the peak resident memory (Linux).")
        private boolean memory;

        @picocli.CommandLine.Option(names = "--activity", description = "Also print the mean of each layer's output "
                + "on the benchmark input after the timed rounds (a LIF layer's share of spikes).")
        private boolean activity;

        @Override
        protected int run() {
            ConvBenchmark.run(timeSteps, batch, density, steps, warmup, warmupMaxSeconds, rounds, seed, memory,
                    activity);
            return OK;
        }
    }

    /**
     * Runs the benchmark and prints the rates.
     *
     * @param timeSteps time steps T
     * @param batch     batch size
     * @param density   share of ones in the random input events
     * @param steps     training steps per timed round
     * @param warmup    warm-up steps at least (the warm-up goes on until the JIT compiler is quiet, see
     *                  {@link JitWarmUp})
     * @param warmupMaxSeconds longest warm-up, seconds
     * @param rounds    timed rounds
     * @param seed      seed of the model and the events
     * @param memory    also print the peak resident memory
     * @param activity  also print the mean of each layer's output after the timed rounds
     */
    public static void run(int timeSteps, int batch, double density, int steps, int warmup, double warmupMaxSeconds,
            int rounds, long seed, boolean memory, boolean activity) {
        if (timeSteps < 1 || batch < 1 || steps < 1 || warmup < 0 || rounds < 1 || !(warmupMaxSeconds > 0)) {
            throw new IllegalArgumentException("bench-conv: --time-steps, --batch, --steps and --rounds must be >= 1, "
                    + "--warmup >= 0, --warmup-max-seconds > 0");
        }
        if (!(density >= 0 && density <= 1)) {
            throw new IllegalArgumentException("bench-conv: --density must be in [0, 1], got " + density);
        }
        NmnistConfig d = NmnistConfig.defaults();
        NmnistConfig config = new NmnistConfig(1, 1, timeSteps, batch, d.learningRate(), d.tauM(), d.surrogate(),
                seed, d.dataRoot(), false, 0, 0, true, false, null);
        Module model = NmnistExample.buildModel(config);
        Adam optimizer = new Adam(model.trainableParameters(), config.learningRate());
        INDArray input = randomEvents(batch, timeSteps, density, seed);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, batch, CLASSES);
        for (int i = 0; i < batch; i++) {
            oneHot.putScalar(i, i % CLASSES, 1f);
        }
        System.out.printf(Locale.ROOT, "benchmark: example 4 conv model training step, T=%d, batch %d, "
                + "input density %.3f, %d threads%n", timeSteps, batch, density, Parallel.threads());
        JitWarmUp.Result warm = JitWarmUp.run(n -> run(model, optimizer, input, oneHot, n), warmup,
                warmupMaxSeconds);
        System.out.println(warm.describe());
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            run(model, optimizer, input, oneHot, steps);
            double seconds = (System.nanoTime() - start) / 1e9;
            rates[r] = steps * (double) batch / seconds;
            System.out.printf(Locale.ROOT, "round %d: %d steps in %.3f s, %.1f samples/s%n", r + 1, steps, seconds,
                    rates[r]);
        }
        if (memory) {
            System.out.println("peak_rss_mib " + PeakMemory.peakResidentMiB());
        }
        if (activity) {
            printLayerMeans(model, input);
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "samples_per_s %.1f%n", rates[rounds / 2]);
    }

    /** Binary events {@code [B, T, 2, 34, 34]}, each 1 with probability {@code density}. */
    static INDArray randomEvents(int batch, int timeSteps, double density, long seed) {
        int n = Math.multiplyExact(Math.multiplyExact(batch, timeSteps), 2 * 34 * 34);
        float[] v = new float[n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble() < density ? 1f : 0f;
        }
        return Nd4j.create(v, new long[] {batch, timeSteps, 2, 34, 34}, 'c');
    }

    /** One forward pass, layer by layer, printing the mean of each layer's output. */
    private static void printLayerMeans(Module model, INDArray input) {
        try (MemoryScope scope = MemoryScope.open("activity")) {
            Tensor y = Tensor.of(input);
            int index = 0;
            for (Module layer : model.children()) {
                y = layer.forward(y);
                System.out.printf(Locale.ROOT, "layer_mean %d %s %.6f%n", index++, layer.getClass().getSimpleName(),
                        y.value().meanNumber().doubleValue());
            }
        }
    }

    private static void run(Module model, Adam optimizer, INDArray input, INDArray oneHot, int count) {
        for (int i = 0; i < count; i++) {
            try (MemoryScope scope = MemoryScope.open("train")) {
                Tensor loss = Losses.mse(model.forward(Tensor.of(input)), Tensor.of(oneHot));
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                loss.item();
            }
        }
    }
}
