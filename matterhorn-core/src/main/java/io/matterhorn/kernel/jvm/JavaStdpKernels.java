package io.matterhorn.kernel.jvm;

import io.matterhorn.kernel.StdpKernels;

import io.matterhorn.numeric.Parallel;

/**
 * Pure-Java {@link StdpKernels}, the reference the native kernels are tested against. For spike trains
 * {@code I [T, B, in]} and {@code O [T, B, out]} the all-pairs sum is rewritten with two decaying traces of the
 * input train,
 *
 * <pre>
 *   pre(t) = sum_{t_i &lt; t} I(t_i) e^{-(t - t_i)/tau+}     pre(t) = e+ (pre(t-1) + I(t-1)),  e+ = exp(-1/tau+)
 *   fut(t) = sum_{t_i &gt; t} I(t_i) e^{-(t_i - t)/tau-}     fut(t) = e- (fut(t+1) + I(t+1)),  e- = exp(-1/tau-)
 *   dW     = A+ O_flat^T PRE_flat - A- O_flat^T FUT_flat     [out, T*B] x [T*B, in], twice
 * </pre>
 *
 * {@code pre} collects the pairs with {@code t_out > t_in} (potentiation), {@code fut} those with
 * {@code t_out < t_in} (depression), and simultaneous spikes meet neither ({@code W(0) = 0}). The second product
 * equals {@code POST_flat^T I_flat} of the usual post-trace form, moved onto the output spikes so that both
 * products are driven by the same sparse O.
 *
 * <p>Because O is binary the products run event-driven, walking forward in time for {@code pre} and backward
 * for {@code fut} and keeping only the current step's trace {@code [B, in]}: every output spike
 * {@code O[t,b,o]} adds {@code A+ pre(t,b,:)} resp. {@code -A- fut(t,b,:)} to row {@code o} of dW. Cost
 * {@code O(T*B*in + nnz(O)*in)}. With carried traces {@code pre} starts from {@code preCarry}, and pairs of an
 * earlier output spike with an input spike here add {@code -A- sum_b postCarry[b,o] sum_t e-^t I[t,b,i]}.
 *
 * <p>The work is split over input neurons (columns of dW); each element of dW is summed by one thread in a fixed
 * order, so results do not depend on the thread count. Traces and sums are in double precision. Thread-safe.
 */
public final class JavaStdpKernels implements StdpKernels {

    @Override
    public double[] deltaWeight(float[] input, float[] output, int steps, int batch, int nIn, int nOut,
            double aPos, double tauPos, double aNeg, double tauNeg, double[] preCarry, double[] postCarry) {
        StdpKernels.check(input, output, steps, batch, nIn, nOut, aPos, tauPos, aNeg, tauNeg, preCarry, postCarry);
        double preDecay = Math.exp(-1.0 / tauPos);
        double postDecay = Math.exp(-1.0 / tauNeg);
        int rows = steps * batch;
        int[] rowStart = new int[rows + 1];
        int[] firing = firingOutputs(output, rows, nOut, rowStart);
        boolean carried = postCarry != null && anyNonZero(postCarry);
        double[] dw = new double[nOut * nIn];
        Parallel.forRange(nIn, 64, (chunk, from, to) -> {
            // Rows of dW restricted to these columns, as separate arrays (zero offsets let the JIT vectorise).
            double[][] acc = new double[nOut][to - from];
            tracePass(input, steps, batch, nIn, from, to, rowStart, firing, aPos, preDecay, true, preCarry, acc);
            tracePass(input, steps, batch, nIn, from, to, rowStart, firing, -aNeg, postDecay, false, null, acc);
            for (int i = 0; i < nOut; i++) {
                System.arraycopy(acc[i], 0, dw, i * nIn + from, to - from);
            }
            if (carried) {
                carriedDepression(aNeg, postDecay, input, postCarry, steps, batch, nIn, nOut, from, to, dw);
            }
        });
        return dw;
    }

    /**
     * One pass over time for the input columns {@code [from, to)}: walks forward ({@code pre}) or backward
     * ({@code fut}) keeping the input trace of the current step, {@code [B, to - from]}, and adds
     * {@code amplitude * trace(t, b, :)} to row {@code i} of dW for every output spike {@code O[t, b, i]}.
     *
     * @param carry the trace at step 0 ([B, in], columns {@code [from, to)} are read), or null for zeros
     */
    private static void tracePass(float[] input, int steps, int batch, int nIn, int from, int to, int[] rowStart,
            int[] firing, double amplitude, double decay, boolean forward, double[] carry, double[][] acc) {
        int width = to - from;
        double[][] state = new double[batch][width];
        if (carry != null) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(carry, b * nIn + from, state[b], 0, width);
            }
        }
        for (int n = 0; n < steps; n++) {
            int t = forward ? n : steps - 1 - n;
            for (int b = 0; b < batch; b++) {
                int r = t * batch + b;
                double[] st = state[b];
                for (int p = rowStart[r]; p < rowStart[r + 1]; p++) {
                    axpy(amplitude, st, acc[firing[p]], width);
                }
                int in = r * nIn + from;
                for (int q = 0; q < width; q++) {
                    st[q] = decay * (st[q] + spike(input[in + q]));
                }
            }
        }
    }

    /** {@code y[q] += a * x[q]} for q &lt; n. */
    private static void axpy(double a, double[] x, double[] y, int n) {
        for (int q = 0; q < n; q++) {
            y[q] += a * x[q];
        }
    }

    /** @return 1 if {@code v} is non-zero (including -0 is zero), else 0; branch-free */
    private static double spike(float v) {
        int bits = Float.floatToRawIntBits(v) & 0x7fffffff;
        return (bits | -bits) >>> 31;
    }

    /**
     * Pairs of an output spike in an earlier chunk with an input spike in this one:
     * {@code dW[i][j] -= A- sum_b postCarry[b,i] G[b,j]}, {@code G[b,j] = sum_t e-^t I[t,b,j]}.
     */
    private static void carriedDepression(double aNeg, double eNeg, float[] input, double[] postCarry, int steps,
            int batch, int nIn, int nOut, int from, int to, double[] dw) {
        int width = to - from;
        double[] g = new double[batch * width];
        double f = 1.0;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int in = (t * batch + b) * nIn + from;
                for (int q = 0; q < width; q++) {
                    if (input[in + q] != 0f) {
                        g[b * width + q] += f;
                    }
                }
            }
            f *= eNeg;
        }
        for (int i = 0; i < nOut; i++) {
            int dst = i * nIn + from;
            for (int b = 0; b < batch; b++) {
                double c = postCarry[b * nOut + i];
                if (c == 0.0) {
                    continue;
                }
                int src = b * width;
                for (int q = 0; q < width; q++) {
                    dw[dst + q] -= aNeg * c * g[src + q];
                }
            }
        }
    }

    /** @return for each row r of O [rows, n], the indices of its non-zero columns at {@code [start[r], start[r+1])} */
    private static int[] firingOutputs(float[] output, int rows, int n, int[] start) {
        int count = 0;
        for (float v : output) {
            if (v != 0f) {
                count++;
            }
        }
        int[] idx = new int[count];
        int p = 0;
        for (int r = 0; r < rows; r++) {
            start[r] = p;
            int off = r * n;
            for (int i = 0; i < n; i++) {
                if (output[off + i] != 0f) {
                    idx[p++] = i;
                }
            }
        }
        start[rows] = p;
        return idx;
    }

    private static boolean anyNonZero(double[] a) {
        for (double v : a) {
            if (v != 0.0) {
                return true;
            }
        }
        return false;
    }
}
