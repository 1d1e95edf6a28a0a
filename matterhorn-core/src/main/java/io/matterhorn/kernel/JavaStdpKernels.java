package io.matterhorn.kernel;

import io.matterhorn.numeric.Parallel;
import io.matterhorn.numeric.SpikeMatmul;

/**
 * Pure-Java {@link StdpKernels}: the trace form, with the two sums done as gathers of whole trace rows
 * (S1 row o adds the pre-trace rows at o's spikes; S2 row i adds the post-trace rows at i's spikes), so the cost
 * is (output spikes x in + input spikes x out) additions. Rows are separate arrays so the JIT vectorises the
 * additions (see {@link SpikeMatmul}). Parallel over output rows, then over input rows; deterministic.
 */
public final class JavaStdpKernels implements StdpKernels {
    private static final int MIN_ROWS_PER_TASK = 8;

    @Override
    public float[] deltaWeight(float[] inputSpikes, float[] outputSpikes, int steps, int batch, int in, int out,
            double aPos, double tauPos, double aNeg, double tauNeg) {
        StdpKernels.check(inputSpikes, outputSpikes, steps, batch, in, out, aPos, tauPos, aNeg, tauNeg);
        int rows = steps * batch;
        float[][] pre = traces(inputSpikes, steps, batch, in, (float) Math.exp(-1.0 / tauPos));
        float[][] post = traces(outputSpikes, steps, batch, out, (float) Math.exp(-1.0 / tauNeg));
        int[][] outFires = firingRows(outputSpikes, rows, out);
        int[][] inFires = firingRows(inputSpikes, rows, in);
        float[][] s1 = new float[out][];
        Parallel.forRange(out, MIN_ROWS_PER_TASK, (chunk, from, to) -> {
            for (int o = from; o < to; o++) {
                s1[o] = gather(pre, outFires[o], in);
            }
        });
        float[][] s2 = new float[in][];
        Parallel.forRange(in, MIN_ROWS_PER_TASK, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                s2[i] = gather(post, inFires[i], out);
            }
        });
        float ap = (float) aPos;
        float an = (float) aNeg;
        float[] dw = new float[out * in];
        for (int o = 0; o < out; o++) {
            float[] r = s1[o];
            int base = o * in;
            for (int i = 0; i < in; i++) {
                dw[base + i] = ap * r[i] - an * s2[i][o];
            }
        }
        return dw;
    }

    /** Trace rows [T*B][n]: row (t, b) = decay * (row (t-1, b) + [spike (t-1, b) != 0]); rows at t = 0 are 0. */
    private static float[][] traces(float[] spikes, int steps, int batch, int n, float decay) {
        float[][] tr = new float[steps * batch][];
        for (int b = 0; b < batch && steps > 0; b++) {
            tr[b] = new float[n];
        }
        for (int t = 1; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                float[] prev = tr[(t - 1) * batch + b];
                float[] cur = new float[n];
                int sOff = ((t - 1) * batch + b) * n;
                for (int k = 0; k < n; k++) {
                    cur[k] = decay * (prev[k] + (spikes[sOff + k] != 0 ? 1f : 0f));
                }
                tr[t * batch + b] = cur;
            }
        }
        return tr;
    }

    /** For each neuron j of an [rows, n] train, the rows (ascending) where it is non-zero. */
    private static int[][] firingRows(float[] spikes, int rows, int n) {
        int[] count = new int[n];
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            for (int j = 0; j < n; j++) {
                if (spikes[off + j] != 0) {
                    count[j]++;
                }
            }
        }
        int[][] lists = new int[n][];
        for (int j = 0; j < n; j++) {
            lists[j] = new int[count[j]];
            count[j] = 0;
        }
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            for (int j = 0; j < n; j++) {
                if (spikes[off + j] != 0) {
                    lists[j][count[j]++] = r;
                }
            }
        }
        return lists;
    }

    /** Sum of the given trace rows, in list order. */
    private static float[] gather(float[][] traceRows, int[] rowList, int n) {
        float[] acc = new float[n];
        for (int r : rowList) {
            float[] row = traceRows[r];
            for (int k = 0; k < n; k++) {
                acc[k] += row[k];
            }
        }
        return acc;
    }
}
