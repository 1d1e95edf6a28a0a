package io.matterhorn.examples.stdp;

import io.matterhorn.examples.cli.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The {@code stdp} command: parses the options of example 2 and runs it. */
public final class StdpCommand {
    /** Usage lines for the command-line help. */
    public static final String USAGE = ""
            + "  stdp  [--epochs 3] [--samples 8000] [--time-steps 32] [--batch 64] [--hidden 100] [--tau-m 2]\n"
            + "        [--threshold 0.5] [--a-pos 0.05] [--a-neg 0.052] [--tau 2] [--lr 0.001] [--w-min 0]\n"
            + "        [--w-max 0.1] [--readout-epochs 40] [--readout-lr 0.01] [--seed 0] [--data DIR [--download]]\n"
            + "        [--png stdp-receptive-fields.png] [--no-png] [--quiet]\n"
            + "        example 2: unsupervised STDP layer (784 -> 100, LIF), then a linear readout on its spike\n"
            + "        counts, compared with the same layer at its random initial weights\n"
            + CompetitiveCommand.USAGE
            + "  stdp-bench [--steps 32] [--batch 64] [--in 784] [--out 100] [--density 0.1] [--rounds 5]\n"
            + "        STDP update: trace form against the direct double sum over spike times\n";

    private StdpCommand() {
    }

    /**
     * @param args options after the command name
     * @throws Exception if the data cannot be read or the PNG cannot be written
     */
    public static void run(List<String> args) throws Exception {
        if (args.contains("--competitive")) {
            CompetitiveCommand.run(args);
            return;
        }
        Options o = Options.parse(args, Set.of("epochs", "samples", "time-steps", "batch", "hidden", "tau-m",
                "threshold", "a-pos", "a-neg", "tau", "lr", "w-min", "w-max", "readout-epochs", "readout-lr", "seed",
                "data", "png"), Set.of("no-png", "quiet", "download"));
        StdpConfig d = StdpConfig.defaults();
        java.nio.file.Path dataDir = io.matterhorn.examples.cli.MnistData.directory(o, System.out);
        Path png = o.has("no-png") ? null : Path.of(o.getString("png", d.png().toString()));
        StdpConfig config = new StdpConfig(o.getInt("epochs", d.epochs()), o.getInt("samples", d.trainSamples()),
                o.getInt("time-steps", d.timeSteps()), o.getInt("batch", d.batchSize()), o.getInt("hidden", d.hidden()),
                o.getDouble("tau-m", d.tauM()), o.getDouble("threshold", d.threshold()),
                o.getDouble("a-pos", d.aPos()), o.getDouble("a-neg", d.aNeg()), o.getDouble("tau", d.tau()),
                o.getDouble("lr", d.learningRate()), o.getDouble("w-min", d.weightMin()),
                o.getDouble("w-max", d.weightMax()), o.getInt("readout-epochs", d.readoutEpochs()),
                o.getDouble("readout-lr", d.readoutLearningRate()), o.getLong("seed", d.seed()),
                dataDir, png, o.has("quiet"));
        new StdpExample(config, System.out).run();
    }
}
