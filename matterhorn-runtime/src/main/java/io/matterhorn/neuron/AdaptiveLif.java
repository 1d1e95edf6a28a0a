package io.matterhorn.neuron;

import java.util.List;

/**
 * The one definition of the adaptive leaky integrate-and-fire neuron (ALIF) of Bellec et al. 2018, "Long
 * short-term memory and learning-to-learn in networks of spiking neurons" (the neurons of an LSNN): a LIF whose
 * threshold rises by {@code beta} times a slowly decaying trace {@code a} of the neuron's own spikes. Per neuron q,
 * step t, float32, evaluated in this order:
 *
 * <pre>
 *   a_t  = rho a_{t-1} + (1 - rho) z_{t-1}            adaptation trace            ({@link #adapt})
 *   th_t = b0 + beta a_t                              threshold                   ({@link #threshold})
 *   v_t  = alpha v_{t-1} + x_t - z_{t-1} th_t         membrane, soft reset by th  ({@link #charge})
 *   z_t  = H(v_t - th_t)   (H(0) = 1),   y_t = z_t    spike                       ({@link #fire})
 *   alpha = exp(-dt / tau_mem),  rho = exp(-dt / tau_adp)   (exp in double, rounded to float; {@link #decay})
 *   at rest: v = a = z = 0
 * </pre>
 *
 * The per-neuron parameters, in kernel order ({@link #PARAM_NAMES}): {@code tau_mem} and {@code tau_adp} (seconds,
 * positive), {@code v_threshold} (the baseline b0) and {@code beta} (the adaptation strength; 0 gives a LIF with a
 * soft reset). The reset subtracts the threshold of the step after the spike, as the LSNN reference code does;
 * the spike is not detached in the reset or in the adaptation.
 *
 * <p><b>Backward.</b> With the surrogate derivative {@code g = g(v_t - th_t)}, {@code gy = dL/dy_t}, and
 * {@code gv, ga, gz} the gradients of {@code v_t, a_t, z_t} arriving from step t+1 ({@link #backward}):
 *
 * <pre>
 *   gs    = (gy + gz) g
 *   gV    = gv + gs                          dL/dv_t, total
 *   gTh   = -gs - z_{t-1} gV                 dL/dth_t
 *   gA    = ga + beta gTh                    dL/da_t, total
 *   dL/dx_t = gV,   dL/dv_{t-1} = alpha gV,   dL/da_{t-1} = rho gA,   dL/dz_{t-1} = -th_t gV + (1 - rho) gA
 *   dL/dtau_mem += gV v_{t-1} alpha dt / tau_mem^2,   dL/dtau_adp += gA (a_{t-1} - z_{t-1}) rho dt / tau_adp^2
 *   dL/dv_threshold += gTh,   dL/dbeta += gTh a_t                                  (parameter sums in double)
 * </pre>
 *
 * Training (core's step-at-a-time path, through {@link #step} and {@link #backward(float[], float[], float[],
 * float[], SurrogateDerivative, float[], float[], float[], float[], float[], int, int, double[])}) and the streaming
 * runtime ({@link #step}) both step through the functions here. Immutable (the parameter arrays are copied) and
 * thread-safe.
 */
public final class AdaptiveLif {
    /** The per-neuron parameters, in kernel order. */
    public static final List<String> PARAM_NAMES = List.of("tau_mem", "tau_adp", "v_threshold", "beta");
    /** Index of tau_mem in {@link #PARAM_NAMES}. */
    public static final int TAU_MEM = 0;
    /** Index of tau_adp in {@link #PARAM_NAMES}. */
    public static final int TAU_ADP = 1;
    /** Index of v_threshold (b0) in {@link #PARAM_NAMES}. */
    public static final int V_THRESHOLD = 2;
    /** Index of beta in {@link #PARAM_NAMES}. */
    public static final int BETA = 3;

