package io.matterhorn.snn.learning.competitive;

/**
 * Lateral inhibition among the neurons of one layer: decides which neurons spike in a time step and suppresses
 * the others. It stands for Diehl and Cook's inhibitory population (each excitatory neuron drives one inhibitory
 * neuron that inhibits all other excitatory neurons) without simulating that population.
 *
 * <p>With membrane potentials {@code v_j} and thresholds {@code th_j}:
 * <ul>
 *   <li><b>winner-take-all</b> ({@link #winnerTakeAll()}): at most one neuron spikes per step, the one with the
 *       largest margin {@code v_j - th_j >= 0} (ties: the lowest index); the potentials of all other neurons are
 *       reset to {@code vReset} (complete suppression).</li>
 *   <li><b>graded</b> ({@link #graded(double)}): every neuron with {@code v_j >= th_j} spikes; then each neuron
 *       loses {@code strength} per spike of the others, {@code v_j -= strength (S - s_j)} with
 *       {@code S = sum_k s_k}.</li>
 * </ul>
 * The spiking neurons themselves are not changed here (their reset belongs to the soma). Immutable and
 * thread-safe.
 */
public final class LateralInhibition {
    private final boolean winnerTakeAll;
    private final double strength;

    private LateralInhibition(boolean winnerTakeAll, double strength) {
        this.winnerTakeAll = winnerTakeAll;
        this.strength = strength;
    }

    /** @return hard winner-take-all: one spike per step, the other potentials reset */
    public static LateralInhibition winnerTakeAll() {
        return new LateralInhibition(true, Double.POSITIVE_INFINITY);
    }

    /**
     * @param strength potential removed from every other neuron per spike, finite and &gt;= 0
     * @return graded inhibition
     * @throws IllegalArgumentException if strength is negative or not finite
     */
    public static LateralInhibition graded(double strength) {
        if (!(strength >= 0) || Double.isInfinite(strength)) {
            throw new IllegalArgumentException("lateral inhibition: strength must be finite and >= 0, got "
                    + strength);
        }
        return new LateralInhibition(false, strength);
    }

    /** @return whether this is hard winner-take-all */
    public boolean isWinnerTakeAll() {
        return winnerTakeAll;
    }

    /** @return inhibition per spike (infinite for winner-take-all) */
    public double strength() {
        return strength;
    }

    /**
     * Fires and inhibits: writes the spikes of this step and suppresses the non-spiking neurons.
     *
     * @param v membrane potentials, [n]; the non-spiking entries are inhibited in place
     * @param threshold thresholds, [n]
     * @param vReset potential a suppressed neuron is reset to (winner-take-all only)
     * @param spikes output, [n]: 1 where the neuron spikes, else 0
     * @return number of spikes
     * @throws IllegalArgumentException if the lengths differ
     */
    public int fire(float[] v, float[] threshold, float vReset, float[] spikes) {
        int n = v.length;
        if (threshold.length != n || spikes.length != n) {
            throw new IllegalArgumentException("lateral inhibition: v, threshold and spikes must all be [n] = [" + n
                    + "], got " + threshold.length + " and " + spikes.length);
        }
        if (winnerTakeAll) {
            int winner = -1;
            float best = 0f;
            for (int j = 0; j < n; j++) {
                float margin = v[j] - threshold[j];
                spikes[j] = 0f;
                if (margin >= 0f && (winner < 0 || margin > best)) {
                    winner = j;
                    best = margin;
                }
            }
            if (winner < 0) {
                return 0;
            }
            spikes[winner] = 1f;
            for (int j = 0; j < n; j++) {
                if (j != winner) {
                    v[j] = vReset;
                }
            }
            return 1;
        }
        int count = 0;
        for (int j = 0; j < n; j++) {
            spikes[j] = v[j] >= threshold[j] ? 1f : 0f;
            count += (int) spikes[j];
        }
        if (count > 0 && strength > 0) {
            for (int j = 0; j < n; j++) {
                if (spikes[j] == 0f) {
                    v[j] -= (float) (strength * count);
                }
            }
        }
        return count;
    }
}
