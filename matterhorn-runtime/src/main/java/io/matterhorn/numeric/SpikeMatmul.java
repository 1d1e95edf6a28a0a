package io.matterhorn.numeric;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Event-driven matrix products for sparse (spike) inputs, in pure Java. For an input row with k non-zero
 * entries the forward costs k*out additions instead of in*out multiply-adds; MNIST Poisson spikes are about
 * 14% ones.
 *
 * <p>Dense operands are held as one Java array per row: loops of the form {@code acc[q] += row[q]} without index
 * offsets are the ones the JDK 17 JIT turns into SIMD code (measured: about 3x faster than the same loop over one
 * flat array with an offset). Four rows are summed per pass to halve the loads and stores of the accumulator.
 * With a native backend the spike paths run in its compiled twin ({@link Accelerator}), with the same additions in
 * the same order. Thread-safe: no state besides the installed accelerator; each call splits its own work.
 */
public final class SpikeMatmul {
    private static final int MIN_ROWS_PER_TASK = 64;
    private static volatile Accelerator accelerator;

    private SpikeMatmul() {
    }

    /**
     * Compiled implementations of {@link #forward} and {@link #weightGradient} for spike inputs (every non-zero
     * entry 1, {@code x.values() == null}): the same float additions in the same order as {@link #forwardInJava}
     * and {@link #weightGradInJava}, so bit-identical results. Installed by a kernel backend
     * ({@code io.matterhorn.kernel.Backends} installs the selected provider's). Implementations must be
     * thread-safe; they may assume the caller passes spike inputs only, and must reject malformed sparse rows
     * (IllegalArgumentException) rather than read outside the arrays.
     */
    public interface Accelerator {
        /**
         * {@link #forwardInJava}: {@code y[r, :] = sum over entries (r, i) of x of wt[i, :]}.
         *
         * @param x spike input [rows, in] ({@code values() == null})
         * @param wt transposed weight, row-major [in, out] from {@code wtOff}
         * @param wtOff offset of wt's first element
         * @param y output [rows, out], row-major from {@code yOff}, overwritten
         * @param yOff offset of y's first element
         * @param out output features
         */
        void forward(SparseRows x, FloatBuffer wt, int wtOff, FloatBuffer y, int yOff, int out);

        /**
         * {@link #weightGradInJava}: {@code dW^T[i, :] = sum over entries (r, i) of x of g[r, :]}, with the rows
         * cut into {@code blocks} ranges {@code [rows*b/blocks, rows*(b+1)/blocks)}.
         *
         * @param x spike input [rows, in] ({@code values() == null})
         * @param g output gradient, row-major [rows, out] from {@code gOff}
         * @param gOff offset of g's first element
         * @param out output features
         * @param blocks number of row blocks, at least 1
         * @return dW^T, row-major [in, out]
         */
        float[] weightGradient(SparseRows x, FloatBuffer g, int gOff, int out, int blocks);
    }

    /**
     * Installs (or, with null, removes) the compiled implementation {@link #forward} and {@link #weightGradient}
     * hand spike inputs to.
     *
     * @param a the implementation, or null for the Java loops
     */
    public static void accelerate(Accelerator a) {
        accelerator = a;
    }

    /** @return whether a compiled implementation is installed (see {@link #accelerate}) */
    public static boolean accelerated() {
        return accelerator != null;
    }

    /**
     * Splits a row-major [n, m] matrix into rows.
     *
     * @param flat values, row-major
     * @param n number of rows
     * @param m row length
     * @return {@code n} arrays of length {@code m}
     */
    public static float[][] rows(float[] flat, int n, int m) {
        float[][] r = new float[n][];
        for (int i = 0; i < n; i++) {
            r[i] = Arrays.copyOfRange(flat, i * m, (i + 1) * m);
        }
        return r;
    }

    /**
     * Reads a row-major [n, m] buffer into rows.
     *
     * @param buf values from {@code off}
     * @param off offset of the first value
     * @param n number of rows
     * @param m row length
     * @return {@code n} arrays of length {@code m}
     */
    public static float[][] rows(FloatBuffer buf, int off, int n, int m) {
        float[][] r = new float[n][m];
        for (int i = 0; i < n; i++) {
            buf.get(off + i * m, r[i], 0, m);
        }
        return r;
    }

