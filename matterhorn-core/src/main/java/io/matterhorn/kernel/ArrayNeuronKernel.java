package io.matterhorn.kernel;

import io.matterhorn.neuron.SurrogateDerivative;

import io.matterhorn.neuron.EulerKind;
import io.matterhorn.neuron.EulerNeuron;
import io.matterhorn.numeric.Parallel;

/**
 * The one definition of the NIR neurons with per-neuron parameters (LI, LIF, IF, I, CubaLI, CubaLIF), as a fused
 * multi-step kernel: the forward walks t = 0..T-1 once, the backward t = T-1..0 once. Forward Euler with step
 * {@code dt}, float32, evaluated in this order per neuron (parameters of the neuron's index within the sample):
 *
 * <pre>
 *   current kinds (CubaLI, CubaLIF): i_t = i_{t-1} + (dt/tau_syn) ((-i_{t-1}) + w_in x_t)     i_{-1} = 0
 *   other kinds:                     i_t = x_t
 *   leaky kinds (LI, LIF, Cuba*):    u_t = v_{t-1} + (dt/tau) ((v_leak - v_{t-1}) + r i_t)   (tau = tau_mem)
 *   IF, I:                           u_t = v_{t-1} + r i_t
 *   spiking kinds (LIF, IF, CubaLIF): z_t = H(u_t - v_threshold) (H(0) = 1),  v_t = z_t ? v_reset : u_t,  y_t = z_t
 *   analog kinds (LI, I, CubaLI):     v_t = u_t,  y_t = u_t
 *   v_{-1} = v_leak (leaky kinds), v_reset (IF), 0 (I)
 * </pre>
 *
 * with {@code dt/tau} computed as {@code (float) dt / tau}. The backward is the exact derivative of these equations
 * except that {@code dz/du} is the surrogate derivative {@code g(u - v_threshold)}; the reset is differentiated as
 * {@code v = u (1 - z) + v_reset z} (the spike is not detached). With {@code gv = dL/dv_t}, {@code gi = dL/di_t}
 * arriving from step t+1 and {@code gy = dL/dy_t}:
 *
 * <pre>
 *   spiking: gz = gy + gv (v_reset - u_t),  gu = gv (1 - z_t) + gz g,  dv_threshold -= gz g,  dv_reset += gv z_t
 *   analog:  gu = gy + gv
 *   leaky:   gv' = gu (1 - k),  gi += gu k r,  dtau += -gu ((v_leak - v_{t-1}) + r i_t) k / tau,  dv_leak += gu k,
 *            dr += gu k i_t                                                        (k = dt/tau)
 *   IF, I:   gv' = gu,  gi += gu r,  dr += gu i_t
 *   current: gi' = gi (1 - ks),  dx = gi ks w_in,  dtau_syn += -gi ((-i_{t-1}) + w_in x_t) ks / tau_syn,
 *            dw_in += gi ks x_t                                                    (ks = dt/tau_syn)
 *   other:   dx = gi,  gi' = 0
 * </pre>
 *
 * and at t = 0 the gradient of the rest state goes to v_leak (leaky kinds) or v_reset (IF) when the sequence
 * starts at rest, or to the given initial state. Arrays are row-major {@code [T, M]} with {@code M = B * N}
 * elements per step (N neurons per sample). Parameter gradients are double sums over time and batch. Thread-safe.
 */
public final class ArrayNeuronKernel {
    private static final int MIN_ELEMENTS_PER_TASK = 4096;

    private ArrayNeuronKernel() {
    }

    /**
     * The settings of one sequence.
     *
     * @param kind neuron kind
     * @param dt Euler step in seconds, positive
     * @param params per-neuron values [N] in {@link EulerKind#paramNames()} order (not copied; not changed)
     * @param surrogate surrogate derivative g of the firing step (spiking kinds; may be null for analog kinds)
     */
    public record Config(EulerKind kind, double dt, float[][] params, SurrogateDerivative surrogate) {
        /**
         * Validates the settings.
         *
         * @param kind neuron kind
         * @param dt Euler step in seconds
         * @param params per-neuron values in {@link EulerKind#paramNames()} order, all of one length
         * @param surrogate surrogate derivative (required for spiking kinds)
         * @throws IllegalArgumentException for a missing or wrongly sized parameter, a non-positive dt, or a
         *     missing surrogate
         */
        public Config {
            if (kind == null || params == null || params.length != kind.paramNames().size()) {
                throw new IllegalArgumentException("ArrayNeuronKernel: " + kind + " needs parameters "
                        + (kind == null ? "?" : kind.paramNames()));
            }
            if (!(dt > 0) || Double.isInfinite(dt)) {
                throw new IllegalArgumentException("ArrayNeuronKernel: dt must be positive and finite, got " + dt);
            }
            for (int p = 0; p < params.length; p++) {
                if (params[p] == null || params[p].length != params[0].length) {
                    throw new IllegalArgumentException("ArrayNeuronKernel: parameter " + kind.paramNames().get(p)
                            + " must hold one value per neuron");
                }
            }
            if (kind.spiking() && surrogate == null) {
                throw new IllegalArgumentException("ArrayNeuronKernel: " + kind + " needs a surrogate");
            }
        }

