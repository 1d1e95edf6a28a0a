package io.matterhorn.examples.stdp;

import java.nio.file.Path;

/**
 * Settings of example 2 (unsupervised STDP layer plus a supervised linear readout).
 *
 * @param epochs unsupervised STDP epochs over the training digits
 * @param trainSamples training digits used (STDP and readout), at most the data set size
 * @param timeSteps T of the Poisson encoder
 * @param batchSize batch size of the STDP layer (its update is summed over the batch)
 * @param hidden neurons of the STDP layer
 * @param tauM membrane time constant of the LIF neurons
 * @param threshold firing threshold of the LIF neurons
 * @param aPos STDP A+
 * @param aNeg STDP A-
 * @param tau STDP tau+ = tau- (steps)
 * @param learningRate STDP learning-rate factor
 * @param weightMin lower weight bound
 * @param weightMax upper weight bound
 * @param readoutEpochs epochs of the readout (Adam, cross-entropy)
 * @param readoutLearningRate Adam learning rate of the readout
 * @param seed seed for weights, encoders and shuffling
 * @param dataDir folder with full MNIST IDX files, or null for the bundled 10,000-digit sample
 * @param png where the receptive-field grid goes, or null for none
 * @param quiet no progress bar or tables
 */
public record StdpConfig(int epochs, int trainSamples, int timeSteps, int batchSize, int hidden, double tauM,
        double threshold, double aPos, double aNeg, double tau, double learningRate, double weightMin,
        double weightMax, int readoutEpochs, double readoutLearningRate, long seed, Path dataDir, Path png,
        boolean quiet) {

    /** @return the defaults (see {@link StdpExample} for why these values) */
    public static StdpConfig defaults() {
        return new StdpConfig(3, 8000, 32, 64, 100, 2.0, 0.5, 0.05, 0.052, 2.0, 0.001, 0.0, 0.1, 40, 0.01, 0L, null,
                Path.of("stdp-receptive-fields.png"), false);
    }

    /** Validates every field. */
    public StdpConfig {
        if (epochs < 0 || trainSamples <= 0 || timeSteps <= 0 || batchSize <= 0 || hidden <= 0 || readoutEpochs <= 0) {
            throw new IllegalArgumentException("stdp: epochs must be >= 0 and samples, time steps, batch size, hidden "
                    + "size and readout epochs positive (got " + epochs + ", " + trainSamples + ", " + timeSteps + ", "
                    + batchSize + ", " + hidden + ", " + readoutEpochs + ")");
        }
        if (!(tauM > 0) || !(tau > 0) || !(learningRate > 0) || !(readoutLearningRate > 0)) {
            throw new IllegalArgumentException("stdp: tau-m, tau, lr and readout-lr must be positive");
        }
        if (!Double.isFinite(threshold) || !Double.isFinite(aPos) || !Double.isFinite(aNeg)) {
            throw new IllegalArgumentException("stdp: threshold, a-pos and a-neg must be finite numbers");
        }
        if (!Double.isFinite(weightMin) || !Double.isFinite(weightMax) || weightMin > weightMax) {
            throw new IllegalArgumentException("stdp: weight bounds must be finite with w-min <= w-max, got ["
                    + weightMin + ", " + weightMax + "]");
        }
    }
}
