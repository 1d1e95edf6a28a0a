package io.matterhorn.neuron;

import io.matterhorn.numeric.Parallel;
import java.nio.FloatBuffer;

/**
 * The one loop that steps every {@link SequenceNeuron} over a sequence, forward (t = 0..T-1) and backward
 * (t = T-1..0), used by the fused training kernels of all families, their single-step path and the gradient checks.
 * The neuron supplies one step and its derivative; this class walks elements (in parallel chunks) and time, keeps
 * what the backward needs (the charged potentials u_t and, for families with a current stage, the currents i_t), and
 * sums the parameter gradients (double) over time and elements.
 *
 * <p>Arrays are row-major {@code [T, M]} with M elements per step; element j is neuron {@code j % width()}. The state
 * before the sequence is the given {@code v0}/{@code i0}, or rest ({@link SequenceNeuron#rest}, current 0). In the
 * backward the state of step t-1 is recomputed from the saved {@code u_{t-1}} through fire and reset, so the forward
 * keeps only u (and i). Thread-safe (the work of one call is split over threads; calls share nothing).
 */
public final class NeuronSequences {
    private static final int MIN_ELEMENTS_PER_TASK = 4096;

    private NeuronSequences() {
    }

    /**
     * Forward pass.
     *
     * @param nrn the neuron
     * @param x input [T, M] from {@code xOff}
     * @param xOff offset of x
     * @param i0 current before the sequence [M], or null for 0 (ignored without a current stage)
     * @param v0 potential before the sequence [M], or null for rest
     * @param steps T
     * @param m M, a multiple of {@code nrn.width()}
     * @param y output [T, M] (written from index 0)
     * @param u output charged potentials [T, M], kept for the backward
     * @param cur output currents [T, M] (families with a current stage; may be null otherwise)
     * @param iLast output current after the last step [M], or null
     * @param vLast output potential after the last step (after the reset) [M]
     * @throws IllegalArgumentException if x holds NaN or an infinity (checked in the pass that reads x, after which
     *     the outputs are undefined), M is not a multiple of the width, or an array is too short
     */
    public static void forward(SequenceNeuron nrn, FloatBuffer x, int xOff, float[] i0, float[] v0, int steps,
            int m, FloatBuffer y, float[] u, float[] cur, float[] iLast, float[] vLast) {
        checkForward(nrn, x, xOff, steps, m, y, u, cur, vLast);
        boolean current = nrn.hasCurrent();
        int w = nrn.width();
        boolean[] nonFinite = new boolean[1];
        Parallel.forRange(m, MIN_ELEMENTS_PER_TASK, (chunk, from, to) -> {
            int len = to - from;
            float[] v = new float[len];
            float[] i = current ? new float[len] : null;
            int q0 = from % w;
            int q = q0;
            for (int j = 0; j < len; j++) {
                v[j] = v0 != null ? v0[from + j] : nrn.rest(q);
                if (current) {
                    i[j] = i0 != null ? i0[from + j] : 0f;
                }
                q = ++q == w ? 0 : q;
            }
            boolean sawNonFinite = false;
            for (int t = 0; t < steps; t++) {
                int base = t * m + from;
                q = q0;
                for (int j = 0; j < len; j++) {
                    float xv = x.get(xOff + base + j);
                    sawNonFinite |= !(Math.abs(xv) <= Float.MAX_VALUE); // NaN or an infinity
                    float it = nrn.input(q, current ? i[j] : 0f, xv);
                    if (current) {
                        i[j] = it;
                        cur[base + j] = it;
                    }
                    float uv = nrn.charge(q, v[j], it);
                    float o = nrn.fire(q, uv);
                    u[base + j] = uv;
                    y.put(base + j, nrn.output(q, uv, o));
                    v[j] = nrn.reset(q, uv, o);
                    q = ++q == w ? 0 : q;
                }
            }
            System.arraycopy(v, 0, vLast, from, len);
            if (iLast != null) {
                if (current) {
                    System.arraycopy(i, 0, iLast, from, len);
                } else {
                    java.util.Arrays.fill(iLast, from, to, 0f);
                }
            }
            if (sawNonFinite) {
                nonFinite[0] = true;
            }
        });
        if (nonFinite[0]) {
            throw new IllegalArgumentException("soma input contains NaN or an infinity");
        }
    }

