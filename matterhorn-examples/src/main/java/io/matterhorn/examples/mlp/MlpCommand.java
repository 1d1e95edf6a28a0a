package io.matterhorn.examples.mlp;

import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.cli.ExampleCommand;
import io.matterhorn.examples.cli.MnistDataOptions;
import io.matterhorn.examples.plots.MlpPlots;
import io.matterhorn.examples.train.OptimizerRecipe;
import io.matterhorn.examples.train.Persistence;
import io.matterhorn.nir.Nir;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.train.EpochResult;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code mlp} command: example 1, a spiking MLP on MNIST; training, saving, resuming, evaluation, export. */
@Command(name = "mlp", description = {"Example 1: a spiking MLP (784-80-10 LIF) learns MNIST; by default the "
        + "bundled 10,000-digit sample (8,000 train / 2,000 test).",
        "Prints a progress bar per epoch and a table (loss, train and test accuracy, seconds, samples/s)."})
public final class MlpCommand extends ExampleCommand {
    @Option(names = "--epochs", description = "Number of training epochs (with --resume: train up to this epoch).")
    private int epochs = 20;

    @Option(names = "--tmax", description = "T_max of the cosine learning-rate schedule, in epochs (the original's "
            + "100).")
    private int tmax = 100;

    @Option(names = "--time-steps", description = "Time steps T of the Poisson encoder.")
    private int timeSteps = 32;

    @Option(names = "--batch", description = "Batch size.")
    private int batch = 256;

    @Option(names = "--lr", description = "Learning rate.")
    private double lr = 1e-3;

    @Option(names = "--surrogate", paramLabel = "NAME",
            description = "Surrogate gradient: Sigmoid, Rectangular, Polynomial or Gaussian (Rectangular does not "
                    + "learn "
                    + "here: the silent output layer gets zero gradient).")
    private String surrogate = "Sigmoid";

    @Option(names = "--surrogate-a", paramLabel = "A", description = "The surrogate's width a "
            + "(default: the surrogate's own, 2 for Rectangular, 1 for the others).")
    private Double surrogateA;

    @Option(names = "--seed", description = "Seed of the weights, the encoder's spikes and the shuffling.")
    private long seed = 0;

    @Option(names = "--max-batches", paramLabel = "N", description = "Train on at most N batches per epoch (0: all).")
    private int maxBatches = 0;

    @Option(names = "--optimizer", paramLabel = "adam|adamw", description = "Optimiser.")
    private String optimizer = "adam";

    @Option(names = "--weight-decay", paramLabel = "W",
            description = "Weight decay (default: 0 for adam, decoupled 0.01 for adamw).")
    private Double weightDecay;

    @Option(names = "--clip-norm", paramLabel = "C", description = "Clip the gradients to this global norm (0: off).")
    private double clipNorm = 0;

    @Option(names = "--warmup", paramLabel = "EPOCHS", description = "Epochs of linear learning-rate warm-up (0: off).")
    private int warmup = 0;

    @Option(names = "--warmup-start", paramLabel = "F", description = "Warm-up starts at this fraction of the rate.")
    private double warmupStart = 0.1;

    @Mixin
    private MnistDataOptions data = new MnistDataOptions();

    @Option(names = "--save", paramLabel = "MODEL", description = "Write a whole-model file after every epoch.")
    private Path save;

    @Option(names = "--checkpoint", paramLabel = "CKPT",
            description = "Write a checkpoint (model, optimiser, schedule, epoch) after every epoch.")
    private Path checkpoint;

    @Option(names = "--resume", paramLabel = "CKPT",
            description = "Continue a run from its checkpoint, after the saved epoch, up to --epochs.")
    private Path resume;

    @Option(names = "--eval", paramLabel = "MODEL|CKPT",
            description = "Only evaluate a saved model or checkpoint on the test digits.")
    private Path eval;

    @Option(names = "--nir", paramLabel = "FILE", description = "After training, export the network between the "
            + "encoder and the decoder as a NIR graph (see docs/nir.md).")
    private Path nir;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "After training, write an output-layer raster, hidden firing rates and training curves "
                    + "(PNG).")
    private Path plot;

    @Option(names = "--quiet", description = "No headline, model, progress bar or table; the final test accuracy only.")
    private boolean quiet;

    @Override
    protected int run() throws Exception {
        MlpConfig d = MlpConfig.defaults();
        Path dataDir = data.directory(out());
        if (eval != null) {
            MlpExample.evaluateSaved(eval, dataDir, batch, out());
            return OK;
        }
        Surrogate s = surrogateA != null ? Surrogate.byName(surrogate, surrogateA) : Surrogate.byName(surrogate);
        MlpConfig config = new MlpConfig(epochs, tmax, timeSteps, batch, lr, s, seed, dataDir, maxBatches, quiet);
        if (config.surrogate().kernelId() == 0) {
            out().println("note: with the Rectangular surrogate this model does not learn on MNIST (the silent "
                    + "output layer gets zero gradient); Sigmoid is the default for that reason.");
        }
        double decay = weightDecay != null ? weightDecay : optimizer.equalsIgnoreCase("adamw") ? 0.01 : 0.0;
        OptimizerRecipe recipe = new OptimizerRecipe(optimizer, decay, clipNorm, warmup, warmupStart);
        MlpExample example = new MlpExample(config, recipe, out(), new Persistence(save, checkpoint, resume));
        List<EpochResult> results = example.run();
        if (nir != null) {
            out().println(Nir.writeTrained(example.model(), nir, 1e-3, 1, 28, 28));
        }
        if (plot != null) {
            MnistDataset test = dataDir == null ? MnistDataset.bundled(false) : MnistDataset.fromDirectory(dataDir,
                    false);
            for (Path f : MlpPlots.write(example.model(), test, results, plot)) {
                out().println("wrote " + f);
            }
        }
        return OK;
    }
}