        /** @return the number of neurons per sample N */
        public int neurons() {
            return params[0].length;
        }
    }

    /**
     * Forward pass.
     *
     * @param c settings
     * @param x input [T, M], M = B * N
     * @param steps T
     * @param i0 synaptic current before the sequence [M] (current kinds), or null for 0
     * @param v0 potential before the sequence [M], or null for the rest value
     * @param y output [T, M]
     * @param u output charged potentials u_t [T, M], kept for the backward
     * @param cur output synaptic currents i_t [T, M] (current kinds; null otherwise)
     * @param iLast output current after the last step [M] (current kinds; null otherwise)
     * @param vLast output potential after the last step (after the reset) [M]
     * @throws IllegalArgumentException if x holds NaN or an array is too short
     */
    public static void forward(Config c, float[] x, int steps, float[] i0, float[] v0, float[] y, float[] u,
            float[] cur, float[] iLast, float[] vLast) {
        int m = vLast.length;
        check(c, x, steps, m, y, u, cur, iLast);
        EulerKind k = c.kind();
        float[][] p = c.params();
        int n = c.neurons();
        float dtf = (float) c.dt();
        float[] tauSyn = k.current() ? p[k.index("tau_syn")] : null;
        float[] tau = k.leaky() ? p[k.index(k.current() ? "tau_mem" : "tau")] : null;
        float[] r = p[k.index("r")];
        float[] w = k.current() ? p[k.index("w_in")] : null;
        float[] vl = k.leaky() ? p[k.index("v_leak")] : null;
        float[] th = k.spiking() ? p[k.index("v_threshold")] : null;
        float[] vr = k.spiking() ? p[k.index("v_reset")] : null;
        boolean[] nan = new boolean[1];
        Parallel.forRange(m, MIN_ELEMENTS_PER_TASK, (chunk, from, to) -> {
            boolean sawNan = false;
            for (int j = from; j < to; j++) {
                int q = j % n;
                float i = i0 == null ? 0f : i0[j];
                float v = v0 != null ? v0[j] : rest(k, vl, vr, q);
                for (int t = 0; t < steps; t++) {
                    int e = t * m + j;
                    float xv = x[e];
                    sawNan |= xv != xv;
                    if (k.current()) {
                        i = EulerNeuron.current(i, xv, w[q], dtf / tauSyn[q]);
                        cur[e] = i;
                    } else {
                        i = xv;
                    }
                    float uv = k.leaky() ? EulerNeuron.chargeLeaky(v, i, vl[q], r[q], dtf / tau[q])
                            : EulerNeuron.chargeIntegrator(v, i, r[q]);
                    u[e] = uv;
                    if (k.spiking()) {
                        float z = EulerNeuron.fire(uv, th[q]);
                        y[e] = z;
                        v = z != 0f ? vr[q] : uv;
                    } else {
                        y[e] = uv;
                        v = uv;
                    }
                }
                vLast[j] = v;
                if (iLast != null) {
                    iLast[j] = k.current() ? i : 0f;
                }
            }
            if (sawNan) {
                nan[0] = true;
            }
        });
        if (nan[0]) {
            throw new IllegalArgumentException("soma input contains NaN");
        }
    }

