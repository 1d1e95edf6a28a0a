package io.matterhorn.snn.learning.competitive;

import java.util.Arrays;

/**
 * Homeostatic adaptive threshold (Diehl and Cook 2015): every neuron {@code j} has an extra threshold
 * {@code theta_j >= 0}, added to its base threshold, that rises by a fixed step on each of its spikes and decays
 * slowly towards 0. Per time step, with spikes {@code s_j(t)} in {0, 1},
 *
 * <pre>
 *   theta_j(t+1) = exp(-1 / tau_theta) theta_j(t) + theta_plus s_j(t)
 * </pre>
 *
 * so a neuron that fires much has to be driven harder to fire again, and every neuron gets its share of the
 * inputs. While {@link #frozen()} (evaluation), {@link #step} changes nothing. Not thread-safe (mutable state).
 */
public final class AdaptiveThreshold {
    private final float[] theta;
    private final double thetaPlus;
    private final double decay;
    private boolean frozen;

    /**
     * @param neurons number of neurons, positive
     * @param thetaPlus step added per spike, finite and &gt;= 0
     * @param tauTheta decay time constant in steps, positive (may be infinite: no decay)
     * @throws IllegalArgumentException naming the bad argument
     */
    public AdaptiveThreshold(int neurons, double thetaPlus, double tauTheta) {
        if (neurons <= 0) {
            throw new IllegalArgumentException("adaptive threshold: neurons must be positive, got " + neurons);
        }
        if (!(thetaPlus >= 0) || Double.isInfinite(thetaPlus)) {
            throw new IllegalArgumentException("adaptive threshold: thetaPlus must be finite and >= 0, got "
                    + thetaPlus);
        }
        if (!(tauTheta > 0)) {
            throw new IllegalArgumentException("adaptive threshold: tauTheta must be positive, got " + tauTheta);
        }
        this.theta = new float[neurons];
        this.thetaPlus = thetaPlus;
        this.decay = Math.exp(-1.0 / tauTheta);
    }

    /**
     * One time step: decay, then add {@code thetaPlus} for each neuron that spiked; nothing while frozen.
     *
     * @param spikes spikes of this step, [neurons]; a non-zero value counts as one spike
     * @throws IllegalArgumentException if the length is not the number of neurons
     */
    public void step(float[] spikes) {
        if (spikes.length != theta.length) {
            throw new IllegalArgumentException("adaptive threshold: spikes has " + spikes.length
                    + " values, expected [neurons] = " + theta.length);
        }
        if (frozen) {
            return;
        }
        for (int j = 0; j < theta.length; j++) {
            theta[j] = (float) (decay * theta[j] + (spikes[j] != 0f ? thetaPlus : 0.0));
        }
    }

    /**
     * @param j neuron index
     * @return theta_j, the amount added to neuron j's base threshold
     */
    public float theta(int j) {
        return theta[j];
    }

    /** @return a copy of theta, [neurons] */
    public float[] values() {
        return theta.clone();
    }

    /** @return number of neurons */
    public int size() {
        return theta.length;
    }

    /**
     * @param frozen true to stop adaptation and decay (evaluation), false to resume
     */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    /** @return whether adaptation is stopped */
    public boolean frozen() {
        return frozen;
    }

    /** Sets every theta to 0. */
    public void reset() {
        Arrays.fill(theta, 0f);
    }
}
