package io.matterhorn.examples.nmnist;

import io.matterhorn.data.download.DatasetNotFoundException;
import io.matterhorn.examples.cli.ExampleCommand;
import io.matterhorn.snn.surrogate.Surrogate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code nmnist} command: parses options, runs example 4, explains how to get N-MNIST when it is missing. */
@Command(name = "nmnist", description = {"Example 4: the original's convolutional SNN on N-MNIST "
        + "(needs DIR/NMNIST/raw/{Train,Test}.zip, or --download).",
        "--simulated: on N-MNIST-style recordings simulated from the bundled MNIST sample, no download."})
public final class NmnistCommand extends ExampleCommand {

    /** Default {@code T} with {@code --simulated}. */
    public static final int SIMULATED_TIME_STEPS = 8;

    /** Default number of epochs with {@code --simulated}. */
    public static final int SIMULATED_EPOCHS = 3;

    /** Default batch size with {@code --simulated} (8,000 training digits: 250 steps per epoch). */
    public static final int SIMULATED_BATCH = 32;

    /** Default learning rate with {@code --simulated}. */
    public static final double SIMULATED_LEARNING_RATE = 2e-3;

    /**
     * Default read-out with {@code --simulated}: {@code linear}, no ReLU after the last Linear (the original's ReLU
     * with the MSE loss left classes dead there; see {@link NmnistExample}).
     */
    public static final String SIMULATED_HEAD = "linear";

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder: N-MNIST in "
            + "DIR/NMNIST/raw/{Train,Test}.zip; "
            + "with --simulated the cache of the simulated recordings, DIR/SimulatedNMNIST.")
    private Path data = Path.of("data");

    @Option(names = "--download", description = "Download N-MNIST (about 1 GB) into the data folder first.")
    private boolean download;

    @Option(names = "--simulated", description = "Train on N-MNIST-style recordings simulated from the bundled MNIST "
            + "sample (no download); changes the defaults of --time-steps, --epochs, --batch, --lr and --head.")
    private boolean simulated;

    @Option(names = "--mnist", paramLabel = "IDX_DIR",
            description = "With --simulated: simulate the digits of this MNIST IDX folder instead of the bundled "
                    + "sample.")
    private Path mnist;

    @Option(names = "--epochs", description = "Training epochs (default 32; --simulated: " + SIMULATED_EPOCHS + ").")
    private Integer epochs;

    @Option(names = "--tmax", description = "T_max of the cosine schedule in epochs (default: --epochs).")
    private Integer tmax;

    @Option(names = "--time-steps", description = "Time bins T per recording (default 128; --simulated: "
            + SIMULATED_TIME_STEPS + ").")
    private Integer timeSteps;

    @Option(names = "--batch", description = "Batch size (default 128; --simulated: " + SIMULATED_BATCH + ").")
    private Integer batch;

    @Option(names = "--lr", description = "Learning rate (default 0.001; --simulated: " + SIMULATED_LEARNING_RATE
            + ").")
    private Double lr;

    @Option(names = "--tau", description = "Membrane time constant tau_m of the LIF layers.")
    private double tau = 1.1;

    @Option(names = "--surrogate", paramLabel = "NAME",
            description = "Surrogate gradient: Rectangular, Sigmoid, Polynomial or Gaussian.")
    private String surrogate = "Rectangular";

    @Option(names = "--head", paramLabel = "relu|linear", description = "Read-out: relu (the original's, default) or "
            + "linear (no ReLU after the last Linear; the --simulated default).")
    private String head;

    @Option(names = "--seed", description = "Seed of the weights and the shuffling.")
    private long seed = 0;

    @Option(names = "--max-batches", paramLabel = "N", description = "Train on at most N batches per epoch (0: all).")
    private int maxBatches = 0;

    @Option(names = "--max-test-batches", paramLabel = "N", description = "Test on at most N batches (0: all).")
    private int maxTestBatches = 0;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Write the frames of test sample 0 as a grid and a GIF into DIR first.")
    private Path plot;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model to FILE (a model file; "
            + "stream-demo and StreamingNetwork.load run it).")
    private Path save;

    @Option(names = "--quiet", description = "No headline, progress bar or table; the final test accuracy only.")
    private boolean quiet;

    /** Creates the command with its defaults. */
    public NmnistCommand() {
    }

    /**
     * Runs example 4.
     *
     * @return the exit code: 0 on success, 1 when the N-MNIST files are missing
     * @throws IOException if the data cannot be read
     */
    @Override
    protected int run() throws IOException {
        NmnistConfig d = NmnistConfig.defaults();
        if (mnist != null && !simulated) {
            throw new IllegalArgumentException("--mnist names the digits to simulate; it needs --simulated");
        }
        int e = epochs != null ? epochs : simulated ? SIMULATED_EPOCHS : d.epochs();
        String h = head != null ? head : simulated ? SIMULATED_HEAD : "relu";
        if (!h.equals("relu") && !h.equals("linear")) {
            throw new IllegalArgumentException("--head must be relu or linear, got " + h);
        }
        NmnistConfig config = new NmnistConfig(e, tmax != null ? tmax : e,
                timeSteps != null ? timeSteps : simulated ? SIMULATED_TIME_STEPS : d.timeSteps(),
                batch != null ? batch : simulated ? SIMULATED_BATCH : d.batchSize(),
                lr != null ? lr : simulated ? SIMULATED_LEARNING_RATE : d.learningRate(), tau,
                Surrogate.byName(surrogate), seed, data, download, maxBatches, maxTestBatches, quiet, simulated, mnist,
                h.equals("relu"));
        PrintStream out = out();
        PrintStream err = err();
        try {
            if (plot != null) {
                try (io.matterhorn.data.neuromorphic.NMNIST test = io.matterhorn.data.neuromorphic.NMNIST
                        .builder(config.dataRoot()).train(false).download(config.download())
                        .timeSteps(config.timeSteps()).build()) {
                    for (Path f : io.matterhorn.examples.plots.NmnistSamplePlot.write(test, 0, plot)) {
                        out.println("wrote " + f);
                    }
                }
            }
            new NmnistExample(config, out).saveTo(save).run();
            return OK;
        } catch (DatasetNotFoundException ex) {
            err.println("error: " + ex.getMessage());
            err.println();
            err.println("Example 4 needs the N-MNIST data set (Orchard et al. 2015, CC BY-SA 4.0, about 1 GB). "
                    + "Run again with --download to fetch it from Mendeley Data into "
                    + config.dataRoot().resolve("NMNIST").toAbsolutePath() + ", or download Train.zip and Test.zip "
                    + "yourself, put them there under raw/ and pass --data " + config.dataRoot() + ". "
                    + "Without a download: --simulated.");
            return FAILED;
        }
    }
}
