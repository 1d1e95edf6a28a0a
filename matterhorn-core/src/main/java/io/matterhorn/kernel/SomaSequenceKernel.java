package io.matterhorn.kernel;

import io.matterhorn.neuron.SpikeStages;

import io.matterhorn.neuron.FiringStages;

import io.matterhorn.neuron.NeuronDynamics;
import io.matterhorn.neuron.Reset;
import io.matterhorn.neuron.SomaNeuron;

import io.matterhorn.numeric.Parallel;
import java.nio.FloatBuffer;

/**
 * The pure-Java fused multi-step soma kernel, the one loop for every soma: the forward walks t = 0..T-1 once and
 * saves the charged potentials; the backward walks t = T-1..0 once. The response comes from the neuron's
 * {@link NeuronDynamics}, firing and output from {@link FiringStages} ({@link SpikeStages} for spiking somas,
 * whose output is the spike). Per neuron n and step t, with {@code h_{-1} = h0}:
 *
 * <pre>
 *   u_t = f(h_{t-1}, x_t)                          (NeuronDynamics.response)
 *   o_t = F(u_t)                                   (FiringStages.fire; analog or 0/1)
 *   y_t = G(u_t, o_t)                              (FiringStages.output; returned)
 *   h_t = reset(u_t, o_t)                          (io.matterhorn.neuron.Reset: hard or soft)
 * </pre>
 *
 * Backward recurrence ({@link SomaNeuron#gradFire}, {@link SomaNeuron#gradCharge} and the response's partial
 * derivatives; this class only walks time and the neurons and sums the parameter gradients), with
 * {@code gy = dL/dy_t} and {@code gh = dL/dh_t} arriving from step t+1 (or from the final state):
 *
 * <pre>
 *   go = gy dG/do + gh dh/do
 *   gu = gh dh/du + go dF/du + gy dG/du
 *   dL/dstage_params += go dF/dparams + gy dG/dparams
 *   dL/dx_t = gu du/dx,  dL/dresponse_params += gu du/dparams,  gh := gu du/dh   (du/d* at h_{t-1}, x_t)
 * </pre>
 *
 * For a 0/1 spike o the reset and its derivatives reduce to the familiar {@code h = o ? u_rest : u} (hard) and
 * {@code h = u - o (u_th - u_rest)} (soft), with the same float32 values. The spike is not detached in the
 * reset, as in matterhorn 1.0.1. Arrays are row-major {@code [T, N]} with N the number of neurons per step.
 * Parameter gradients are returned as the response's scalars followed by the stages' scalars. Thread-safe.
 */
public final class SomaSequenceKernel {
    private static final int MIN_NEURONS_PER_TASK = 4096;

    private SomaSequenceKernel() {
    }

    /**
     * Settings shared by forward and backward.
     *
     * @param dynamics the response f
     * @param stages firing F and output G
     * @param uThreshold threshold (soft-reset drop u_th - u_rest)
     * @param uRest resting potential (initial state when h0 is null, hard-reset value)
     * @param hardReset hard or soft reset
     */
    public record Config(NeuronDynamics dynamics, FiringStages stages, float uThreshold, float uRest,
            boolean hardReset) {

        /**
         * @return the same settings with response and stages that report no parameters, so that {@link #backward}
         *     skips the parameter-gradient work and returns an empty array (used when every parameter is frozen)
         */
        public Config withoutParameterGradients() {
            return new Config(FrozenParameters.of(dynamics), FrozenParameters.of(stages), uThreshold, uRest,
                    hardReset);
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
     * @param out output y [T, N] (written from index 0)
     * @param u output charged potentials [T, N], saved for the backward
     * @param hLast output potentials after the last reset [N]
     * @throws IllegalArgumentException if x holds NaN
     */
    public static void forward(Config c, FloatBuffer x, int xOff, float[] h0, int steps, int neurons,
            FloatBuffer out, float[] u, float[] hLast) {
        boolean[] nan = new boolean[1];
        Parallel.forRange(neurons, MIN_NEURONS_PER_TASK, (chunk, from, to) -> {
            NeuronDynamics d = c.dynamics();
            FiringStages s = c.stages();
            float uRest = c.uRest();
            float softDrop = c.uThreshold() - uRest;
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
                    float o = s.fire(uv);
                    u[base + n] = uv;
                    out.put(base + n, s.output(uv, o));
                    h[n - from] = Reset.apply(uv, o, uRest, softDrop, hard);
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
     * @param gradOut dL/dy [T, N] from {@code gOff}
     * @param gOff offset of gradOut
     * @param gradHLast dL/d(final potential) [N], or null
     * @param steps T
     * @param neurons N
     * @param gradX output dL/dx [T, N] (written from index 0), or null when not needed
     * @param gradH0 output dL/dh0 [N], or null when not needed
     * @return dL/dparams: the response's scalars, then the stages' scalars
     */
    public static double[] backward(Config c, FloatBuffer x, int xOff, float[] h0, float[] u, FloatBuffer gradOut,
            int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX, float[] gradH0) {
        int dynParams = c.dynamics().paramCount();
        int stageParams = c.stages().paramCount();
        int chunks = Parallel.chunks(neurons, MIN_NEURONS_PER_TASK);
        double[][] partial = new double[chunks][dynParams + stageParams];
        Parallel.forRange(neurons, MIN_NEURONS_PER_TASK, (chunk, from, to) -> {
            NeuronDynamics d = c.dynamics();
            FiringStages s = c.stages();
            float uRest = c.uRest();
            float softDrop = c.uThreshold() - uRest;
            boolean hard = c.hardReset();
            double[] accD = new double[dynParams];
            double[] accS = new double[stageParams];
            float[] gh = new float[to - from];
            if (gradHLast != null) {
                System.arraycopy(gradHLast, from, gh, 0, to - from);
            }
            for (int t = steps - 1; t >= 0; t--) {
                int base = t * neurons;
                int prev = base - neurons;
                for (int n = from; n < to; n++) {
                    float uv = u[base + n];
                    float o = s.fire(uv);
                    float hPrev;
                    if (t == 0) {
                        hPrev = h0 == null ? uRest : h0[n];
                    } else {
                        hPrev = SomaNeuron.next(s, u[prev + n], uRest, softDrop, hard);
                    }
                    float xv = x.get(xOff + base + n);
                    float gy = gradOut.get(gOff + base + n);
                    float g = gh[n - from];
                    float go = SomaNeuron.gradFire(s, uv, o, gy, g, uRest, softDrop, hard);
                    float gu = SomaNeuron.gradCharge(s, uv, o, gy, g, go, hard);
                    if (stageParams > 0) {
                        s.addParamGrads(uv, o, go, gy, accS);
                    }
                    if (gradX != null) {
                        gradX.put(base + n, gu * d.dResponseDx(hPrev, xv));
                    }
                    if (dynParams > 0) {
                        d.addParamGrads(hPrev, xv, gu, accD);
                    }
                    gh[n - from] = gu * d.dResponseDh(hPrev, xv);
                }
            }
            System.arraycopy(accD, 0, partial[chunk], 0, dynParams);
            System.arraycopy(accS, 0, partial[chunk], dynParams, stageParams);
            if (gradH0 != null) {
                System.arraycopy(gh, 0, gradH0, from, to - from);
            }
        });
        double[] total = new double[dynParams + stageParams];
        for (double[] p : partial) {
            for (int k = 0; k < total.length; k++) {
                total[k] += p[k];
            }
        }
        return total;
    }
}
