package io.matterhorn.neuron;

/**
 * The one definition of the leaky integrate-and-fire neuron integrated exactly over a step with the input as an
 * instantaneous jump (the current-based LIF of Diehl and Cook 2015, the excitatory neuron of the competitive STDP
 * layer {@code io.matterhorn.snn.learning.competitive.CompetitiveLayer}). Per neuron and step, float32 in this order:
 *
 * <pre>
 *   u = decay v + x              decay = exp(-dt / tau_m)  (exp in double, rounded to float; {@link #decay})
 *   z = H(u - u_th)  (H(0) = 1)  or any other firing rule that decides z from u ({@link #fire})
 *   v' = z ? v_reset : u                                                                  ({@link #next})
 *   at rest: v = v_reset
 * </pre>
 *
 * When the input is a sum of synaptic weights over the inputs that spiked ({@code x = sum_i W[i] s_i}),
 * {@link #chargeEvents} adds the weights one at a time onto the leaked potential, in the order of the active inputs
 * (the float32 order of the competitive layer). Unlike the Euler LIF ({@link LifDynamics}, {@link EulerNeuron}) the
 * decay is exact for any {@code dt / tau_m} and the input is not scaled by {@code dt / tau_m}; with
 * {@code decay = 1 - dt / tau_m} and an input scaled by {@code dt / tau_m} it would be the Euler LIF. No trainable
 * parameters (the layer learns by STDP), so there is no backward. NIR node: none. Immutable and thread-safe.
 */
public final class ExponentialLif {
    private final double dt;
    private final double tauM;
    private final float decay;
    private final float vReset;

    /**
     * @param dt step, positive and finite (in the unit of tau_m; 1 when tau_m is in steps)
     * @param tauM membrane time constant, positive (infinite: no leak)
     * @param vReset reset potential, also the potential at rest, finite
     * @throws IllegalArgumentException for a bad value, naming it
     */
    public ExponentialLif(double dt, double tauM, float vReset) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("ExponentialLif: dt must be positive and finite, got " + dt);
        }
        if (!(tauM > 0)) {
            throw new IllegalArgumentException("ExponentialLif: tau_m must be positive, got " + tauM);
        }
        if (!Float.isFinite(vReset)) {
            throw new IllegalArgumentException("ExponentialLif: v_reset must be finite, got " + vReset);
        }
        this.dt = dt;
        this.tauM = tauM;
        this.decay = decay(dt, tauM);
        this.vReset = vReset;
    }

    /**
     * @param dt step
     * @param tau time constant
     * @return {@code exp(-dt / tau)}, in double, rounded to float
     */
    public static float decay(double dt, double tau) {
        return (float) Math.exp(-dt / tau);
    }

    /**
     * @param v potential before the step
     * @param decay {@link #decay}
     * @param x input of this step
     * @return {@code u = decay v + x}
     */
    public static float charge(float v, float decay, float x) {
        return v * decay + x;
    }

    /**
     * The charge with the input given as the weights of the inputs that spiked: the leaked potential plus
     * {@code w[off + active[k]]} for k = 0..count-1, added one at a time in that order.
     *
     * @param v potential before the step
     * @param decay {@link #decay}
     * @param w weights
     * @param off offset of this neuron's row of weights
     * @param active indices of the inputs that spiked
     * @param count number of them
     * @return u
     */
    public static float chargeEvents(float v, float decay, float[] w, int off, int[] active, int count) {
        float u = v * decay;
        for (int k = 0; k < count; k++) {
            u += w[off + active[k]];
        }
        return u;
    }

    /**
     * @param u charged potential
     * @param uThreshold threshold
     * @return the spike {@code H(u - u_th)}, 1 at equality
     */
    public static float fire(float u, float uThreshold) {
        return ThresholdNeuron.fire(u, uThreshold);
    }

    /** @return the step */
    public double dt() {
        return dt;
    }

    /** @return the membrane time constant */
    public double tauM() {
        return tauM;
    }

    /** @return {@code exp(-dt / tau_m)} as a float */
    public float decay() {
        return decay;
    }

    /** @return the reset potential, also the potential at rest */
    public float vReset() {
        return vReset;
    }

    /**
     * @param u charged potential
     * @param z firing value of this step
     * @return the potential after the step: v_reset when z is non-zero, else u
     */
    public float next(float u, float z) {
        return z != 0f ? vReset : u;
    }

    /**
     * Sets n potentials to rest.
     *
     * @param v potentials, updated
     * @param n number of neurons
     */
    public void rest(float[] v, int n) {
        java.util.Arrays.fill(v, 0, n, vReset);
    }

    /**
     * The charge of n neurons whose input arrives through a weight matrix from the inputs that spiked:
     * {@code v[j] = chargeEvents(v[j], decay, w, j * inputs, active, count)}.
     *
     * @param v potentials, updated to the charged potentials u
     * @param n number of neurons
     * @param w weights, row-major [n, inputs]
     * @param inputs number of inputs (row length of w)
     * @param active indices of the inputs that spiked
     * @param count number of them
     */
    public void chargeEvents(float[] v, int n, float[] w, int inputs, int[] active, int count) {
        float d = decay;
        for (int j = 0; j < n; j++) {
            v[j] = chargeEvents(v[j], d, w, j * inputs, active, count);
        }
    }

    /**
     * The reset of n neurons: {@code v[j] = next(v[j], z[j])}.
     *
     * @param v charged potentials, updated to the potentials after the step
     * @param z firing values of this step
     * @param n number of neurons
     */
    public void reset(float[] v, float[] z, int n) {
        for (int j = 0; j < n; j++) {
            v[j] = next(v[j], z[j]);
        }
    }
}
