package io.matterhorn.snn.learning.competitive;

/**
 * Settings of a {@link CompetitiveLayer}; time constants are in simulation steps. Immutable and thread-safe.
 *
 * @param inputs number of inputs (784 for MNIST)
 * @param neurons number of excitatory neurons
 * @param steps time steps per sample presentation
 * @param maxRate spike probability per step of an input at intensity 1 (Poisson-rate coding)
 * @param tauM membrane time constant
 * @param threshold base firing threshold
 * @param winnerTakeAll true for hard winner-take-all, false for graded inhibition
 * @param inhibition potential removed from the other neurons per spike (graded inhibition only)
 * @param thetaPlus adaptive-threshold step per spike
 * @param tauTheta adaptive-threshold decay time constant
 * @param eta STDP learning rate
 * @param xTarget STDP target trace
 * @param weightMax upper weight bound
 * @param mu STDP weight-dependence exponent
 * @param tauPre pre-synaptic trace time constant
 * @param weightSum each neuron's incoming weight sum after normalisation
 * @param minSpikes a presentation with fewer output spikes is repeated with a higher input rate
 * @param maxRepeats at most this many repeats per sample
 * @param rateBoost maxRate added for every repeat
 */
public record CompetitiveSettings(int inputs, int neurons, int steps, double maxRate, double tauM, double threshold,
        boolean winnerTakeAll, double inhibition, double thetaPlus, double tauTheta, double eta, double xTarget,
        double weightMax, double mu, double tauPre, double weightSum, int minSpikes, int maxRepeats,
        double rateBoost) {

    /**
     * @param inputs number of inputs
     * @param neurons number of excitatory neurons
     * @return the settings the MNIST example uses (see {@code io.matterhorn.examples.stdp.CompetitiveExample})
     */
    public static CompetitiveSettings defaults(int inputs, int neurons) {
        return new CompetitiveSettings(inputs, neurons, 50, 0.1, 20.0, 10.0, true, 0.0, 0.25, 1e7, 0.02, 0.2, 1.0,
                0.2, 4.0, inputs / 10.0, 5, 3, 0.05);
    }

    /**
     * Validates the fields that the building blocks do not check themselves.
     *
     * @param inputs number of inputs (784 for MNIST)
     * @param neurons number of excitatory neurons
     * @param steps time steps per sample presentation
     * @param maxRate spike probability per step of an input at intensity 1 (Poisson-rate coding)
     * @param tauM membrane time constant
     * @param threshold base firing threshold
     * @param winnerTakeAll true for hard winner-take-all, false for graded inhibition
     * @param inhibition potential removed from the other neurons per spike (graded inhibition only)
     * @param thetaPlus adaptive-threshold step per spike
     * @param tauTheta adaptive-threshold decay time constant
     * @param eta STDP learning rate
     * @param xTarget STDP target trace
     * @param weightMax upper weight bound
     * @param mu STDP weight-dependence exponent
     * @param tauPre pre-synaptic trace time constant
     * @param weightSum each neuron's incoming weight sum after normalisation
     * @param minSpikes a presentation with fewer output spikes is repeated with a higher input rate
     * @param maxRepeats at most this many repeats per sample
     * @param rateBoost maxRate added for every repeat
     * @throws IllegalArgumentException naming the fields when a value is out of range
     */
    public CompetitiveSettings {
        if (inputs <= 0 || neurons <= 0 || steps <= 0 || minSpikes < 0 || maxRepeats < 0) {
            throw new IllegalArgumentException("competitive layer: inputs, neurons and steps must be positive and "
                    + "minSpikes, maxRepeats >= 0, got " + inputs + ", " + neurons + ", " + steps + ", " + minSpikes
                    + ", " + maxRepeats);
        }
        if (!(maxRate > 0) || maxRate > 1 || !(rateBoost >= 0) || rateBoost > 1) {
            throw new IllegalArgumentException("competitive layer: maxRate must be in (0, 1] and rateBoost in [0, 1], "
                    + "got " + maxRate + " and " + rateBoost);
        }
        if (!(tauM > 0) || Double.isInfinite(tauM) || !Double.isFinite(threshold) || !(weightSum > 0)) {
            throw new IllegalArgumentException("competitive layer: tauM and weightSum must be positive and threshold "
                    + "finite, got " + tauM + ", " + weightSum + ", " + threshold);
        }
    }
}
