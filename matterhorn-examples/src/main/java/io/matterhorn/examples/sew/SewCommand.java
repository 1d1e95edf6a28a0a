package io.matterhorn.examples.sew;

import io.matterhorn.data.download.DatasetNotFoundException;
import io.matterhorn.examples.cli.ExampleCommand;
import io.matterhorn.model.ResidualConnection;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code sew} command: example 5, SEW-ResNet-18 on N-MNIST, the simulated N-MNIST or a synthetic stand-in. */
@Command(name = "sew", description = {"Example 5: SEW-ResNet-18 on N-MNIST (from --data, as example 4), on the "
        + "simulated N-MNIST (--simulated, no download) or, only when asked (--synthetic), on random events.",
        "Writes OUT/log.csv per epoch and the checkpoints OUT/best.safetensors and OUT/last.safetensors."})
public final class SewCommand extends ExampleCommand {
    @Option(names = "--data", paramLabel = "DIR", description = "Data folder: N-MNIST in DIR/NMNIST (missing files are "
            + "an error; see nmnist --download); with --simulated the cache of the simulated recordings "
            + "(default then OUT/data).")
    private Path data;

    @Option(names = "--simulated", description = "Train on N-MNIST-style recordings simulated from the bundled MNIST "
            + "sample (no download).")
    private boolean simulated;

    @Option(names = "--synthetic", description = "Train on a synthetic stand-in of random events (labels unrelated to "
            + "the events: the accuracy stays at chance); for trying the pipeline only.")
    private boolean synthetic;

    @Option(names = "--synthetic-samples", paramLabel = "N", description = "Training recordings of the stand-in.")
    private int syntheticSamples = 40;

    @Option(names = "--out", paramLabel = "OUT", description = "Output folder for log.csv and the checkpoints.")
    private Path out = Path.of("sew-run");

    @Option(names = "--epochs", description = "Training epochs.")
    private int epochs = 2;

    @Option(names = "--time-steps", description = "Time bins T per recording.")
    private int timeSteps = 4;

    @Option(names = "--batch", description = "Batch size.")
    private int batch = 4;

    @Option(names = "--lr", description = "Learning rate.")
    private double lr = 1e-3;

    @Option(names = "--connection", paramLabel = "ADD|AND|IAND", description = "Residual connection of the SEW blocks.")
    private ResidualConnection connection = ResidualConnection.ADD;

    @Option(names = "--seed", description = "Seed of the shuffling and of the stand-in.")
    private long seed = 0;

    @Option(names = "--max-batches", paramLabel = "N", description = "Train on at most N batches per epoch (0: all).")
    private int maxBatches = 0;

    @Option(names = "--max-test-batches", paramLabel = "N", description = "Test on at most N batches (0: all).")
    private int maxTestBatches = 0;

    @Override
    protected int run() throws Exception {
        if (synthetic && (simulated || data != null)) {
            throw new IllegalArgumentException("--synthetic trains on random events; it cannot be combined with "
                    + (simulated ? "--simulated" : "--data"));
        }
        Path root = synthetic ? null : data != null ? data : simulated ? null : Path.of("data");
        SewConfig config = new SewConfig(root, out, epochs, timeSteps, batch, lr, connection, seed, maxBatches,
                maxTestBatches, syntheticSamples, simulated);
        try {
            new SewExample(config, out()).run();
            return OK;
        } catch (DatasetNotFoundException e) {
            err().println("error: " + e.getMessage());
            err().println();
            err().println("Example 5 trains on N-MNIST: put it into " + root.resolve("NMNIST").toAbsolutePath()
                    + " (nmnist --data " + root + " --download fetches it), or pass --simulated (simulated "
                    + "N-MNIST, no download) or --synthetic (random events, for trying the pipeline).");
            return FAILED;
        }
    }
}
