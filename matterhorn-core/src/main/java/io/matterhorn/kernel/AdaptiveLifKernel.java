package io.matterhorn.kernel;

import io.matterhorn.neuron.AdaptiveLif;
import io.matterhorn.neuron.SurrogateDerivative;
import io.matterhorn.numeric.Parallel;

/**
 * The fused step of a layer of adaptive LIF neurons ({@link AdaptiveLif}, Bellec et al. 2018) over M = B * N
 * elements (row-major {@code [B, N]}, neuron {@code j % N} for element j), forward and backward, on float arrays.
 * The equations, their float32 order and their derivatives are {@link AdaptiveLif}'s; this class only loops over the
 * elements (in parallel) and sums the parameter gradients per neuron (double). A sequence is T calls of
 * {@link #forward}, then T calls of {@link #backward} from the last step to the first. Thread-safe.
 */
public final class AdaptiveLifKernel {
    private static final int MIN_ELEMENTS_PER_TASK = 4096;

    private AdaptiveLifKernel() {
    }

    /** The settings of one sequence, with the decays computed once. Immutable. */
    public static final class Config {
        private final double dt;
        private final float[][] params;
        private final SurrogateDerivative surrogate;
        private final float[] alpha;
        private final float[] rho;

        /**
         * @param dt Euler step in seconds, positive
         * @param params per-neuron values [4][N] in {@link AdaptiveLif#PARAM_NAMES} order (not copied, not changed)
         * @param surrogate surrogate derivative of the spike, not null
         * @throws IllegalArgumentException for a bad parameter set (see {@link AdaptiveLif#validate}) or a missing
         *     surrogate
         */
        public Config(double dt, float[][] params, SurrogateDerivative surrogate) {
            AdaptiveLif.validate(dt, params);
            if (surrogate == null) {
                throw new IllegalArgumentException("AdaptiveLifKernel: a surrogate is required");
            }
            this.dt = dt;
            this.params = params;
            this.surrogate = surrogate;
            int n = params[0].length;
            alpha = new float[n];
            rho = new float[n];
            for (int q = 0; q < n; q++) {
                alpha[q] = AdaptiveLif.decay(dt, params[AdaptiveLif.TAU_MEM][q]);
                rho[q] = AdaptiveLif.decay(dt, params[AdaptiveLif.TAU_ADP][q]);
            }
        }

        /** @return the number of neurons per sample N */
        public int neurons() {
            return alpha.length;
        }
    }

    /**
     * One step forward of M elements: {@code v}, {@code a}, {@code z} hold the state before the step and receive the
     * state after it; {@code y} receives the spikes (equal to the new z).
     *
     * @param c settings
     * @param x input of the step [M]
     * @param v potentials [M], updated
     * @param a adaptation traces [M], updated
     * @param z spikes of the previous step [M], replaced by this step's
     * @param y output [M]
     * @throws IllegalArgumentException if x holds NaN or M is not a multiple of N
     */
    public static void forward(Config c, float[] x, float[] v, float[] a, float[] z, float[] y) {
        int m = v.length;
        int n = c.neurons();
        if (m % n != 0 || x.length < m || a.length < m || z.length < m || y.length < m) {
            throw new IllegalArgumentException("AdaptiveLifKernel: arrays must hold M = B * " + n + " elements, got "
                    + m);
        }
        float[] b0 = c.params[AdaptiveLif.V_THRESHOLD];
        float[] beta = c.params[AdaptiveLif.BETA];
        boolean[] nan = new boolean[1];
        Parallel.forRange(m, MIN_ELEMENTS_PER_TASK, (chunk, from, to) -> {
            boolean sawNan = false;
            for (int j = from; j < to; j++) {
                int q = j % n;
                float xv = x[j];
                sawNan |= xv != xv;
                float zPrev = z[j];
                float at = AdaptiveLif.adapt(a[j], zPrev, c.rho[q]);
                float th = AdaptiveLif.threshold(b0[q], beta[q], at);
                float vt = AdaptiveLif.charge(v[j], xv, zPrev, th, c.alpha[q]);
                float zt = AdaptiveLif.fire(vt, th);
                a[j] = at;
                v[j] = vt;
                z[j] = zt;
                y[j] = zt;
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
     * One step backward of M elements.
     *
     * @param c settings (the forward's)
     * @param vPrev potentials before the step [M]
     * @param aPrev traces before the step [M]
     * @param zPrev spikes of the previous step [M]
     * @param v potentials after the step [M]
     * @param gy dL/dy of the step [M]
     * @param gv in: dL/dv after the step; out: dL/dv before it [M]
     * @param ga in: dL/da after the step; out: dL/da before it [M]
     * @param gz in: dL/dz after the step (besides gy); out: dL/dz of the previous step [M]
     * @param gx output dL/dx of the step [M]
     * @param paramGrads per-neuron sums [4][N] in {@link AdaptiveLif#PARAM_NAMES} order to add this step's parameter
     *     gradients to, or null when they are not needed
     */
    public static void backward(Config c, float[] vPrev, float[] aPrev, float[] zPrev, float[] v, float[] gy,
            float[] gv, float[] ga, float[] gz, float[] gx, double[][] paramGrads) {
        int m = v.length;
        int n = c.neurons();
        float[] b0 = c.params[AdaptiveLif.V_THRESHOLD];
        float[] beta = c.params[AdaptiveLif.BETA];
        float[] tauMem = c.params[AdaptiveLif.TAU_MEM];
        float[] tauAdp = c.params[AdaptiveLif.TAU_ADP];
        boolean params = paramGrads != null;
        int chunks = Parallel.chunks(m, MIN_ELEMENTS_PER_TASK);
        double[][][] partial = params ? new double[chunks][4][n] : null;
        Parallel.forRange(m, MIN_ELEMENTS_PER_TASK, (chunk, from, to) -> {
            float[] out = new float[4];
            double[] p = params ? new double[4] : null;
            double[][] acc = params ? partial[chunk] : null;
            for (int j = from; j < to; j++) {
                int q = j % n;
                AdaptiveLif.backward(vPrev[j], aPrev[j], zPrev[j], v[j], c.alpha[q], c.rho[q], b0[q], beta[q],
                        c.surrogate, gy[j], gv[j], ga[j], gz[j], out, p);
                gx[j] = out[0];
                gv[j] = out[1];
                ga[j] = out[2];
                gz[j] = out[3];
                if (params) {
                    acc[0][q] += p[0];
                    acc[1][q] += p[1];
                    acc[2][q] += p[2];
                    acc[3][q] += p[3];
                }
            }
        });
        if (!params) {
            return;
        }
        for (int q = 0; q < n; q++) {
            double dAlpha = 0;
            double dRho = 0;
            double dB0 = 0;
            double dBeta = 0;
            for (double[][] part : partial) {
                dAlpha += part[0][q];
                dRho += part[1][q];
                dB0 += part[2][q];
                dBeta += part[3][q];
            }
            paramGrads[AdaptiveLif.TAU_MEM][q] += dAlpha * AdaptiveLif.dDecayDtau(c.alpha[q], c.dt, tauMem[q]);
            paramGrads[AdaptiveLif.TAU_ADP][q] += dRho * AdaptiveLif.dDecayDtau(c.rho[q], c.dt, tauAdp[q]);
            paramGrads[AdaptiveLif.V_THRESHOLD][q] += dB0;
            paramGrads[AdaptiveLif.BETA][q] += dBeta;
        }
    }
}
