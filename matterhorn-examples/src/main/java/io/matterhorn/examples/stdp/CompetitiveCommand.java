package io.matterhorn.examples.stdp;

import io.matterhorn.examples.cli.MnistData;
import io.matterhorn.examples.cli.Options;
import io.matterhorn.snn.learning.competitive.CompetitiveSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code stdp --competitive}: parses the options of the Diehl-Cook mode of example 2 and runs it. */
final class CompetitiveCommand {
    /** Usage lines for the command-line help. */
    static final String USAGE = ""
            + "  stdp --competitive [--epochs 1] [--samples 8000] [--test-samples 2000] [--hidden 100]\n"
            + "        [--time-steps 50] [--max-rate 0.1] [--tau-m 20] [--threshold 10] [--theta-plus 0.25]\n"
            + "        [--eta 0.02] [--x-tar 0.2] [--mu 0.2] [--tau-pre 4] [--inhibition S] [--readout-epochs 40]\n"
            + "        [--seed 0] [--data DIR [--download]] [--png stdp-competitive-fields.png] [--no-png] [--quiet]\n"
            + "        Diehl-Cook style: winner-take-all (or graded inhibition S), adaptive thresholds, pre-trace\n"
            + "        STDP and weight normalisation; labels by highest average response, test accuracy by vote\n";

    private CompetitiveCommand() {
    }

    /**
     * @param args options after the command name (including {@code --competitive})
     * @return the result
     * @throws Exception if the data cannot be read or the PNG cannot be written
     */
    static CompetitiveExample.Result run(List<String> args) throws Exception {
        Options o = Options.parse(args, Set.of("epochs", "samples", "test-samples", "hidden", "time-steps",
                "max-rate", "tau-m", "threshold", "theta-plus", "eta", "x-tar", "mu", "tau-pre", "inhibition",
                "readout-epochs", "seed", "data", "png"), Set.of("competitive", "no-png", "quiet", "download"));
        Path dataDir = MnistData.directory(o, System.out);
        Path png = o.has("no-png") ? null : Path.of(o.getString("png", "stdp-competitive-fields.png"));
        CompetitiveSettings d = CompetitiveSettings.defaults(784, o.getInt("hidden", 100));
        boolean graded = o.has("inhibition");
        CompetitiveSettings s = new CompetitiveSettings(d.inputs(), d.neurons(), o.getInt("time-steps", d.steps()),
                o.getDouble("max-rate", d.maxRate()), o.getDouble("tau-m", d.tauM()),
                o.getDouble("threshold", d.threshold()), !graded, graded ? o.getDouble("inhibition", 0) : 0,
                o.getDouble("theta-plus", d.thetaPlus()), d.tauTheta(), o.getDouble("eta", d.eta()),
                o.getDouble("x-tar", d.xTarget()), d.weightMax(), o.getDouble("mu", d.mu()),
                o.getDouble("tau-pre", d.tauPre()), d.weightSum(), d.minSpikes(), d.maxRepeats(), d.rateBoost());
        return new CompetitiveExample(s, o.getInt("epochs", 1), o.getInt("samples", 8000),
                o.getInt("test-samples", 2000), o.getInt("readout-epochs", 40), o.getLong("seed", 0L), dataDir, png,
                o.has("quiet"), System.out).run();
    }
}
