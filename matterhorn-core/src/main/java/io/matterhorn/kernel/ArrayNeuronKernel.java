package io.matterhorn.kernel;

import io.matterhorn.neuron.SurrogateDerivative;

import io.matterhorn.neuron.EulerKind;
import io.matterhorn.neuron.EulerNeuron;
import io.matterhorn.numeric.Parallel;

/**
 * The fused multi-step loop of the NIR neurons with per-neuron parameters (LI, LIF, IF, I, CubaLI, CubaLIF): the
 * forward walks t = 0..T-1 once, the backward t = T-1..0 once. The equations, their float32 order and their
 * derivatives are {@link EulerNeuron}'s ({@link EulerNeuron#input}, {@link EulerNeuron#charge},
 * {@link EulerNeuron#output}, {@link EulerNeuron#next} forward; {@link EulerNeuron#backward} and
 * {@link EulerNeuron#restBackward} backward); this class only walks the elements (in parallel) and time, keeps the
 * per-step values the backward needs and sums the parameter gradients per neuron (double, over time and batch).
 * Arrays are row-major {@code [T, M]} with {@code M = B * N} elements per step (N neurons per sample, neuron
 * {@code j % N} for element j). At t = 0 the gradient of the rest state goes to the parameter the rest potential is
 * when the sequence starts at rest, or to the given initial state. Thread-safe.
 */
public final class ArrayNeuronKernel {
    private static final int MIN_ELEMENTS_PER_TASK = 4096;

    private ArrayNeuronKernel() {
    }

    /**
     * The settings of one sequence, with its {@link EulerNeuron} built (and its parameters checked) once. Immutable.
     */
    public static final class Config {
        private final EulerKind kind;
        private final double dt;
        private final float[][] params;
        private final SurrogateDerivative surrogate;
        private final EulerNeuron neuron;

        /**
         * Validates the settings.
         *
         * @param kind neuron kind
         * @param dt Euler step in seconds, positive
         * @param params per-neuron values [N] in {@link EulerKind#paramNames()} order, all of one length (not
         *     changed)
         * @param surrogate surrogate derivative g of the firing step (required for spiking kinds; may be null for
         *     analog kinds)
         * @throws IllegalArgumentException for a parameter set that {@link EulerNeuron} refuses (missing, wrongly
         *     sized or out of its bounds), a bad dt, or a missing surrogate
         */
        public Config(EulerKind kind, double dt, float[][] params, SurrogateDerivative surrogate) {
            if (kind != null && kind.spiking() && surrogate == null) {
                throw new IllegalArgumentException("ArrayNeuronKernel: " + kind + " needs a surrogate");
            }
            this.neuron = new EulerNeuron(kind, dt, params);
            this.kind = kind;
            this.dt = dt;
            this.params = params;
            this.surrogate = surrogate;
        }

        /** @return neuron kind */
        public EulerKind kind() {
            return kind;
        }

        /** @return Euler step in seconds */
        public double dt() {
            return dt;
        }

        /** @return the per-neuron values as given (not copied) */
        public float[][] params() {
            return params;
        }

        /** @return the surrogate derivative (spiking kinds), or null */
        public SurrogateDerivative surrogate() {
            return surrogate;
        }

        /** @return the neuron definition of these settings */
        public EulerNeuron neuron() {
            return neuron;
        }

        /** @return the number of neurons per sample N */
        public int neurons() {
            return neuron.neurons();
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
        EulerNeuron nrn = c.neuron();
        boolean current = c.kind().current();
        int n = c.neurons();
        boolean[] nan = new boolean[1];
        Parallel.forRange(m, MIN_ELEMENTS_PER_TASK, (chunk, from, to) -> {
            boolean sawNan = false;
            for (int j = from; j < to; j++) {
                int q = j % n;
                float i = i0 == null ? 0f : i0[j];
                float v = v0 != null ? v0[j] : nrn.rest(q);
                for (int t = 0; t < steps; t++) {
                    int e = t * m + j;
                    float xv = x[e];
                    sawNan |= xv != xv;
                    i = nrn.input(q, i, xv);
                    if (current) {
                        cur[e] = i;
                    }
                    float uv = nrn.charge(q, v, i);
                    u[e] = uv;
                    y[e] = nrn.output(q, uv);
                    v = nrn.next(q, uv);
                }
                vLast[j] = v;
                if (iLast != null) {
                    iLast[j] = current ? i : 0f;
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
        EulerNeuron nrn = c.neuron();
        SurrogateDerivative g = c.surrogate();
        boolean current = k.current();
        int n = c.neurons();
        int m = u.length / Math.max(1, steps);
        int np = paramGrads ? c.params().length : 0;
        int chunks = Parallel.chunks(m, MIN_ELEMENTS_PER_TASK);
        double[][][] partial = new double[chunks][np][n];
        Parallel.forRange(m, MIN_ELEMENTS_PER_TASK, (chunk, from, to) -> {
            double[][] acc = np > 0 ? partial[chunk] : null;
            float[] out = new float[3];
            for (int j = from; j < to; j++) {
                int q = j % n;
                float gv = gvLast == null ? 0f : gvLast[j];
                float gi = giLast == null || !current ? 0f : giLast[j];
                for (int t = steps - 1; t >= 0; t--) {
                    int e = t * m + j;
                    float xv = x[e];
                    float vPrev = t == 0 ? (v0 != null ? v0[j] : nrn.rest(q)) : nrn.next(q, u[e - m]);
                    float iPrev = !current ? 0f : t == 0 ? (i0 == null ? 0f : i0[j]) : cur[e - m];
                    nrn.backward(q, xv, iPrev, current ? cur[e] : xv, vPrev, u[e], g, gy[e], gv, gi, out, acc);
                    if (gx != null) {
                        gx[e] = out[0];
                    }
                    gv = out[1];
                    gi = out[2];
                }
                if (v0 != null) {
                    if (gv0 != null) {
                        gv0[j] = gv;
                    }
                } else if (acc != null) {
                    nrn.restBackward(q, gv, acc);
                }
                if (gi0 != null) {
                    gi0[j] = current ? gi : 0f;
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