    /**
     * {@code y[r, :] = sum over non-zero x[r, i] of x[r, i] * wt[i, :]}, i.e. {@code y = x W^T} with
     * {@code wt = W^T}. Spike inputs run compiled when an {@link Accelerator} is installed (same results), the
     * others by {@link #forwardInJava}. Safe to call from several threads on different outputs.
     *
     * @param x sparse input [rows, in]
     * @param wt transposed weight, row-major [in, out] from {@code wtOff}
     * @param wtOff offset of wt's first element
     * @param y output [rows, out], row-major from {@code yOff}
     * @param yOff offset of y's first element
     * @param out output features
     */
    public static void forward(SparseRows x, FloatBuffer wt, int wtOff, FloatBuffer y, int yOff, int out) {
        Accelerator a = accelerator;
        if (a != null && x.values() == null) {
            a.forward(x, wt, wtOff, y, yOff, out);
            return;
        }
        forwardInJava(x, rows(wt, wtOff, x.cols(), out), y, yOff, out);
    }

    /**
     * {@link #forward} by the Java loops, whether or not an {@link Accelerator} is installed (the reference the
     * compiled code is tested against). Per row, the accumulator starts at +0 and adds the rows {@code wt[i]} of
     * the row's entries in their order, four per pass ({@link #sumEntries}).
     *
     * @param x sparse input [rows, in]
     * @param wt transposed weight, {@code in} arrays of length {@code out}
     * @param y output [rows, out], row-major from {@code yOff}
     * @param yOff offset of y's first element
     * @param out output features
     */
    public static void forwardInJava(SparseRows x, float[][] wt, FloatBuffer y, int yOff, int out) {
        accumulateRows(x, wt, out, (r, acc) -> y.put(yOff + r * out, acc, 0, out));
    }

    /**
     * {@link #weightGradInJava} for a flat gradient: spike inputs run compiled when an {@link Accelerator} is
     * installed (same results, same row blocks), the others by the Java loops.
     *
     * @param x the sparse input [rows, in]
     * @param g output gradient, row-major [rows, out] from {@code gOff}
     * @param gOff offset of g's first element
     * @param out output features
     * @return dW^T, row-major [in, out]
     */
    public static float[] weightGradient(SparseRows x, FloatBuffer g, int gOff, int out) {
        Accelerator a = accelerator;
        if (a != null && x.values() == null) {
            return a.weightGradient(x, g, gOff, out, gradientBlocks(x.rows(), out, (long) x.cols() * out));
        }
        return weightGradInJava(x, rows(g, gOff, x.rows(), out), out);
    }

    /**
     * Weight gradient of {@code y = x W^T} from the sparse input:
     * {@code dW^T[i] = sum over rows r with x[r, i] != 0 of x[r, i] g[r]}.
     *
     * <p>The rows are cut into blocks whose gradient rows fit in cache (about 64 Ki floats each). Within a block
     * the entries are sorted by column ({@link SparseRows#transpose(int, int)}), and each column's gradient rows
     * are summed in one accumulator from +0, four rows per pass, like a forward row; the blocks' partial sums are
     * then added in block order to a sum that starts at +0 (blocks without entries in the column add nothing).
     * The row ranges are {@code [rows*b/blocks, rows*(b+1)/blocks)}. A gather over the whole input instead would
     * fetch each gradient row from memory about {@code nonZeros / rows} times. The blocks depend only on the
     * shapes, so the result does not depend on the thread count.
     *
     * <p>Measured alternative, slower: the scatter form {@code dW^T[i] += x[r, i] g[r]} for every entry (r, i), rows
     * in order, each thread owning a range of columns (no transpose, no partial sums). It does one load and one
     * store of an accumulator row per entry instead of one per four, and took about 1.45x the time of this form
     * for example 1's first layer on one thread (2.2x for the 10-output layer).
     *
     * <p>By the Java loops, whether or not an {@link Accelerator} is installed ({@link #weightGradient} is the
     * entry point that uses one).
     *
     * @param x the sparse input [rows, in]
     * @param g output gradient as rows, {@code rows} arrays of length {@code out}
     * @param out output features
     * @return dW^T, row-major [in, out]
     */
    public static float[] weightGradInJava(SparseRows x, float[][] g, int out) {
        int in = x.cols();
        int rows = x.rows();
        int blocks = gradientBlocks(rows, out, (long) in * out);
        float[][][] partial = new float[blocks][][];
        Parallel.forRange(blocks, 1, (chunk, from, to) -> {
            for (int b = from; b < to; b++) {
                partial[b] = sumByColumn(x.transpose((int) ((long) rows * b / blocks),
                        (int) ((long) rows * (b + 1) / blocks)), g, out);
            }
        });
        float[] dwT = new float[in * out];
        Parallel.forRange(in, 64, (chunk, from, to) -> {
            float[] sum = new float[out];
            for (int i = from; i < to; i++) {
                java.util.Arrays.fill(sum, 0f);
                for (int b = 0; b < blocks; b++) {
                    if (partial[b][i] != null) {
                        add(sum, partial[b][i], out);
                    }
                }
                System.arraycopy(sum, 0, dwT, i * out, out);
            }
        });
        return dwT;
    }