    /**
     * Backward pass.
     *
     * @param nrn the neuron (the forward's)
     * @param x the forward's input [T, M] from {@code xOff}
     * @param xOff offset of x
     * @param i0 the forward's i0, or null
     * @param v0 the forward's v0, or null (rest)
     * @param u charged potentials from the forward [T, M]
     * @param cur currents from the forward [T, M] (families with a current stage)
     * @param gy dL/dy [T, M] from {@code gOff}
     * @param gOff offset of gy
     * @param giLast dL/d(final current) [M], or null
     * @param gvLast dL/d(final potential) [M], or null
     * @param steps T
     * @param m M
     * @param gx output dL/dx [T, M] (written from index 0), or null when not needed
     * @param gi0 output dL/di0 [M], or null (may be the same array as giLast)
     * @param gv0 output dL/dv0 [M], or null (may be the same array as gvLast)
     * @param paramGrads whether to compute the parameter gradients
     * @return dL/dparams [nrn.paramGradientLength()], or an empty array when not computed
     * @throws IllegalArgumentException if M is not a multiple of the width or an array is too short for [T, M]
     */
    public static double[] backward(SequenceNeuron nrn, FloatBuffer x, int xOff, float[] i0, float[] v0, float[] u,
            float[] cur, FloatBuffer gy, int gOff, float[] giLast, float[] gvLast, int steps, int m, FloatBuffer gx,
            float[] gi0, float[] gv0, boolean paramGrads) {
        checkBackward(nrn, x, xOff, u, cur, gy, gOff, steps, m, gx);
        boolean current = nrn.hasCurrent();
        int w = nrn.width();
        int np = paramGrads ? nrn.paramGradientLength() : 0;
        int chunks = Parallel.chunks(m, MIN_ELEMENTS_PER_TASK);
        double[][] partial = new double[chunks][np];
        Parallel.forRange(m, MIN_ELEMENTS_PER_TASK, (chunk, from, to) -> {
            int len = to - from;
            double[] acc = np > 0 ? partial[chunk] : null;
            float[] out = new float[3];
            float[] gv = new float[len];
            float[] gi = new float[len];
            if (gvLast != null) {
                System.arraycopy(gvLast, from, gv, 0, len);
            }
            if (giLast != null && current) {
                System.arraycopy(giLast, from, gi, 0, len);
            }
            int q0 = from % w;
            int q;
            for (int t = steps - 1; t >= 0; t--) {
                int base = t * m + from;
                int prev = base - m;
                q = q0;
                for (int j = 0; j < len; j++) {
                    float xv = x.get(xOff + base + j);
                    float vPrev;
                    float iPrev = 0f;
                    if (t == 0) {
                        vPrev = v0 != null ? v0[from + j] : nrn.rest(q);
                        if (current && i0 != null) {
                            iPrev = i0[from + j];
                        }
                    } else {
                        float up = u[prev + j];
                        vPrev = nrn.reset(q, up, nrn.fire(q, up));
                        if (current) {
                            iPrev = cur[prev + j];
                        }
                    }
                    nrn.backward(q, xv, iPrev, current ? cur[base + j] : xv, vPrev, u[base + j],
                            gy.get(gOff + base + j), gv[j], gi[j], out, acc);
                    if (gx != null) {
                        gx.put(base + j, out[0]);
                    }
                    gv[j] = out[1];
                    gi[j] = out[2];
                    q = ++q == w ? 0 : q;
                }
            }
            q = q0;
            for (int j = 0; j < len; j++) {
                if (v0 == null && acc != null) {
                    nrn.restBackward(q, gv[j], acc);
                }
                q = ++q == w ? 0 : q;
            }
            if (gv0 != null) {
                System.arraycopy(gv, 0, gv0, from, len);
            }
            if (gi0 != null) {
                if (current) {
                    System.arraycopy(gi, 0, gi0, from, len);
                } else {
                    java.util.Arrays.fill(gi0, from, to, 0f);
                }
            }
        });
        double[] total = new double[np];
        for (double[] p : partial) {
            for (int k = 0; k < np; k++) {
                total[k] += p[k];
            }
        }
        return total;
    }

    private static void checkForward(SequenceNeuron nrn, FloatBuffer x, int xOff, int steps, int m, FloatBuffer y,
            float[] u, float[] cur, float[] vLast) {
        if (m % nrn.width() != 0) {
            throw new IllegalArgumentException("NeuronSequences: " + m + " elements per step is not a multiple of "
                    + nrn.width() + " neurons");
        }
        long need = (long) steps * m;
        if (x.limit() - (long) xOff < need || y.limit() < need || u.length < need || vLast.length < m
                || nrn.hasCurrent() && (cur == null || cur.length < need)) {
            throw new IllegalArgumentException("NeuronSequences: arrays must hold [T=" + steps + ", M=" + m + "]");
        }
    }

    private static void checkBackward(SequenceNeuron nrn, FloatBuffer x, int xOff, float[] u, float[] cur,
            FloatBuffer gy, int gOff, int steps, int m, FloatBuffer gx) {
        long need = (long) steps * m;
        if (m % nrn.width() != 0 || x.limit() - (long) xOff < need || u.length < need
                || gy.limit() - (long) gOff < need || gx != null && gx.limit() < need
                || nrn.hasCurrent() && (cur == null || cur.length < need)) {
            throw new IllegalArgumentException("NeuronSequences.backward: arrays must hold [T=" + steps + ", M=" + m
                    + "] with M a multiple of " + nrn.width() + " neurons");
        }
    }
}
