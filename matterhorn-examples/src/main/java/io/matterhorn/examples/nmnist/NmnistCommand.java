package io.matterhorn.examples.nmnist;

import io.matterhorn.data.download.DatasetNotFoundException;
import io.matterhorn.examples.cli.Options;
import io.matterhorn.snn.surrogate.Surrogate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The {@code nmnist} command: parses options, runs example 4, explains how to get N-MNIST when it is missing. */
public final class NmnistCommand {

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

    /** Usage lines for the command list. */
    public static final String USAGE = "  nmnist [--data DIR] [--download] [--epochs 32] [--time-steps 128]"
            + " [--batch 128] [--lr 0.001] [--tau 1.1]\n"
            + "        [--surrogate Rectangular] [--seed 0] [--max-batches 0] [--max-test-batches 0]"
            + " [--head relu|linear]\n"
            + "        [--plot DIR] [--quiet]\n"
            + "        [--simulated [--mnist IDX_DIR]]\n"
            + "        example 4: convolutional SNN on N-MNIST; needs DIR/NMNIST/raw/{Train,Test}.zip"
            + " (or --download); --plot writes the frames of test sample 0 as a grid and a GIF;\n"
            + "        --simulated: on N-MNIST-style recordings simulated from the bundled MNIST sample (or IDX_DIR),"
            + " no download;\n        defaults then --time-steps " + SIMULATED_TIME_STEPS + " --epochs "
            + SIMULATED_EPOCHS + " --batch " + SIMULATED_BATCH + " --lr " + SIMULATED_LEARNING_RATE + " --head "
            + SIMULATED_HEAD + "; the recordings are cached in DIR/SimulatedNMNIST;\n"
            + "        --head: relu (the original's read-out) or linear (no ReLU after the last Linear)\n";

    private NmnistCommand() {
    }

    /**
     * Runs example 4.
     *
     * @param args options after the command name
     * @param out  where the table goes
     * @param err  where the instructions go when the data is missing
     * @return the exit code: 0 on success, 1 when the N-MNIST files are missing
     * @throws IOException if the data cannot be read
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Options o = Options.parse(args, Set.of("data", "epochs", "tmax", "time-steps", "batch", "lr", "tau",
                "surrogate", "seed", "max-batches", "max-test-batches", "mnist", "plot", "head"),
                Set.of("download", "quiet", "simulated"));
        NmnistConfig d = NmnistConfig.defaults();
        boolean simulated = o.has("simulated");
        if (o.has("mnist") && !simulated) {
            throw new IllegalArgumentException("--mnist names the digits to simulate; it needs --simulated");
        }
        int epochs = o.getInt("epochs", simulated ? SIMULATED_EPOCHS : d.epochs());
        String head = o.getString("head", simulated ? SIMULATED_HEAD : "relu");
        if (!head.equals("relu") && !head.equals("linear")) {
            throw new IllegalArgumentException("--head must be relu or linear, got " + head);
        }
        NmnistConfig config = new NmnistConfig(epochs, o.getInt("tmax", epochs), o.getInt("time-steps",
                simulated ? SIMULATED_TIME_STEPS : d.timeSteps()), o.getInt("batch",
                simulated ? SIMULATED_BATCH : d.batchSize()), o.getDouble("lr",
                simulated ? SIMULATED_LEARNING_RATE : d.learningRate()), o.getDouble("tau", d.tauM()),
                Surrogate.byName(o.getString("surrogate", "Rectangular")), o.getLong("seed", d.seed()),
                Path.of(o.getString("data", d.dataRoot().toString())), o.has("download"), o.getInt("max-batches", 0),
                o.getInt("max-test-batches", 0), o.has("quiet"), simulated,
                o.has("mnist") ? Path.of(o.getString("mnist", null)) : null, head.equals("relu"));
        try {
            if (o.has("plot")) {
                try (io.matterhorn.data.neuromorphic.NMNIST test = io.matterhorn.data.neuromorphic.NMNIST
                        .builder(config.dataRoot()).train(false).download(config.download())
                        .timeSteps(config.timeSteps()).build()) {
                    for (Path f : io.matterhorn.examples.plots.NmnistSamplePlot.write(test, 0,
                            Path.of(o.getString("plot", "plots")))) {
                        out.println("wrote " + f);
                    }
                }
            }
            new NmnistExample(config, out).run();
            return 0;
        } catch (DatasetNotFoundException e) {
            err.println(e.getMessage());
            err.println();
            err.println("Example 4 needs the N-MNIST data set (Orchard et al. 2015, CC BY-SA 4.0, about 1 GB). "
                    + "Run again with --download to fetch it from Mendeley Data into "
                    + config.dataRoot().resolve("NMNIST").toAbsolutePath() + ", or download Train.zip and Test.zip "
                    + "yourself, put them there under raw/ and pass --data " + config.dataRoot() + ".");
            return 1;
        }
    }
}