    private final double dt;
    private final int neurons;
    private final float[] alpha;
    private final float[] rho;
    private final float[] b0;
    private final float[] beta;
    private final float[] tauMem;
    private final float[] tauAdp;

    /**
     * @param dt Euler step in seconds, positive and finite
     * @param params per-neuron values [4][N] in {@link #PARAM_NAMES} order, all of one length N &gt; 0
     * @throws IllegalArgumentException for a missing, wrongly sized or non-finite parameter, a time constant whose
     *     {@code tau / dt} is outside {@link ParameterBounds}' range, or a non-positive dt
     */
    public AdaptiveLif(double dt, float[][] params) {
        validate(dt, params);
        this.dt = dt;
        this.neurons = params[0].length;
        this.alpha = new float[neurons];
        this.rho = new float[neurons];
        for (int q = 0; q < neurons; q++) {
            alpha[q] = decay(dt, params[TAU_MEM][q]);
            rho[q] = decay(dt, params[TAU_ADP][q]);
        }
        this.b0 = params[V_THRESHOLD].clone();
        this.beta = params[BETA].clone();
        this.tauMem = params[TAU_MEM].clone();
        this.tauAdp = params[TAU_ADP].clone();
    }

    /**
     * Checks a parameter set.
     *
     * @param dt Euler step in seconds
     * @param params per-neuron values in {@link #PARAM_NAMES} order
     * @throws IllegalArgumentException as described at {@link #AdaptiveLif(double, float[][])}
     */
    public static void validate(double dt, float[][] params) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("AdaptiveLif: dt must be positive and finite, got " + dt);
        }
        if (params == null || params.length != PARAM_NAMES.size()) {
            throw new IllegalArgumentException("AdaptiveLif: needs parameters " + PARAM_NAMES);
        }
        for (int p = 0; p < params.length; p++) {
            String name = PARAM_NAMES.get(p);
            if (params[p] == null || params[p].length != params[0].length || params[0].length == 0) {
                throw new IllegalArgumentException("AdaptiveLif: parameter " + name + " must hold one value per "
                        + "neuron");
            }
            for (float v : params[p]) {
                if (name.startsWith("tau")) {
                    ParameterBounds.requireTimeConstant("AdaptiveLif " + name + " / dt", v / dt);
                } else {
                    ParameterBounds.requireFinite("AdaptiveLif " + name, v);
                }
            }
        }
    }

    /** @return the Euler step in seconds */
    public double dt() {
        return dt;
    }

    /** @return the number of neurons N */
    public int neurons() {
        return neurons;
    }

    // ------------------------------------------------------------------ the stages, one element

    /**
     * @param dt step in seconds
     * @param tau time constant in seconds
     * @return {@code exp(-dt / tau)} (in double, rounded to float)
     */
    public static float decay(double dt, float tau) {
        return (float) Math.exp(-dt / tau);
    }

    /**
     * @param a trace before the step
     * @param z spike of the previous step
     * @param rho trace decay
     * @return {@code rho a + (1 - rho) z}
     */
    public static float adapt(float a, float z, float rho) {
        return rho * a + (1f - rho) * z;
    }

    /**
     * @param b0 baseline threshold
     * @param beta adaptation strength
     * @param a trace of this step
     * @return {@code b0 + beta a}
     */
    public static float threshold(float b0, float beta, float a) {
        return b0 + beta * a;
    }

    /**
     * @param v potential before the step
     * @param x input of this step
     * @param z spike of the previous step
     * @param th threshold of this step
     * @param alpha membrane decay
     * @return {@code alpha v + x - z th}
     */
    public static float charge(float v, float x, float z, float th, float alpha) {
        return alpha * v + x - z * th;
    }

    /**
     * @param v potential of this step
     * @param th threshold of this step
     * @return {@code H(v - th)}, 1 at equality
     */
    public static float fire(float v, float th) {
        return v - th >= 0 ? 1f : 0f;
    }

    /**
     * The backward of one step of one element (see the class comment for the equations).
     *
     * @param vPrev v_{t-1}
     * @param aPrev a_{t-1}
     * @param zPrev z_{t-1}
     * @param v v_t
     * @param alpha membrane decay
     * @param rho trace decay
     * @param b0 baseline threshold
     * @param beta adaptation strength
     * @param surrogate the surrogate derivative g
     * @param gy dL/dy_t
     * @param gv dL/dv_t from step t+1
     * @param ga dL/da_t from step t+1
     * @param gz dL/dz_t from step t+1 (besides gy)
     * @param out receives {@code [dL/dx_t, dL/dv_{t-1}, dL/da_{t-1}, dL/dz_{t-1}]}
     * @param partials receives {@code [dL/dalpha, dL/drho, dL/dv_threshold, dL/dbeta]} of this step (double), or
     *     null when the parameter gradients are not needed
     */
    public static void backward(float vPrev, float aPrev, float zPrev, float v, float alpha, float rho, float b0,
            float beta, SurrogateDerivative surrogate, float gy, float gv, float ga, float gz, float[] out,
            double[] partials) {
        float a = adapt(aPrev, zPrev, rho);
        float th = threshold(b0, beta, a);
        float sg = (float) surrogate.derivative(v - th);
        float gs = (gy + gz) * sg;
        float gV = gv + gs;
        float gTh = -gs - zPrev * gV;
        float gA = ga + beta * gTh;
        out[0] = gV;
        out[1] = alpha * gV;
        out[2] = rho * gA;
        out[3] = -th * gV + (1f - rho) * gA;
        if (partials != null) {
            partials[0] = (double) gV * vPrev;
            partials[1] = (double) gA * ((double) aPrev - zPrev);
            partials[2] = gTh;
            partials[3] = (double) gTh * a;
        }
    }

    /**
     * @param decay {@code exp(-dt / tau)}
     * @param dt step in seconds
     * @param tau time constant in seconds
     * @return {@code d decay / d tau = decay dt / tau^2} (double), the factor from a gradient with respect to a decay
     *     to one with respect to its time constant
     */
    public static double dDecayDtau(float decay, double dt, float tau) {
        return decay * dt / ((double) tau * tau);
    }

    // ------------------------------------------------------------------ a layer

    /**
     * Sets the state of {@code m} elements to rest (v = a = z = 0).
     *
     * @param state the state, v [m] at {@code off}, then a [m], then z [m]
     * @param off offset
     * @param m number of elements
     */
    public void rest(float[] state, int off, int m) {
        java.util.Arrays.fill(state, off, off + 3 * m, 0f);
    }

    /**
     * One step of elements {@code [from, to)} (neuron {@code j % N} for element j).
     *
     * @param x input, element j at {@code x[xOff + j]}
     * @param xOff offset of x
     * @param v potentials, element j at {@code v[vOff + j]}, updated
     * @param vOff offset of v
     * @param a traces, element j at {@code a[aOff + j]}, updated
     * @param aOff offset of a
     * @param z previous spikes, element j at {@code z[zOff + j]}, replaced by this step's
     * @param zOff offset of z
     * @param y output spikes, element j at {@code y[yOff + j]}
     * @param yOff offset of y
     * @param from first element
     * @param to end of the elements
     */
    public void step(float[] x, int xOff, float[] v, int vOff, float[] a, int aOff, float[] z, int zOff, float[] y,
            int yOff, int from, int to) {
        int n = neurons;
        for (int j = from; j < to; j++) {
            int q = j % n;
            float zPrev = z[zOff + j];
            float at = adapt(a[aOff + j], zPrev, rho[q]);
            float th = threshold(b0[q], beta[q], at);
            float vt = charge(v[vOff + j], x[xOff + j], zPrev, th, alpha[q]);
            float zt = fire(vt, th);
            a[aOff + j] = at;
            v[vOff + j] = vt;
            z[zOff + j] = zt;
            y[yOff + j] = zt;
        }
    }
    /**
     * The backward of one step of elements {@code [from, to)} (neuron {@code j % N} for element j), through the
     * per-element {@link #backward(float, float, float, float, float, float, float, float, SurrogateDerivative,
     * float, float, float, float, float[], double[])}.
     *
     * @param vPrev potentials before the step [M]
     * @param aPrev traces before the step [M]
     * @param zPrev spikes of the previous step [M]
     * @param v potentials after the step [M]
     * @param surrogate the surrogate derivative g
     * @param gy dL/dy of the step [M]
     * @param gv in: dL/dv after the step; out: dL/dv before it [M]
     * @param ga in: dL/da after the step; out: dL/da before it [M]
     * @param gz in: dL/dz after the step (besides gy); out: dL/dz of the previous step [M]
     * @param gx output dL/dx of the step [M]
     * @param from first element
     * @param to end of the elements
     * @param acc flat [4 * N] sums of {@code [dL/dalpha, dL/drho, dL/dv_threshold, dL/dbeta]} per neuron (parameter
     *     p of neuron q at {@code p * N + q}) to add to, or null when not needed; {@link #paramGradients} turns them
     *     into gradients of the parameters
     * @throws IllegalArgumentException for an element range outside an array, a short {@code acc} or no surrogate
     */
    public void backward(float[] vPrev, float[] aPrev, float[] zPrev, float[] v, SurrogateDerivative surrogate,
            float[] gy, float[] gv, float[] ga, float[] gz, float[] gx, int from, int to, double[] acc) {
        int n = neurons;
        int shortest = Math.min(Math.min(Math.min(vPrev.length, aPrev.length), Math.min(zPrev.length, v.length)),
                Math.min(Math.min(gy.length, gv.length), Math.min(Math.min(ga.length, gz.length), gx.length)));
        if (from < 0 || from > to || to > shortest || acc != null && acc.length < 4 * n || surrogate == null) {
            throw new IllegalArgumentException("AdaptiveLif.backward: elements [" + from + ", " + to + ") need arrays "
                    + "of at least " + to + " values (shortest " + shortest + "), a surrogate and, when given, "
                    + "parameter sums of 4 * " + n + " values");
        }
        float[] out = new float[4];
        double[] p = acc != null ? new double[4] : null;
        for (int j = from; j < to; j++) {
            int q = j % n;
            backward(vPrev[j], aPrev[j], zPrev[j], v[j], alpha[q], rho[q], b0[q], beta[q], surrogate, gy[j], gv[j],
                    ga[j], gz[j], out, p);
            gx[j] = out[0];
            gv[j] = out[1];
            ga[j] = out[2];
            gz[j] = out[3];
            if (p != null) {
                for (int k = 0; k < 4; k++) {
                    acc[k * n + q] += p[k];
                }
            }
        }
    }

    /**
     * Adds the gradients of the parameters, from the sums {@link #backward(float[], float[], float[], float[],
     * SurrogateDerivative, float[], float[], float[], float[], float[], int, int, double[])} collected:
     * {@code dL/dtau = dL/ddecay * d decay/d tau} ({@link #dDecayDtau}) for the two time constants.
     *
     * @param acc flat [4 * N] sums
     * @param grads per-neuron gradients [4][N] in {@link #PARAM_NAMES} order, added to
     */
    public void paramGradients(double[] acc, double[][] grads) {
        int n = neurons;
        for (int q = 0; q < n; q++) {
            grads[TAU_MEM][q] += acc[q] * dDecayDtau(alpha[q], dt, tauMem[q]);
            grads[TAU_ADP][q] += acc[n + q] * dDecayDtau(rho[q], dt, tauAdp[q]);
            grads[V_THRESHOLD][q] += acc[2 * n + q];
            grads[BETA][q] += acc[3 * n + q];
        }
    }
}
