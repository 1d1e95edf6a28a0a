package io.matterhorn.examples;

import io.matterhorn.examples.bench.MlpBenchmark;
import io.matterhorn.examples.cli.Options;
import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.snn.surrogate.Surrogate;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Command-line entry point of the examples:
 *
 * <pre>
 *   mlp   [--epochs 20] [--tmax 100] [--surrogate Sigmoid] [--surrogate-a 1] [--seed 0] [--batch 256] [--time-steps 32]
 *         [--lr 0.001] [--data DIR]          example 1: spiking MLP on MNIST
 *   bench [--batches 20] [--warmup 10] [--rounds 5] [--seed 0]   training-speed benchmark of example 1
 * </pre>
 */
public final class Main {
    private Main() {
    }

    /**
     * @param args command and options
     * @throws Exception on failure (printed with a message)
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage();
            return;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "mlp":
                    runMlp(rest);
                    break;
                case "bench":
                    MlpBenchmark.main(rest.toArray(new String[0]));
                    break;
                default:
                    System.err.println("unknown command '" + args[0] + "'");
                    usage();
                    System.exit(2);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void runMlp(List<String> args) throws Exception {
        Options o = Options.parse(args, Set.of("epochs", "tmax", "surrogate", "surrogate-a", "seed", "batch", "time-steps",
                "lr", "data", "max-batches"), Set.of("quiet"));
        MlpConfig d = MlpConfig.defaults();
        String data = o.getString("data", null);
        MlpConfig config = new MlpConfig(o.getInt("epochs", d.epochs()), o.getInt("tmax", d.scheduleEpochs()), o.getInt("time-steps", d.timeSteps()),
                o.getInt("batch", d.batchSize()), o.getDouble("lr", d.learningRate()),
                Surrogate.byName(o.getString("surrogate", "Sigmoid"), o.getDouble("surrogate-a", 1.0)),
                o.getLong("seed", d.seed()), data == null ? null : Path.of(data), o.getInt("max-batches", 0),
                o.has("quiet"));
        if (config.surrogate().kernelId() == 0) {
            System.out.println("note: with the Rectangular surrogate this model does not learn on MNIST (the silent "
                    + "output layer gets zero gradient); Sigmoid is the default for that reason.");
        }
        new MlpExample(config, System.out).run();
    }

    private static void usage() {
        System.out.println("usage: Main <command> [options]\n"
                + "  mlp   [--epochs 20] [--tmax 100] [--surrogate Sigmoid|Rectangular|Polynomial|Gaussian] [--surrogate-a 1]\n"
                + "        [--seed 0] [--batch 256] [--time-steps 32] [--lr 0.001] [--data DIR] [--quiet]\n"
                + "        example 1: spiking MLP; bundled 10,000-digit MNIST sample unless --data names a folder\n"
                + "        with the IDX files (train-images-idx3-ubyte[.gz], t10k-... or test-...)\n"
                + "  bench [--batches 20] [--warmup 10] [--rounds 5] [--seed 0]\n"
                + "        training speed of example 1; last line: samples_per_s <n>");
    }
}
