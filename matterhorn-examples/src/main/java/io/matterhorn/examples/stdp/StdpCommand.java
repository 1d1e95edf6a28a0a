package io.matterhorn.examples.stdp;

import io.matterhorn.examples.cli.ExampleCommand;
import io.matterhorn.examples.cli.MnistDataOptions;
import io.matterhorn.snn.learning.competitive.CompetitiveSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code stdp} command: example 2, an unsupervised STDP layer and a linear readout; with {@code --competitive}
 * the Diehl-Cook mode ({@link CompetitiveExample}). Options whose default differs between the two modes show both.
 */
@Command(name = "stdp", description = {"Example 2: an unsupervised STDP layer (784 -> 100, LIF), then a linear "
        + "readout on its spike counts, compared with the same layer at its random initial weights.",
        "With --competitive: Diehl-Cook style (winner-take-all or graded inhibition, adaptive thresholds, pre-trace "
                + "STDP, weight normalisation); neurons labelled by their highest average response, test accuracy "
                + "by vote."})
public final class StdpCommand extends ExampleCommand {
    @Option(names = "--competitive", description = "The Diehl-Cook mode (the options marked 'competitive' apply).")
    private boolean competitive;

    @Option(names = "--epochs", description = "Unsupervised epochs (default 3; competitive: 1).")
    private Integer epochs;

    @Option(names = "--samples", description = "Training digits used.")
    private int samples = 8000;

    @Option(names = "--time-steps", description = "Time steps per digit (default 32; competitive: 50).")
    private Integer timeSteps;

    @Option(names = "--hidden", description = "Neurons of the STDP layer.")
    private int hidden = 100;

    @Option(names = "--tau-m", description = "Membrane time constant (default 2; competitive: 20).")
    private Double tauM;

    @Option(names = "--threshold", description = "Firing threshold (default 0.5; competitive: 10).")
    private Double threshold;

    @Option(names = "--readout-epochs", description = "Epochs of the linear readout (competitive: 0 skips it).")
    private int readoutEpochs = 40;

    @Option(names = "--seed", description = "Seed of the weights, the spikes and the shuffling.")
    private long seed = 0;

    @Mixin
    private MnistDataOptions data = new MnistDataOptions();

    @Option(names = "--png", paramLabel = "FILE", description = "Receptive fields as a PNG grid "
            + "(default stdp-receptive-fields.png; competitive: stdp-competitive-fields.png).")
    private Path png;

    @Option(names = "--no-png", description = "Write no PNG.")
    private boolean noPng;

    @Option(names = "--quiet", description = "No tables or progress bars; the final test accuracies only.")
    private boolean quiet;

    @Option(names = "--batch", description = "Plain mode: batch size.")
    private Integer batch;

    @Option(names = "--a-pos", description = "Plain mode: STDP amplitude A+.")
    private Double aPos;

    @Option(names = "--a-neg", description = "Plain mode: STDP amplitude A-.")
    private Double aNeg;

    @Option(names = "--tau", description = "Plain mode: STDP time constant of both windows.")
    private Double tau;

    @Option(names = "--lr", description = "Plain mode: STDP learning rate.")
    private Double lr;

    @Option(names = "--w-min", description = "Plain mode: lower weight bound.")
    private Double wMin;

    @Option(names = "--w-max", description = "Plain mode: upper weight bound.")
    private Double wMax;

    @Option(names = "--readout-lr", description = "Plain mode: learning rate of the readout.")
    private Double readoutLr;

    @Option(names = "--test-samples", description = "Competitive: test digits used (default 2000).")
    private Integer testSamples;

    @Option(names = "--max-rate", description = "Competitive: spike probability per step of a white pixel (default "
            + "0.1).")
    private Double maxRate;

    @Option(names = "--theta-plus", description = "Competitive: threshold step per spike (default 0.25).")
    private Double thetaPlus;

    @Option(names = "--eta", description = "Competitive: STDP learning rate (default 0.02).")
    private Double eta;

