package io.matterhorn.examples.srm0;

import io.matterhorn.examples.cli.ExampleCommand;
import io.matterhorn.examples.cli.MnistDataOptions;
import io.matterhorn.snn.surrogate.Surrogate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code srm0} command: example 3, two layers of SRM0 neurons on MNIST. */
@Command(name = "srm0", description = "Example 3: two layers of SRM0 neurons (784-80-10) on the same MNIST data as "
        + "mlp.")
public final class Srm0Command extends ExampleCommand {
    @Option(names = "--epochs", description = "Number of training epochs.")
    private int epochs = 10;

    @Option(names = "--tmax", description = "T_max of the cosine learning-rate schedule, in epochs.")
    private int tmax = 100;

    @Option(names = "--time-steps", description = "Time steps T of the Poisson encoder.")
    private int timeSteps = 32;

    @Option(names = "--batch", description = "Batch size.")
    private int batch = 256;

    @Option(names = "--lr", description = "Learning rate.")
    private double lr = 1e-3;

    @Option(names = "--surrogate", paramLabel = "NAME",
            description = "Surrogate gradient: Rectangular, Sigmoid, Polynomial or Gaussian.")
    private String surrogate = "Rectangular";

    @Option(names = "--surrogate-a", paramLabel = "A",
            description = "The surrogate's width a (default: the surrogate's own, 2 for Rectangular, 1 for the "
                    + "others).")
    private Double surrogateA;

    @Option(names = "--seed", description = "Seed of the weights, the encoder's spikes and the shuffling.")
    private long seed = 0;

    @Option(names = "--max-batches", paramLabel = "N", description = "Train on at most N batches per epoch (0: all).")
    private int maxBatches = 0;

    @Mixin
    private MnistDataOptions data = new MnistDataOptions();

    @Option(names = "--quiet", description = "No headline, model, progress bar or table; the final test accuracy only.")
    private boolean quiet;

    @Override
    protected int run() throws Exception {
        Surrogate s = surrogateA != null ? Surrogate.byName(surrogate, surrogateA) : Surrogate.byName(surrogate);
        Srm0Config config = new Srm0Config(epochs, tmax, timeSteps, batch, lr, s, seed, data.directory(out()),
                maxBatches, quiet);
        new Srm0Example(config, out()).run();
        return OK;
    }
}
