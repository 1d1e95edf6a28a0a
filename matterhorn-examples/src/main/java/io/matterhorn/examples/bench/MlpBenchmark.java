package io.matterhorn.examples.bench;

import io.matterhorn.data.loader.Batch;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.numeric.Parallel;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.MemoryScope;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Training-speed benchmark of example 1 (T=32, 784-80-10, batch 256, Adam, MSE) on the bundled MNIST sample.
 * Warms up until the JIT compiler is quiet ({@link JitWarmUp}: at least {@code --warmup} batches; the PyTorch
 * reference likewise times its second epoch, in its steady state), then times {@code --batches} training steps
 * (forward, backward, optimiser; batches prepared in advance so data loading is not measured, as in the PyTorch
 * reference script's in-memory tensors) and prints the median of the timed rounds (5 by default). Last line:
 * {@code samples_per_s <n>}.
 */
public final class MlpBenchmark {
    private MlpBenchmark() {
    }

    /** The {@code bench} command. */
    @picocli.CommandLine.Command(name = "bench", description = "Training speed of example 1 (T=32, 784-80-10, batch "
            + "256, Adam); last line: samples_per_s N.")
    public static final class Command extends io.matterhorn.examples.cli.ExampleCommand {
        @picocli.CommandLine.Option(names = "--batches", description = "Batches per timed round.")
        private int batches = 20;

        @picocli.CommandLine.Option(names = "--warmup", description = "Warm-up batches at least; the warm-up then "
                + "goes on until the JIT compiler is quiet.")
        private int warmup = 40;

        @picocli.CommandLine.Option(names = "--warmup-max-seconds", description = "Longest warm-up (seconds).")
        private double warmupMaxSeconds = 60;

        @picocli.CommandLine.Option(names = "--rounds", description = "Timed rounds; the median is reported.")
        private int rounds = 5;

        @picocli.CommandLine.Option(names = "--seed", description = "Seed of the model and the batches.")
        private long seed = 0;

        @Override
        protected int run() {
            MlpBenchmark.run(batches, warmup, warmupMaxSeconds, rounds, seed);
            return OK;
        }
    }

    /**
     * Runs the benchmark and prints the rates.
     *
     * @param batches batches per timed round
     * @param warmup  warm-up batches at least (the warm-up goes on until the JIT compiler is quiet, see
     *                {@link JitWarmUp})
     * @param warmupMaxSeconds longest warm-up, seconds
     * @param rounds  timed rounds
     * @param seed    seed of the model and the data order
     */
    public static void run(int batches, int warmup, double warmupMaxSeconds, int rounds, long seed) {
        if (batches < 1 || warmup < 0 || rounds < 1 || !(warmupMaxSeconds > 0)) {
            throw new IllegalArgumentException("bench: --batches and --rounds must be >= 1, --warmup >= 0, "
                    + "--warmup-max-seconds > 0");
        }
        MlpConfig d = MlpConfig.defaults();
        MlpConfig config = new MlpConfig(1, d.scheduleEpochs(), d.timeSteps(), d.batchSize(), d.learningRate(),
                d.surrogate(),
                seed, null, 0, true);
        List<Batch> prepared = prepare(config);
        Module model = MlpExample.buildModel(config);
        Adam optimizer = new Adam(model.trainableParameters(), config.learningRate());
        System.out.printf("benchmark: example 1 training step, T=%d, batch %d, %d threads%n", config.timeSteps(),
                config.batchSize(), Parallel.threads());
        int[] next = {0};
        JitWarmUp.Result warm = JitWarmUp.run(n -> next[0] = run(model, optimizer, prepared, next[0], n), warmup,
                warmupMaxSeconds);
        System.out.println(warm.describe());
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            next[0] = run(model, optimizer, prepared, next[0], batches);
            double seconds = (System.nanoTime() - start) / 1e9;
            rates[r] = batches * (double) config.batchSize() / seconds;
            System.out.printf("round %d: %d batches in %.3f s, %.0f samples/s%n", r + 1, batches, seconds, rates[r]);
        }
        Arrays.sort(rates);
        System.out.printf("samples_per_s %.0f%n", rates[rounds / 2]);
    }

    /**
     * @param config settings (batch size, seed)
     * @return one epoch of the bundled MNIST sample, loaded into memory so that loading is not timed
     */
    static List<Batch> prepare(MlpConfig config) {
        BatchLoader loader = BatchLoader.builder(MnistDataset.bundled(true)).batchSize(config.batchSize())
                .shuffle(true).seed(config.seed()).dropLast(true).build();
        List<Batch> prepared = new ArrayList<>();
        for (Batch b : loader.epoch(0)) {
            prepared.add(b);
        }
        return prepared;
    }

    /**
     * Trains {@code count} steps (forward, MSE loss, backward, Adam), cycling through the batches.
     *
     * @param model the example-1 model
     * @param optimizer its optimiser
     * @param batches prepared batches
     * @param first index of the first step's batch (taken modulo the number of batches)
     * @param count number of steps
     * @return the index of the batch after the last one trained
     */
    static int run(Module model, Adam optimizer, List<Batch> batches, int first, int count) {
        for (int i = first; i < first + count; i++) {
            Batch batch = batches.get(i % batches.size());
            try (MemoryScope scope = MemoryScope.open("train")) {
                Tensor loss = Losses.mse(model.forward(batch.input()), Tensor.oneHot(batch.labels(), 10));
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                loss.item();
            }
        }
        return (first + count) % batches.size();
    }
}