    @Option(names = "--x-tar", description = "Competitive: target of the presynaptic trace (default 0.2).")
    private Double xTar;

    @Option(names = "--mu", description = "Competitive: weight-dependence exponent (default 0.2).")
    private Double mu;

    @Option(names = "--tau-pre", description = "Competitive: presynaptic trace time constant (default 4).")
    private Double tauPre;

    @Option(names = "--inhibition", paramLabel = "S",
            description = "Competitive: graded lateral inhibition of strength S instead of winner-take-all.")
    private Double inhibition;

    @Override
    protected int run() throws Exception {
        List<String> wrong = new ArrayList<>();
        Object[][] plainOnly = {{"--batch", batch}, {"--a-pos", aPos}, {"--a-neg", aNeg}, {"--tau", tau},
                {"--lr", lr}, {"--w-min", wMin}, {"--w-max", wMax}, {"--readout-lr", readoutLr}};
        Object[][] competitiveOnly = {{"--test-samples", testSamples}, {"--max-rate", maxRate},
                {"--theta-plus", thetaPlus}, {"--eta", eta}, {"--x-tar", xTar}, {"--mu", mu}, {"--tau-pre", tauPre},
                {"--inhibition", inhibition}};
        for (Object[] o : competitive ? plainOnly : competitiveOnly) {
            if (o[1] != null) {
                wrong.add((String) o[0]);
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", wrong) + (competitive
                    ? " apply to plain stdp only, not to --competitive" : " apply to stdp --competitive only"));
        }
        Path dataDir = data.directory(out());
        if (competitive) {
            runCompetitive(dataDir);
            return OK;
        }
        StdpConfig d = StdpConfig.defaults();
        Path image = noPng ? null : png != null ? png : d.png();
        StdpConfig config = StdpConfig.builder().epochs(or(epochs, d.epochs())).trainSamples(samples)
                .timeSteps(or(timeSteps, d.timeSteps())).batchSize(or(batch, d.batchSize())).hidden(hidden)
                .tauM(or(tauM, d.tauM())).threshold(or(threshold, d.threshold())).aPos(or(aPos, d.aPos()))
                .aNeg(or(aNeg, d.aNeg())).tau(or(tau, d.tau())).learningRate(or(lr, d.learningRate()))
                .weightMin(or(wMin, d.weightMin())).weightMax(or(wMax, d.weightMax())).readoutEpochs(readoutEpochs)
                .readoutLearningRate(or(readoutLr, d.readoutLearningRate())).seed(seed).dataDir(dataDir).png(image)
                .quiet(quiet).build();
        new StdpExample(config, out()).run();
        return OK;
    }

    /**
     * Runs the competitive mode with these options.
     *
     * @param dataDir MNIST folder, or null for the bundled sample
     * @return the result
     * @throws Exception if the data cannot be read or the PNG cannot be written
     */
    CompetitiveExample.Result runCompetitive(Path dataDir) throws Exception {
        Path image = noPng ? null : png != null ? png : Path.of("stdp-competitive-fields.png");
        CompetitiveSettings d = CompetitiveSettings.defaults(784, hidden);
        CompetitiveSettings.Builder b = d.toBuilder().steps(or(timeSteps, d.steps())).maxRate(or(maxRate, d.maxRate()))
                .tauM(or(tauM, d.tauM())).threshold(or(threshold, d.threshold()))
                .thetaPlus(or(thetaPlus, d.thetaPlus())).eta(or(eta, d.eta())).xTarget(or(xTar, d.xTarget()))
                .mu(or(mu, d.mu())).tauPre(or(tauPre, d.tauPre()));
        if (inhibition != null) {
            b.gradedInhibition(inhibition);
        }
        CompetitiveSettings s = b.build();
        return new CompetitiveExample(s, or(epochs, 1), samples, or(testSamples, 2000), readoutEpochs, seed, dataDir,
                image, quiet, out()).run();
    }

    private static int or(Integer v, int def) {
        return v != null ? v : def;
    }

    private static double or(Double v, double def) {
        return v != null ? v : def;
    }
}
