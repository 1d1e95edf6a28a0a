package io.matterhorn.examples;

import io.matterhorn.examples.bench.EventBinningBenchmark;
import io.matterhorn.examples.bench.MlpBenchmark;
import io.matterhorn.examples.cli.Options;
import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.examples.nmnist.NmnistCommand;
import io.matterhorn.examples.srm0.Srm0Command;
import io.matterhorn.examples.bench.StdpBenchmark;
import io.matterhorn.examples.stdp.StdpCommand;
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
 *         [--lr 0.001] [--data DIR [--download]] [--plot DIR]   example 1: spiking MLP on MNIST
 *   srm0  [--epochs 10] [--surrogate Sigmoid] [--seed 0] [--batch 256] [--time-steps 32] ...   example 3: SRM0
 *   bench [--batches 20] [--warmup 10] [--rounds 5] [--seed 0]   training-speed benchmark of example 1
 *   stdp  [--epochs 3] [--samples 8000] [--lr 0.001] [--png FILE] ...   example 2: unsupervised STDP + readout
 *   stdp-bench [--steps 32] [--batch 64] [--in 784] [--out 100]   STDP update: trace form vs double sum
 *   nmnist [--data DIR] [--download] [--epochs 32] [--time-steps 128] ...   example 4: conv SNN on N-MNIST
 *   show-events FILE [--out DIR]   plot a recording (N-MNIST .bin, AEDAT .aedat, SHD .h5)
 *   events-bench [--samples 10000] [--events 4000] [--time-steps 32] [--batch 64]   read + bin N-MNIST speed
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
                case "sew":
                    runSew(rest);
                    break;
                case "bench":
                    MlpBenchmark.main(rest.toArray(new String[0]));
                    break;
                case "srm0":
                    Srm0Command.run(rest);
                    break;
                case "stdp":
                    StdpCommand.run(rest);
                    break;
                case "stdp-bench":
                    StdpBenchmark.main(rest.toArray(new String[0]));
                    break;
                case "events-bench":
                    EventBinningBenchmark.main(rest.toArray(new String[0]));
                    break;
                case "show-events":
                    io.matterhorn.examples.plots.ShowEvents.run(rest, System.out);
                    break;
                case "nmnist":
                    int code = NmnistCommand.run(rest, System.out, System.err);
                    if (code != 0) {
                        System.exit(code);
                    }
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
                "lr", "data", "max-batches", "plot"), Set.of("quiet", "download"));
        MlpConfig d = MlpConfig.defaults();
        Path dataDir = io.matterhorn.examples.cli.MnistData.directory(o, System.out);
        MlpConfig config = new MlpConfig(o.getInt("epochs", d.epochs()), o.getInt("tmax", d.scheduleEpochs()), o.getInt("time-steps", d.timeSteps()),
                o.getInt("batch", d.batchSize()), o.getDouble("lr", d.learningRate()),
                o.has("surrogate-a") ? Surrogate.byName(o.getString("surrogate", "Sigmoid"), o.getDouble("surrogate-a", 1))
                        : Surrogate.byName(o.getString("surrogate", "Sigmoid")),
                o.getLong("seed", d.seed()), dataDir, o.getInt("max-batches", 0),
                o.has("quiet"));
        if (config.surrogate().kernelId() == 0) {
            System.out.println("note: with the Rectangular surrogate this model does not learn on MNIST (the silent "
                    + "output layer gets zero gradient); Sigmoid is the default for that reason.");
        }
        MlpExample example = new MlpExample(config, System.out);
        List<io.matterhorn.examples.mlp.EpochResult> results = example.run();
        if (o.has("plot")) {
            Path dir = Path.of(o.getString("plot", "plots"));
            io.matterhorn.data.mnist.MnistDataset test = dataDir == null
                    ? io.matterhorn.data.mnist.MnistDataset.bundled(false)
                    : io.matterhorn.data.mnist.MnistDataset.fromDirectory(dataDir, false);
            for (Path f : io.matterhorn.examples.plots.MlpPlots.write(example.model(), test, results, dir)) {
                System.out.println("wrote " + f);
            }
        }
    }

    private static void runSew(List<String> args) {
        Options o = Options.parse(args, Set.of("size", "time-steps", "batch", "steps", "connection", "seed"),
                Set.of());
        io.matterhorn.examples.sew.SewExample.run(o.getInt("size", 32), o.getInt("time-steps", 4),
                o.getInt("batch", 2), o.getInt("steps", 2),
                io.matterhorn.model.ResidualConnection.valueOf(o.getString("connection", "ADD").toUpperCase(
                        java.util.Locale.ROOT)), o.getLong("seed", 0), System.out);
    }

    private static void usage() {
        System.out.println("usage: Main <command> [options]\n"
                + "  mlp   [--epochs 20] [--tmax 100] [--surrogate Sigmoid|Rectangular|Polynomial|Gaussian] [--surrogate-a A]\n"
                + "        [--seed 0] [--batch 256] [--time-steps 32] [--lr 0.001] [--data DIR [--download]] [--plot DIR]\n"
                + "        [--quiet]   example 1: spiking MLP; bundled 10,000-digit MNIST sample unless --data names a\n"
                + "        folder with the IDX files (train-images-idx3-ubyte[.gz], t10k-... or test-...); --download\n"
                + "        fetches the full MNIST there; --plot writes an output-layer raster and training curves\n"
                + Srm0Command.USAGE
                + StdpCommand.USAGE
                + NmnistCommand.USAGE
                + io.matterhorn.examples.plots.ShowEvents.USAGE
                + "  sew   [--size 32] [--time-steps 4] [--batch 2] [--steps 2] [--connection ADD|AND|IAND] [--seed 0]\n"
                + "        example 5: SEW-ResNet-18 parameter count, forward pass and training steps on random spikes\n"
                + "  bench [--batches 20] [--warmup 10] [--rounds 5] [--seed 0]\n"
                + "        training speed of example 1; last line: samples_per_s <n>\n"
                + "  events-bench [--samples 10000] [--events 4000] [--time-steps 32] [--batch 64] [--dir DIR]\n"
                + "        read + bin synthetic N-MNIST files, cold (no cache) and cached; samples/s");
    }
}
