package io.matterhorn.snn.learning;

/**
 * The pair-based STDP window of matterhorn 1.0.1 (its documented rule, with {@code W(0) = 0}):
 *
 * <pre>
 *   W(d) =  A+ exp(-d / tau+)   for d &gt; 0   (input spike before output spike: potentiation)
 *   W(d) = -A- exp( d / tau-)   for d &lt; 0   (input spike after output spike: depression)
 *   W(0) =  0
 * </pre>
 *
 * with {@code d = t_out - t_in} in time steps. The amplitudes may have any finite value (a negative amplitude
 * reverses that half of the window); the time constants must be positive and finite.
 *
 * @param aPos A+, potentiation amplitude
 * @param tauPos tau+, potentiation time constant in steps
 * @param aNeg A-, depression amplitude
 * @param tauNeg tau-, depression time constant in steps
 */
public record StdpWindow(double aPos, double tauPos, double aNeg, double tauNeg) {
    /** The defaults of 1.0.1's {@code STDPLinear}: A+ = A- = 0.05, tau+ = tau- = 2. */
    public static final StdpWindow DEFAULT = new StdpWindow(0.05, 2.0, 0.05, 2.0);

    /**
     * Checks the parameters.
     *
     * @param aPos A+, potentiation amplitude, finite
     * @param tauPos tau+, potentiation time constant in steps, positive and finite
     * @param aNeg A-, depression amplitude, finite
     * @param tauNeg tau-, depression time constant in steps, positive and finite
     * @throws IllegalArgumentException if an amplitude is not finite or a time constant is not positive and finite
     */
    public StdpWindow {
        requireFinite("A+ (aPos)", aPos);
        requireFinite("A- (aNeg)", aNeg);
        requirePositive("tau+ (tauPos)", tauPos);
        requirePositive("tau- (tauNeg)", tauNeg);
    }

    /**
     * @param d spike-time difference {@code t_out - t_in} in steps
     * @return W(d) as defined above
     */
    public double value(int d) {
        if (d > 0) {
            return aPos * Math.exp(-d / tauPos);
        }
        if (d < 0) {
            return -aNeg * Math.exp(d / tauNeg);
        }
        return 0.0;
    }

    /** @return the per-step decay of the potentiation (pre-synaptic) trace, {@code exp(-1/tau+)} */
    public double preDecay() {
        return Math.exp(-1.0 / tauPos);
    }

    /** @return the per-step decay of the depression (post-synaptic) trace, {@code exp(-1/tau-)} */
    public double postDecay() {
        return Math.exp(-1.0 / tauNeg);
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("STDP: " + name + " must be a finite number, got " + v);
        }
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("STDP: " + name + " must be positive and finite, got " + v);
        }
    }

    @Override
    public String toString() {
        return "a_pos=" + aPos + ", tau_pos=" + tauPos + ", a_neg=" + aNeg + ", tau_neg=" + tauNeg;
    }
}
