package io.matterhorn.examples.srm0;

import io.matterhorn.examples.cli.Options;
import io.matterhorn.snn.surrogate.Surrogate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The {@code srm0} command: parses the options of example 3 and runs it.
 *
 * <pre>
 *   srm0 [--epochs 10] [--tmax 100] [--surrogate Rectangular] [--surrogate-a A] [--seed 0] [--batch 256]
 *        [--time-steps 32] [--lr 0.001] [--data DIR [--download]] [--max-batches 0] [--quiet]
 * </pre>
 */
public final class Srm0Command {
    /** One-paragraph usage text for the command-line help. */
    public static final String USAGE = "  srm0  [--epochs 10] [--tmax 100] [--surrogate Rectangular|Sigmoid|Polynomial|Gaussian] "
            + "[--surrogate-a A]\n"
            + "        [--seed 0] [--batch 256] [--time-steps 32] [--lr 0.001] [--data DIR [--download]] [--max-batches 0] [--quiet]\n"
            + "        example 3: two layers of SRM0 neurons (784-80-10) on the same MNIST data as mlp;\n"
            + "        A defaults to the surrogate's own default (Rectangular 2, the others 1)\n";

    private Srm0Command() {
    }

    /**
     * @param args the options after the command name
     * @throws IOException if the data cannot be read
     * @throws IllegalArgumentException for unknown options or bad values
     */
    public static void run(List<String> args) throws IOException {
        Options o = Options.parse(args, Set.of("epochs", "tmax", "surrogate", "surrogate-a", "seed", "batch",
                "time-steps", "lr", "data", "max-batches"), Set.of("quiet", "download"));
        Srm0Config d = Srm0Config.defaults();
        java.nio.file.Path dataDir = io.matterhorn.examples.cli.MnistData.directory(o, System.out);
        Srm0Config config = new Srm0Config(o.getInt("epochs", d.epochs()), o.getInt("tmax", d.scheduleEpochs()),
                o.getInt("time-steps", d.timeSteps()), o.getInt("batch", d.batchSize()),
                o.getDouble("lr", d.learningRate()),
                surrogate(o.getString("surrogate", "Rectangular"), o),
                o.getLong("seed", d.seed()), dataDir, o.getInt("max-batches", 0),
                o.has("quiet"));
        new Srm0Example(config, System.out).run();
    }

    /** The named surrogate with {@code --surrogate-a}, or with the class's own default a (Rectangular 2, else 1). */
    private static Surrogate surrogate(String name, Options o) {
        return o.has("surrogate-a") ? Surrogate.byName(name, o.getDouble("surrogate-a", 1)) : Surrogate.byName(name);
    }
}
