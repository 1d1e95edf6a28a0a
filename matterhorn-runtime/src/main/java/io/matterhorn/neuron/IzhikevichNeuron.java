package io.matterhorn.neuron;

/**
 * The one definition of the two Izhikevich neurons, each with two state variables, the potential h and the recovery
 * w. Both fire {@code o = H(u - u_th)} (surrogate derivative {@code g(u - u_th)}) and reset through {@link Reset}.
 * Per neuron and step, float32 in this order (the constants 0.04, 5, 140 as float32):
 *
 * <pre>
 *   matterhorn 1.0.1 (io.matterhorn.snn.soma.Izhikevich), u_rest = 0, w unchanged by a spike:
 *     w' = ((h b) - w) a + w                                                           {@link #recovery101}
 *     u  = ((((h + (h h) 0.04) + h 5) + 140) - w') + x     (the updated w is used)     {@link #charge101}
 *     h' = reset(u, o)  (hard: u (1 - o), soft: u - u_th o)
 *     at rest: h = w = 0
 *
 *   Izhikevich 2003 with the c/d reset (io.matterhorn.snn.soma.IzhikevichStandard), forward Euler of step dt,
 *   both derivatives at the previous state:
 *     w* = (((h b) - w) a) dt + w                                                      {@link #recoveryStandard}
 *     u  = h + (((((h h) 0.04 + h 5) + 140) - w) + x) dt                               {@link #chargeStandard}
 *     h' = u (1 - o) + c o     (hard reset to c: u_rest = c, u_th = v_peak)
 *     w' = w* + o d                                                                    {@link #jump}
 *     at rest: h = c, w = c b
 * </pre>
 *
 * Core's somas step these as graphs of tensor operations (autograd gives the backward; no fused kernel), which are
 * the tensor form of these lines in the same order; a test keeps the float32 graph equal to
 * {@link #step101} and {@link #stepStandard} bit for bit, and the float64 graph is what the gradient checks use.
 * The parameters a, b, d and c are finite; dt is positive. NIR node: none. Stateless.
 */
public final class IzhikevichNeuron {
    private IzhikevichNeuron() {
    }

    /**
     * @param h potential before the step
     * @param w recovery before the step
     * @param a recovery rate
     * @param b recovery sensitivity
     * @return the 1.0.1 recovery of this step, {@code ((h b) - w) a + w}
     */
    public static float recovery101(float h, float w, float a, float b) {
        return (h * b - w) * a + w;
    }

    /**
     * @param h potential before the step
     * @param w recovery of this step ({@link #recovery101})
     * @param x input
     * @return the 1.0.1 charge {@code h + 0.04 h^2 + 5 h + 140 - w + x}
     */
    public static float charge101(float h, float w, float x) {
        return h + h * h * 0.04f + h * 5f + 140f - w + x;
    }

    /**
     * @param h potential before the step
     * @param w recovery before the step
     * @param a recovery rate (1/ms)
     * @param b recovery sensitivity
     * @param dt Euler step (ms)
     * @return the recovery before the jump, {@code w + dt a (b h - w)}
     */
    public static float recoveryStandard(float h, float w, float a, float b, float dt) {
        return (h * b - w) * a * dt + w;
    }

    /**
     * @param h potential before the step
     * @param w recovery before the step
     * @param x input current
     * @param dt Euler step (ms)
     * @return the charge {@code h + dt (0.04 h^2 + 5 h + 140 - w + x)}
     */
    public static float chargeStandard(float h, float w, float x, float dt) {
        return h + (h * h * 0.04f + h * 5f + 140f - w + x) * dt;
    }

    /**
     * @param wCharged recovery before the jump ({@link #recoveryStandard})
     * @param o spike of this step
     * @param d recovery jump
     * @return {@code w* + o d}
     */
    public static float jump(float wCharged, float o, float d) {
        return wCharged + o * d;
    }

    /**
     * @param u charged potential
     * @param uTh threshold (v_peak for the standard form)
     * @return the spike {@code H(u - u_th)}, 1 at equality
     */
    public static float fire(float u, float uTh) {
        return ThresholdNeuron.fire(u, uTh);
    }

    /**
     * One 1.0.1 step of n neurons.
     *
     * @param x inputs [n]
     * @param h potentials [n], updated
     * @param w recoveries [n], updated
     * @param y spikes [n]
     * @param n number of neurons
     * @param a recovery rate
     * @param b recovery sensitivity
     * @param uTh threshold
     * @param hard hard or soft reset (to 0)
     */
    public static void step101(float[] x, float[] h, float[] w, float[] y, int n, float a, float b, float uTh,
            boolean hard) {
        for (int q = 0; q < n; q++) {
            float wq = recovery101(h[q], w[q], a, b);
            float u = charge101(h[q], wq, x[q]);
            float o = fire(u, uTh);
            w[q] = wq;
            h[q] = Reset.apply(u, o, 0f, uTh, hard);
            y[q] = o;
        }
    }

    /**
     * One step of n neurons of the standard form.
     *
     * @param x input currents [n]
     * @param h potentials [n], updated
     * @param w recoveries [n], updated
     * @param y spikes [n]
     * @param n number of neurons
     * @param a recovery rate
     * @param b recovery sensitivity
     * @param c reset potential (and rest)
     * @param d recovery jump
     * @param vPeak spike cut-off (threshold)
     * @param dt Euler step
     */
    public static void stepStandard(float[] x, float[] h, float[] w, float[] y, int n, float a, float b, float c,
            float d, float vPeak, float dt) {
        for (int q = 0; q < n; q++) {
            float wc = recoveryStandard(h[q], w[q], a, b, dt);
            float u = chargeStandard(h[q], w[q], x[q], dt);
            float o = fire(u, vPeak);
            h[q] = Reset.apply(u, o, c, vPeak - c, true);
            w[q] = jump(wc, o, d);
            y[q] = o;
        }
    }

    /**
     * @param c reset potential
     * @param b recovery sensitivity
     * @return the recovery at rest of the standard form, {@code c b}
     */
    public static float restRecoveryStandard(float c, float b) {
        return c * b;
    }
}
