package io.matterhorn.examples.bench;

import io.matterhorn.data.loader.Batch;
import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.kernel.Backends;
import io.matterhorn.numeric.Parallel;
import io.matterhorn.optim.Adam;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import java.util.Arrays;
import java.util.List;

/**
 * Training speed of example 1 with a user-defined surrogate against the built-in one. Both models train the same
 * batches from the same seed; the custom surrogate is the Sigmoid(1) derivative written by hand with
 * {@link Surrogate#of}, so both run the same arithmetic and fire the same spikes, and the difference is only how
 * the surrogate is called (a built-in record against a user's lambda) and, on a native backend, the fall-back to
 * the Java kernel. Rounds alternate which model goes first. Prints the median seconds of each and, last,
 * {@code custom_over_builtin <ratio>}. Run with {@code -Dmatterhorn.backend=java} for the figure of the issue.
 */
public final class SurrogateBenchmark {
    private SurrogateBenchmark() {
    }

    /** The {@code surrogate-bench} command. */
    @picocli.CommandLine.Command(name = "surrogate-bench", description = "Example 1 trained with the built-in Sigmoid(1) and with the same formula as a custom surrogate (Surrogate.of); prints custom_over_builtin, the ratio of their training times.")
    public static final class Command extends io.matterhorn.examples.cli.ExampleCommand {
        @picocli.CommandLine.Option(names = "--batches", description = "Batches per timed round.")
        private int batches = 30;

        @picocli.CommandLine.Option(names = "--warmup", description = "Warm-up batches.")
        private int warmup = 10;

        @picocli.CommandLine.Option(names = "--rounds", description = "Timed rounds of each; the medians are compared.")
        private int rounds = 5;

        @picocli.CommandLine.Option(names = "--seed", description = "Seed of the model and the batches.")
        private long seed = 0;

        @Override
        protected int run() {
            SurrogateBenchmark.run(batches, warmup, rounds, seed);
            return OK;
        }
    }

    /**
     * Runs the benchmark and prints the times.
     *
     * @param batches batches per timed round
     * @param warmup  warm-up batches
     * @param rounds  timed rounds of each surrogate
     * @param seed    seed of the model and the batches
     */
    public static void run(int batches, int warmup, int rounds, long seed) {
        Surrogate custom = Surrogate.of("HandSigmoid", x -> {
            double s = 1.0 / (1.0 + Math.exp(-x));
            return s * (1.0 - s);
        });
        MlpConfig builtInConfig = config(new Sigmoid(1.0), seed);
        MlpConfig customConfig = config(custom, seed);
        List<Batch> prepared = MlpBenchmark.prepare(builtInConfig);
        Module builtIn = MlpExample.buildModel(builtInConfig);
        Module mine = MlpExample.buildModel(customConfig);
        Adam builtInOpt = new Adam(builtIn.trainableParameters(), builtInConfig.learningRate());
        Adam mineOpt = new Adam(mine.trainableParameters(), customConfig.learningRate());
        System.out.printf("benchmark: example 1, built-in Sigmoid(1) vs custom %s, T=%d, batch %d, backend %s, "
                + "%d threads%n", custom.name(), builtInConfig.timeSteps(), builtInConfig.batchSize(),
                Backends.provider().name(), Parallel.threads());
        MlpBenchmark.run(builtIn, builtInOpt, prepared, warmup);
        MlpBenchmark.run(mine, mineOpt, prepared, warmup);
        double[] tb = new double[rounds];
        double[] tc = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                tb[r] = time(builtIn, builtInOpt, prepared, batches);
                tc[r] = time(mine, mineOpt, prepared, batches);
            } else {
                tc[r] = time(mine, mineOpt, prepared, batches);
                tb[r] = time(builtIn, builtInOpt, prepared, batches);
            }
            System.out.printf("round %d: %d batches, built-in %.3f s, custom %.3f s%n", r + 1, batches, tb[r], tc[r]);
        }
        double mb = median(tb);
        double mc = median(tc);
        System.out.printf("built_in_s %.3f%ncustom_s %.3f%ncustom_over_builtin %.3f%n", mb, mc, mc / mb);
    }

    private static MlpConfig config(Surrogate s, long seed) {
        MlpConfig d = MlpConfig.defaults();
        return new MlpConfig(1, d.scheduleEpochs(), d.timeSteps(), d.batchSize(), d.learningRate(), s, seed, null, 0,
                true);
    }

    private static double time(Module model, Adam optimizer, List<Batch> batches, int count) {
        long start = System.nanoTime();
        MlpBenchmark.run(model, optimizer, batches, count);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
