package io.matterhorn.numeric;

import java.nio.FloatBuffer;

/**
 * Per-channel sums of a float32 array {@code g [N, C, plane]} in double precision, the bias gradient of a
 * convolution: {@code sums[c] = sum over n and positions p of g[n, c, p]}.
 *
 * <p>The order of the additions is fixed by the shape alone, so every implementation and thread count gives the
 * same bits: the samples are cut into {@code B = min(N, 16)} blocks, block b holding samples
 * {@code [N*b/B, N*(b+1)/B)}; each row {@code g[n, c, :]} is summed in eight lanes (lane j takes the positions
 * {@code p = j mod 8} in increasing p) combined as {@code ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7))}; a
 * block adds its rows' sums in sample order, and {@code sums[c]} adds the blocks' partial sums in block order,
 * starting from 0.
 *
 * <p>Runs compiled code when a kernel backend has installed an {@link Accelerator}
 * ({@code io.matterhorn.kernel.Backends} installs the selected provider's), else {@link #sumsInJava}. A kernel
 * below the tensor layer: arguments are not validated beyond what the buffers enforce. Thread-safe.
 */
public final class ChannelSums {
    private static final int LANES = 8;
    private static volatile Accelerator accelerator;

    private ChannelSums() {
    }

    /** A compiled {@link #sums} (same order of additions, so the same results). Must be thread-safe. */
    public interface Accelerator {
        /**
         * @param g values [N, C, plane] from {@code off}
         * @param off offset of the first element
         * @param n N
         * @param channels C
         * @param plane positions per channel
         * @return the sums [C]
         */
        double[] sums(FloatBuffer g, int off, int n, int channels, int plane);
    }

    /**
     * Installs (or, with null, removes) the compiled implementation.
     *
     * @param a the implementation, or null for the Java loops
     */
    public static void accelerate(Accelerator a) {
        accelerator = a;
    }

    /**
     * @param n number of samples N
     * @return the number of sample blocks, {@code min(N, 16)}
     */
    public static int blocks(int n) {
        return Math.min(n, 16);
    }

    /**
     * Per-channel sums (see the class comment), compiled when an {@link Accelerator} is installed.
     *
     * @param g values [N, C, plane] from {@code off}
     * @param off offset of the first element
     * @param n N
     * @param channels C
     * @param plane positions per channel
     * @return the sums [C]
     */
    public static double[] sums(FloatBuffer g, int off, int n, int channels, int plane) {
        Accelerator a = accelerator;
        return a != null ? a.sums(g, off, n, channels, plane) : sumsInJava(g, off, n, channels, plane);
    }

    /**
     * {@link #sums} by the Java loops (the blocks in parallel), whether or not an {@link Accelerator} is installed.
     *
     * @param g values [N, C, plane] from {@code off}
     * @param off offset of the first element
     * @param n N
     * @param channels C
     * @param plane positions per channel
     * @return the sums [C]
     */
    public static double[] sumsInJava(FloatBuffer g, int off, int n, int channels, int plane) {
        int blocks = blocks(n);
        double[][] partial = new double[blocks][channels];
        Parallel.forRange(blocks, 1, (chunk, from, to) -> {
            float[] row = new float[plane];
            for (int blk = from; blk < to; blk++) {
                int i1 = (int) ((long) n * (blk + 1) / blocks);
                for (int i = (int) ((long) n * blk / blocks); i < i1; i++) {
                    for (int ch = 0; ch < channels; ch++) {
                        g.get(off + (i * channels + ch) * plane, row, 0, plane);
                        partial[blk][ch] += rowSum(row, plane);
                    }
                }
            }
        });
        double[] sums = new double[channels];
        for (double[] p : partial) {
            for (int ch = 0; ch < channels; ch++) {
                sums[ch] += p[ch];
            }
        }
        return sums;
    }

    /** One row in eight lanes (see the class comment); eight independent chains hide the add latency. */
    private static double rowSum(float[] row, int plane) {
        double l0 = 0;
        double l1 = 0;
        double l2 = 0;
        double l3 = 0;
        double l4 = 0;
        double l5 = 0;
        double l6 = 0;
        double l7 = 0;
        int q = 0;
        for (; q + LANES <= plane; q += LANES) {
            l0 += row[q];
            l1 += row[q + 1];
            l2 += row[q + 2];
            l3 += row[q + 3];
            l4 += row[q + 4];
            l5 += row[q + 5];
            l6 += row[q + 6];
            l7 += row[q + 7];
        }
        // the last positions (fewer than eight) go to lanes 0, 1, ... in order
        int rest = plane - q;
        l0 += rest > 0 ? row[q] : 0f;
        l1 += rest > 1 ? row[q + 1] : 0f;
        l2 += rest > 2 ? row[q + 2] : 0f;
        l3 += rest > 3 ? row[q + 3] : 0f;
        l4 += rest > 4 ? row[q + 4] : 0f;
        l5 += rest > 5 ? row[q + 5] : 0f;
        l6 += rest > 6 ? row[q + 6] : 0f;
        return ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7));
    }
}