    /**
     * Backward pass.
     *
     * @param c settings (the forward's)
     * @param x input [T, M]
     * @param steps T
     * @param i0 the forward's i0, or null
     * @param v0 the forward's v0, or null (rest)
     * @param u charged potentials from the forward [T, M]
     * @param cur synaptic currents from the forward [T, M] (current kinds)
     * @param gy dL/dy [T, M]
     * @param giLast dL/d(final current) [M], or null
     * @param gvLast dL/d(final potential) [M], or null
     * @param gx output dL/dx [T, M], or null when not needed
     * @param gi0 output dL/di0 [M] (when i0 was given), or null
     * @param gv0 output dL/dv0 [M] (when v0 was given), or null
     * @param paramGrads whether to compute the parameter gradients
     * @return dL/dparams [P][N] in {@link EulerKind#paramNames()} order (double), or an empty array when not computed
     */
    public static double[][] backward(Config c, float[] x, int steps, float[] i0, float[] v0, float[] u, float[] cur,
            float[] gy, float[] giLast, float[] gvLast, float[] gx, float[] gi0, float[] gv0, boolean paramGrads) {
        EulerKind k = c.kind();
        float[][] p = c.params();
        int n = c.neurons();
        int m = u.length / Math.max(1, steps);
        float dtf = (float) c.dt();
        int iTauSyn = k.index("tau_syn");
        int iTau = k.index(k.current() ? "tau_mem" : "tau");
        int iR = k.index("r");
        int iW = k.index("w_in");
        int iVl = k.index("v_leak");
        int iTh = k.index("v_threshold");
        int iVr = k.index("v_reset");
        float[] tauSyn = k.current() ? p[iTauSyn] : null;
        float[] tau = k.leaky() ? p[iTau] : null;
        float[] r = p[iR];
        float[] w = k.current() ? p[iW] : null;
        float[] vl = k.leaky() ? p[iVl] : null;
        float[] th = k.spiking() ? p[iTh] : null;
        float[] vr = k.spiking() ? p[iVr] : null;
        SurrogateDerivative g = c.surrogate();
        int np = paramGrads ? p.length : 0;
        int chunks = Parallel.chunks(m, MIN_ELEMENTS_PER_TASK);
        double[][][] partial = new double[chunks][np][n];
        Parallel.forRange(m, MIN_ELEMENTS_PER_TASK, (chunk, from, to) -> {
            double[][] acc = partial[chunk];
            for (int j = from; j < to; j++) {
                int q = j % n;
                float gv = gvLast == null ? 0f : gvLast[j];
                float gi = giLast == null || !k.current() ? 0f : giLast[j];
                for (int t = steps - 1; t >= 0; t--) {
                    int e = t * m + j;
                    float xv = x[e];
                    float ut = u[e];
                    float it = k.current() ? cur[e] : xv;
                    float vPrev;
                    if (t == 0) {
                        vPrev = v0 != null ? v0[j] : rest(k, vl, vr, q);
                    } else {
                        float up = u[e - m];
                        vPrev = k.spiking() && EulerNeuron.fire(up, th[q]) != 0f ? vr[q] : up;
                    }
                    float gyv = gy[e];
                    float gu;
                    if (k.spiking()) {
                        float z = EulerNeuron.fire(ut, th[q]);
                        float sg = (float) g.derivative(ut - th[q]);
                        float gz = gyv + gv * (vr[q] - ut);
                        gu = gv * (1f - z) + gz * sg;
                        if (np > 0) {
                            acc[iTh][q] -= (double) gz * sg;
                            acc[iVr][q] += (double) gv * z;
                        }
                    } else {
                        gu = gyv + gv;
                    }
                    float git = k.current() ? gi : 0f;
                    if (k.leaky()) {
                        float kk = dtf / tau[q];
                        gv = gu * (1f - kk);
                        git += gu * kk * r[q];
                        if (np > 0) {
                            double drive = (double) (vl[q] - vPrev) + (double) r[q] * it;
                            acc[iTau][q] += -(double) gu * drive * kk / tau[q];
                            acc[iVl][q] += (double) gu * kk;
                            acc[iR][q] += (double) gu * kk * it;
                        }
                    } else {
                        gv = gu;
                        git += gu * r[q];
                        if (np > 0) {
                            acc[iR][q] += (double) gu * it;
                        }
                    }
                    float gxv;
                    if (k.current()) {
                        float ks = dtf / tauSyn[q];
                        float iPrev = t == 0 ? (i0 == null ? 0f : i0[j]) : cur[e - m];
                        gxv = git * ks * w[q];
                        if (np > 0) {
                            double drive = -(double) iPrev + (double) w[q] * xv;
                            acc[iTauSyn][q] += -(double) git * drive * ks / tauSyn[q];
                            acc[iW][q] += (double) git * ks * xv;
                        }
                        gi = git * (1f - ks);
                    } else {
                        gxv = git;
                    }
                    if (gx != null) {
                        gx[e] = gxv;
                    }
                }
                if (v0 != null) {
                    if (gv0 != null) {
                        gv0[j] = gv;
                    }
                } else if (np > 0 && k.leaky()) {
                    acc[iVl][q] += gv;
                } else if (np > 0 && k.spiking()) {
                    acc[iVr][q] += gv;
                }
                if (gi0 != null) {
                    gi0[j] = k.current() ? gi : 0f;
                }
            }
        });
        double[][] total = new double[np][n];
        for (double[][] part : partial) {
            for (int a = 0; a < np; a++) {
                for (int q = 0; q < n; q++) {
                    total[a][q] += part[a][q];
                }
            }
        }
        return total;
    }

    /** The potential before the first step (see {@link EulerNeuron#restPotential}). */
    private static float rest(EulerKind k, float[] vl, float[] vr, int q) {
        return EulerNeuron.restPotential(k, k.leaky() ? vl[q] : 0f, k.spiking() ? vr[q] : 0f);
    }

    private static void check(Config c, float[] x, int steps, int m, float[] y, float[] u, float[] cur,
            float[] iLast) {
        if (m % c.neurons() != 0) {
            throw new IllegalArgumentException("ArrayNeuronKernel: " + m + " elements per step is not a multiple of "
                    + c.neurons() + " neurons");
        }
        long need = (long) steps * m;
        if (x.length < need || y.length < need || u.length < need || c.kind().current()
                && (cur == null || cur.length < need || iLast == null || iLast.length < m)) {
            throw new IllegalArgumentException("ArrayNeuronKernel: arrays must hold [T=" + steps + ", M=" + m + "]");
        }
    }
}
