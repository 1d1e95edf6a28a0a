package io.matterhorn.snn.soma;

import io.matterhorn.kernel.Parallel;
import io.matterhorn.snn.surrogate.Surrogate;
import java.nio.FloatBuffer;

/**
 * Pure-Java fused multi-step soma: the forward walks t = 0..T-1 once and saves the charged potentials; the
 * backward walks t = T-1..0 once. It implements, per neuron n and step t, with {@code h_{-1} = h0}:
 *
 * <pre>
 *   u_t = f(h_{t-1}, x_t)                         (NeuronDynamics.response)
 *   o_t = H(u_t - u_th)                           (surrogate g in the backward)
 *   hard reset: h_t = u_t (1 - o_t) + u_rest o_t  dh/du = 1 - o_t, dh/do = u_rest - u_t
 *   soft reset: h_t = u_t - (u_th - u_rest) o_t   dh/du = 1,       dh/do = -(u_th - u_rest)
 * </pre>
 *
 * The spike is not detached in the reset, as in matterhorn 1.0.1, so gradient flows through {@code o} into h.
 * Backward recurrence, with {@code gh} = dL/dh_t arriving from step t+1 (or from the final state):
 *
 * <pre>
 *   go = dL/do_t + gh dh/do
 *   gu = gh dh/du + go g(u_t - u_th)
 *   dL/dx_t = gu du/dx,  dL/dparams += gu du/dparams,  gh := gu du/dh   (du/d* at h_{t-1}, x_t)
 * </pre>
 *
 * Arrays are row-major {@code [T, N]} with N the number of neurons per step.
 */
public final class SomaSequenceKernel {
    private static final int MIN_NEURONS_PER_TASK = 4096;

    private SomaSequenceKernel() {
    }

    /** Settings shared by forward and backward. */
    public record Config(NeuronDynamics dynamics, Surrogate surrogate, float uThreshold, float uRest,
            boolean hardReset) {

        /**
         * @return the same settings with dynamics that report no parameters, so that {@link #backward} skips the
         *     parameter-gradient work and returns an empty array (used when every parameter is frozen)
         */
        public Config withoutParameterGradients() {
            return new Config(FrozenParameters.of(dynamics), surrogate, uThreshold, uRest, hardReset);
        }
    }

    /**
     * Forward pass.
     *
     * @param c settings
     * @param x input [T, N] from {@code xOff}
     * @param xOff offset of x
     * @param h0 initial potentials [N], or null for all {@code u_rest}
     * @param steps T
     * @param neurons N
     * @param spikes output spikes [T, N] (written from index 0)
     * @param u output charged potentials [T, N], saved for the backward
     * @param hLast output potentials after the last reset [N]
     * @throws IllegalArgumentException if x holds NaN
     */
    public static void forward(Config c, FloatBuffer x, int xOff, float[] h0, int steps, int neurons,
            FloatBuffer spikes, float[] u, float[] hLast) {
        boolean[] nan = new boolean[1];
        Parallel.forRange(neurons, MIN_NEURONS_PER_TASK, (chunk, from, to) -> {
            NeuronDynamics d = c.dynamics();
            float uTh = c.uThreshold();
            float uRest = c.uRest();
            float softDrop = uTh - uRest;
            boolean hard = c.hardReset();
            float[] h = new float[to - from];
            for (int n = from; n < to; n++) {
                h[n - from] = h0 == null ? uRest : h0[n];
            }
            boolean sawNan = false;
            for (int t = 0; t < steps; t++) {
                int base = t * neurons;
                for (int n = from; n < to; n++) {
                    float xv = x.get(xOff + base + n);
                    sawNan |= xv != xv;
                    float uv = d.response(h[n - from], xv);
                    boolean fire = uv >= uTh;
                    u[base + n] = uv;
                    spikes.put(base + n, fire ? 1f : 0f);
                    h[n - from] = fire ? (hard ? uRest : uv - softDrop) : uv;
                }
            }
            System.arraycopy(h, 0, hLast, from, to - from);
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
     * @param c settings (same as the forward)
     * @param x input [T, N] from {@code xOff}
     * @param xOff offset of x
     * @param h0 initial potentials [N], or null for all {@code u_rest}
     * @param u charged potentials saved by the forward [T, N]
     * @param gradSpikes dL/do [T, N] from {@code gOff}
     * @param gOff offset of gradSpikes
     * @param gradHLast dL/d(final potential) [N], or null
     * @param steps T
     * @param neurons N
     * @param gradX output dL/dx [T, N] (written from index 0), or null when not needed
     * @param gradH0 output dL/dh0 [N], or null when not needed
     * @return dL/dparams, length {@code dynamics.paramCount()}
     */
    public static double[] backward(Config c, FloatBuffer x, int xOff, float[] h0, float[] u, FloatBuffer gradSpikes,
            int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX, float[] gradH0) {
        int params = c.dynamics().paramCount();
        int chunks = Parallel.chunks(neurons, MIN_NEURONS_PER_TASK);
        double[][] partial = new double[chunks][params];
        Parallel.forRange(neurons, MIN_NEURONS_PER_TASK, (chunk, from, to) -> {
            NeuronDynamics d = c.dynamics();
            Surrogate sg = c.surrogate();
            float uTh = c.uThreshold();
            float uRest = c.uRest();
            float softDrop = uTh - uRest;
            boolean hard = c.hardReset();
            double[] acc = partial[chunk];
            float[] gh = new float[to - from];
            if (gradHLast != null) {
                System.arraycopy(gradHLast, from, gh, 0, to - from);
            }
            for (int t = steps - 1; t >= 0; t--) {
                int base = t * neurons;
                int prev = base - neurons;
                for (int n = from; n < to; n++) {
                    float uv = u[base + n];
                    boolean fire = uv >= uTh;
                    float hPrev;
                    if (t == 0) {
                        hPrev = h0 == null ? uRest : h0[n];
                    } else {
                        float up = u[prev + n];
                        hPrev = up >= uTh ? (hard ? uRest : up - softDrop) : up;
                    }
                    float xv = x.get(xOff + base + n);
                    float g = gh[n - from];
                    float go = gradSpikes.get(gOff + base + n) + g * (hard ? uRest - uv : -softDrop);
                    float gu = g * (hard ? (fire ? 0f : 1f) : 1f) + go * (float) sg.derivative(uv - uTh);
                    if (gradX != null) {
                        gradX.put(base + n, gu * d.dResponseDx(hPrev, xv));
                    }
                    if (params > 0) {
                        d.addParamGrads(hPrev, xv, gu, acc);
                    }
                    gh[n - from] = gu * d.dResponseDh(hPrev, xv);
                }
            }
            if (gradH0 != null) {
                System.arraycopy(gh, 0, gradH0, from, to - from);
            }
        });
        double[] total = new double[params];
        for (double[] p : partial) {
            for (int k = 0; k < params; k++) {
                total[k] += p[k];
            }
        }
        return total;
    }
}
