package io.matterhorn.examples;

import io.matterhorn.examples.bench.ConvBenchmark;
import io.matterhorn.examples.bench.EventBinningBenchmark;
import io.matterhorn.examples.bench.MlpBenchmark;
import io.matterhorn.examples.bench.SimulationReport;
import io.matterhorn.examples.cli.Options;
import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.examples.train.Persistence;
import io.matterhorn.examples.train.OptimizerRecipe;
import io.matterhorn.examples.nmnist.NmnistCommand;
import io.matterhorn.examples.srm0.Srm0Command;
import io.matterhorn.examples.bench.StdpBenchmark;
import io.matterhorn.examples.bench.SurrogateBenchmark;
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
 *         [--save MODEL] [--checkpoint CKPT] [--resume CKPT] [--eval MODEL|CKPT]   save / resume / evaluate only
 *   srm0  [--epochs 10] [--surrogate Sigmoid] [--seed 0] [--batch 256] [--time-steps 32] ...   example 3: SRM0
 *   bench [--batches 20] [--warmup 40] [--rounds 5] [--seed 0]   training-speed benchmark of example 1
 *   bench-conv [--time-steps 8] [--batch 32] [--density 0.2] [--steps 5] [--memory]   example 4's conv model
 *   stdp  [--epochs 3] [--samples 8000] [--lr 0.001] [--png FILE] ...   example 2: unsupervised STDP + readout
 *   stdp --competitive [--epochs 1] [--hidden 100] [--seed 0] ...   example 2, Diehl-Cook style: labels by vote
 *   surrogate-bench [--batches 30] [--warmup 10] [--rounds 5]   example 1: custom vs built-in surrogate
 *   stdp-bench [--steps 32] [--batch 64] [--in 784] [--out 100]   STDP update: trace form vs double sum
 *   nmnist [--data DIR] [--download] [--epochs 32] [--time-steps 128] [--simulated] ...   example 4: conv SNN on
 *         N-MNIST, or on recordings simulated from the bundled MNIST sample
 *   persist-bench [--rounds 5] [--dir DIR]   file sizes, save/load times (example 1 model, SEW-ResNet-18)
 *   show-events FILE [--out DIR]   plot a recording (N-MNIST .bin, AEDAT .aedat, SHD .h5)
 *   events-bench [--samples 10000] [--events 4000] [--time-steps 32] [--batch 64]   read + bin N-MNIST speed
 *   sim-report [--real FILE] [--samples 2000] [--dir DIR]   simulated N-MNIST: generation time, figures vs real
 *   sim-baseline [--data DIR] [--epochs 10]   simulated N-MNIST: nearest centroid, softmax regression on summed frames
 *   nir-run --model FILE.nir [--dt 1e-3] [--input FILE.json] [--steps 16] [--batch 4]   run a NIR graph
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
                case "bench-conv":
                    ConvBenchmark.main(rest.toArray(new String[0]));
                    break;
                case "srm0":
                    Srm0Command.run(rest);
                    break;
                case "stdp":
                    StdpCommand.run(rest);
                    break;
                case "surrogate-bench":
                    SurrogateBenchmark.main(rest.toArray(new String[0]));
                    break;
                case "stdp-bench":
                    StdpBenchmark.main(rest.toArray(new String[0]));
                    break;
                case "persist-bench":
                    io.matterhorn.examples.bench.PersistenceBenchmark.main(rest.toArray(new String[0]));
                    break;
                case "events-bench":
                    EventBinningBenchmark.main(rest.toArray(new String[0]));
                    break;
                case "sim-report":
                    SimulationReport.main(rest.toArray(new String[0]));
                    break;
                case "sim-baseline":
                    io.matterhorn.examples.nmnist.SummedFrameBaselines.run(rest, System.out);
                    break;
                case "show-events":
                    io.matterhorn.examples.plots.ShowEvents.run(rest, System.out);
                    break;
                case "nir-run":
                    io.matterhorn.examples.cli.NirRunCommand.run(rest, System.out);
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
        } catch (IllegalArgumentException | io.matterhorn.io.ModelFileException | io.matterhorn.nir.NirFormatException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void runMlp(List<String> args) throws Exception {
        Options o = Options.parse(args, Set.of("epochs", "tmax", "surrogate", "surrogate-a", "seed", "batch", "time-steps",
                "lr", "data", "max-batches", "save", "checkpoint", "resume", "eval", "optimizer", "weight-decay",
                "clip-norm", "warmup", "warmup-start", "plot"), Set.of("quiet", "download"));
        MlpConfig d = MlpConfig.defaults();
        Path dataDir = io.matterhorn.examples.cli.MnistData.directory(o, System.out);
        if (o.has("eval")) {
            MlpExample.evaluateSaved(Path.of(o.getString("eval", null)), dataDir,
                    o.getInt("batch", d.batchSize()), System.out);
            return;
        }
        Persistence persistence = new Persistence(path(o, "save"), path(o, "checkpoint"), path(o, "resume"));
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
        String optimizer = o.getString("optimizer", "adam");
        OptimizerRecipe recipe = new OptimizerRecipe(optimizer,
                o.getDouble("weight-decay", optimizer.equalsIgnoreCase("adamw") ? 0.01 : 0.0),
                o.getDouble("clip-norm", 0.0), o.getInt("warmup", 0), o.getDouble("warmup-start", 0.1));
        MlpExample example = new MlpExample(config, recipe, System.out, persistence);
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

    private static Path path(Options o, String name) {
        String v = o.getString(name, null);
        return v == null ? null : Path.of(v);
    }

    private static void runSew(List<String> args) throws Exception {
        Options o = Options.parse(args, Set.of("data", "out", "epochs", "time-steps", "batch", "lr", "connection", "seed",
                "max-batches", "max-test-batches", "synthetic-samples"), Set.of("simulated"));
        String data = o.getString("data", null);
        new io.matterhorn.examples.sew.SewExample(new io.matterhorn.examples.sew.SewConfig(
                data == null ? null : Path.of(data), Path.of(o.getString("out", "sew-run")), o.getInt("epochs", 2),
                o.getInt("time-steps", 4), o.getInt("batch", 4), o.getDouble("lr", 1e-3),
                io.matterhorn.model.ResidualConnection.valueOf(o.getString("connection", "ADD").toUpperCase(
                        java.util.Locale.ROOT)), o.getLong("seed", 0), o.getInt("max-batches", 0),
                o.getInt("max-test-batches", 0), o.getInt("synthetic-samples", 40), o.has("simulated")), System.out).run();
    }

    private static void usage() {
        System.out.println("usage: Main <command> [options]\n"
                + "  mlp   [--epochs 20] [--tmax 100] [--surrogate Sigmoid|Rectangular|Polynomial|Gaussian] [--surrogate-a A]\n"
                + "        [--seed 0] [--batch 256] [--time-steps 32] [--lr 0.001] [--data DIR [--download]] [--plot DIR]\n"
                + "        [--save MODEL] [--checkpoint CKPT] [--resume CKPT] [--eval MODEL|CKPT]\n"
                + "        [--optimizer adam|adamw] [--weight-decay W (adamw: 0.01)] [--clip-norm C (0: off)]\n"
                + "        [--warmup E (epochs, 0: off)] [--warmup-start F (0.1)]\n"
                + "        [--quiet]   example 1: spiking MLP; bundled 10,000-digit MNIST sample unless --data names a\n"
                + "        folder with the IDX files (train-images-idx3-ubyte[.gz], t10k-... or test-...); --download\n"
                + "        fetches the full MNIST there; --plot writes an output-layer raster and training curves\n"
                + Srm0Command.USAGE
                + StdpCommand.USAGE
                + NmnistCommand.USAGE
                + io.matterhorn.examples.plots.ShowEvents.USAGE
                + "  sew   [--data DIR] [--out sew-run] [--epochs 2] [--time-steps 4] [--batch 4] [--lr 0.001]\n"
                + "        [--connection ADD|AND|IAND] [--seed 0] [--max-batches 0] [--max-test-batches 0]\n"
                + "        [--synthetic-samples 40] [--simulated]\n"
                + "        example 5: SEW-ResNet-18 on N-MNIST (a loudly announced synthetic stand-in without --data);\n"
                + "        OUT/log.csv per epoch, OUT/best.safetensors and OUT/last.safetensors checkpoints;\n"
                + "        --simulated: on N-MNIST recordings simulated from the bundled MNIST sample (no download)\n"
                + "  bench [--batches 20] [--warmup 40] [--rounds 5] [--seed 0]\n"
                + "        training speed of example 1; last line: samples_per_s <n>\n"
                + "  bench-conv [--time-steps 8] [--batch 32] [--density 0.2] [--steps 5] [--warmup 10] [--rounds 5]\n"
                + "        [--seed 0] [--memory]\n"
                + "        training speed of example 4's conv model on random events (as torch_reference_conv.py);\n"
                + "        --memory adds the peak resident memory; last line: samples_per_s <n>\n"
                + "  surrogate-bench [--batches 30] [--warmup 10] [--rounds 5] [--seed 0]\n"
                + "  nir-run --model FILE.nir [--dt 1e-3] [--input FILE.json] [--steps 16] [--batch 4] [--rate 0.2]\n"
                + "        run a NIR graph (docs/nir.md); prints the output shape and the mean output per neuron\n"
                + "  persist-bench [--rounds 5] [--dir DIR]\n"
                + "        file sizes and save/load times of model files and checkpoints (example 1, SEW-ResNet-18)\n"
                + "  events-bench [--samples 10000] [--events 4000] [--time-steps 32] [--batch 64] [--dir DIR]\n"
                + "        read + bin synthetic N-MNIST files, cold (no cache) and cached; samples/s\n"
                + "  sim-report [--real FILE] [--samples 2000] [--dir DIR]\n"
                + "        simulated N-MNIST: time to generate the whole set, mean figures vs a real .bin recording\n"
                + "  sim-baseline [--data DIR] [--time-steps 8] [--epochs 10] [--lr 0.01] [--seed 0]\n"
                + "        simulated N-MNIST without a network: nearest centroid and softmax regression on the frames\n"
                + "        summed over T (test accuracy; near 10% would mean broken data)");
    }
}
