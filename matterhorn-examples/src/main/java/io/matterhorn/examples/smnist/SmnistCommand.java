package io.matterhorn.examples.smnist;

import io.matterhorn.examples.cli.ExampleCommand;
import io.matterhorn.examples.cli.MnistDataOptions;
import io.matterhorn.io.Models;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code smnist} command: sequential MNIST with a recurrent adaptive-LIF network and its baseline. */
@Command(name = "smnist", description = {"Sequential MNIST: a recurrent adaptive-LIF network (LSNN) reads each digit "
        + "one image row per time step (28 analog values, T = 28); by default the bundled 10,000-digit sample.",
        "Prints a table per network (loss, train and test accuracy, seconds, samples/s): the recurrent network, then "
                + "the same-size network without recurrent weights and adaptation as a baseline."})
public final class SmnistCommand extends ExampleCommand {
    @Option(names = "--epochs", description = "Training epochs of the recurrent network.")
    private int epochs = 20;

    @Option(names = "--baseline-epochs", paramLabel = "N",
            description = "Training epochs of the baseline (0: no baseline; default: --epochs).")
    private Integer baselineEpochs;

    @Option(names = "--hidden", description = "Hidden neurons H (both networks).")
    private int hidden = 256;

    @Option(names = "--batch", description = "Batch size.")
    private int batch = 64;

    @Option(names = "--lr", description = "Adam's learning rate.")
    private double lr = 2e-3;

    @Option(names = "--constant-lr", description = "Keep the learning rate constant (default: a cosine from --lr to 0 "
            + "over the epochs).")
    private boolean constantLr;

    @Option(names = "--seed", description = "Seed of the weights and the shuffling.")
    private long seed = 0;

    @Option(names = "--max-batches", paramLabel = "N", description = "Train on at most N batches per epoch (0: all).")
    private int maxBatches = 0;

    @Mixin
    private MnistDataOptions data = new MnistDataOptions();

    @Option(names = "--save", paramLabel = "MODEL",
            description = "Write the trained recurrent network as a whole-model file (it runs in the streaming "
                    + "runtime).")
    private Path save;

    @Option(names = "--quiet", description = "No headline, model, progress bar or table; the final accuracies only.")
    private boolean quiet;

    @Override
    protected int run() throws Exception {
        SmnistConfig config = new SmnistConfig(epochs, baselineEpochs == null ? epochs : baselineEpochs, hidden, batch,
                lr, !constantLr, seed, data.directory(out()), maxBatches, quiet);
        SmnistExample example = new SmnistExample(config, out());
        SmnistExample.Run rec = example.train(true, config.epochs());
        if (save != null) {
            Models.save(rec.model(), save);
            out().println("wrote " + save);
        }
        SmnistExample.Run base = config.baselineEpochs() > 0 ? example.train(false, config.baselineEpochs()) : null;
        out().printf("recurrent adaptive LIF, H=%d: test accuracy %.2f%% after epoch %d (best %.2f%%)%n", hidden,
                100 * rec.finalTestAccuracy(), config.epochs(), 100 * rec.bestTestAccuracy());
        if (base != null) {
            out().printf("baseline (no recurrence, no adaptation), H=%d: test accuracy %.2f%% after epoch %d "
                    + "(best %.2f%%)%n", hidden, 100 * base.finalTestAccuracy(), config.baselineEpochs(),
                    100 * base.bestTestAccuracy());
        }
        return OK;
    }
}