    /**
     * One block's {@code dW^T[i] = sum of v * g[r]} over the entries (i, r, v) of its column-sorted input.
     *
     * @return per column, its partial sum, or null when the column has no entries in the block
     */
    private static float[][] sumByColumn(SparseRows byColumn, float[][] g, int out) {
        float[][] result = new float[byColumn.rows()][];
        int[] start = byColumn.rowStart();
        int[] rowOf = byColumn.columns();
        float[] vals = byColumn.values();
        for (int i = 0; i < result.length; i++) {
            if (start[i] < start[i + 1]) {
                float[] acc = new float[out];
                sumEntries(acc, start[i], start[i + 1], rowOf, vals, g, out);
                result[i] = acc;
            }
        }
        return result;
    }

    /**
     * Number of row blocks of a weight gradient ({@link #weightGradInJava}): blocks of about 64 Ki gradient floats
     * (at least 64 rows), fewer when their partial sums would exceed 16 Mi floats in all.
     *
     * @param rows rows of the input
     * @param out output features
     * @param weights in * out
     * @return the number of blocks, at least 1
     */
    public static int gradientBlocks(int rows, int out, long weights) {
        int rowsPerBlock = Math.max(64, (1 << 16) / Math.max(1, out));
        long byRows = Math.max(1, ((long) rows + rowsPerBlock - 1) / rowsPerBlock);
        long byMemory = Math.max(1, (16L << 20) / Math.max(1, weights));
        return (int) Math.min(byRows, byMemory);
    }

    /** Receives one finished output row. */
    @FunctionalInterface
    private interface RowSink {
        void accept(int row, float[] values);
    }

    /** For each row r of the sparse matrix: {@code acc = sum over entries (r, c, v) of v * dense[c]}. */
    private static void accumulateRows(SparseRows s, float[][] dense, int out, RowSink sink) {
        int[] start = s.rowStart();
        int[] cols = s.columns();
        float[] vals = s.values();
        Parallel.forRange(s.rows(), MIN_ROWS_PER_TASK, (chunk, from, to) -> {
            float[] acc = new float[out];
            for (int r = from; r < to; r++) {
                Arrays.fill(acc, 0f);
                sumEntries(acc, start[r], start[r + 1], cols, vals, dense, out);
                sink.accept(r, acc);
            }
        });
    }

    /**
     * {@code acc += sum over k in [from, to) of v_k * dense[index[k]]}, with v_k = 1 when vals is null: the one
     * order of additions of every event-driven product (four rows per pass for spikes, {@code acc += (a + b) +
     * (c + d)}; one scaled row per pass for values), shared by training and the streaming runtime.
     *
     * @param acc accumulator [out], added to
     * @param from first entry
     * @param to end of the entries
     * @param index row index of each entry
     * @param vals value of each entry, or null for all ones (spikes)
     * @param dense the rows, each of length at least {@code out}
     * @param out row length used
     */
    public static void sumEntries(float[] acc, int from, int to, int[] index, float[] vals, float[][] dense,
            int out) {
        int k = from;
        if (vals == null) {
            for (; k + 3 < to; k += 4) {
                add4(acc, dense[index[k]], dense[index[k + 1]], dense[index[k + 2]], dense[index[k + 3]], out);
            }
            for (; k < to; k++) {
                add(acc, dense[index[k]], out);
            }
        } else {
            for (; k < to; k++) {
                addScaled(acc, dense[index[k]], vals[k], out);
            }
        }
    }

    private static void add(float[] acc, float[] a, int n) {
        for (int q = 0; q < n; q++) {
            acc[q] += a[q];
        }
    }

    private static void add4(float[] acc, float[] a, float[] b, float[] c, float[] d, int n) {
        for (int q = 0; q < n; q++) {
            acc[q] += (a[q] + b[q]) + (c[q] + d[q]);
        }
    }

    private static void addScaled(float[] acc, float[] a, float v, int n) {
        for (int q = 0; q < n; q++) {
            acc[q] += v * a[q];
        }
    }
}
