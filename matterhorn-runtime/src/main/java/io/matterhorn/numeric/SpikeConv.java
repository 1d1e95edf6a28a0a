package io.matterhorn.numeric;

import java.nio.FloatBuffer;

/**
 * Event-driven (scatter) convolution for binary inputs (spikes), float32, one group. Every one of the input,
 * {@code x[n, c, p] = 1}, is read by the output positions {@code o} whose tap {@code k} reaches {@code p}
 * ({@link ConvGeometry#tapTable()} inverted: about {@code K / stride^d} pairs (o, k) per input position), so
 *
 * <pre>
 *   forward:          y[n, :, o]   = b + sum over ones (c, p) of x[n] and pairs (o, k) of p of W[:, c, k]
 *   weight gradient:  dW[:, c, k] += dy[n, :, o]     for every one (c, p) of x[n] and pair (o, k) of p
 * </pre>
 *
 * Both cost (number of ones) x (pairs per position) x C_out additions, against
 * {@code C*K x positions x C_out} multiply-adds for the dense product, and need no column matrix. Each sample
 * accumulates in a position-major block {@code [outPlane, C_out]} (contiguous C_out-vectors, which the JIT
 * vectorises), transposed to the channel-major layout of {@code y} and {@code dy} at the ends. Samples are split
 * over tasks; the weight gradient keeps one partial {@code dW^T [C*K, C_out]} per task and sums them in task
 * order.
 *
 * <p>Shapes: {@code x [N, C, *in]}, {@code w [C_out, C, *kernel]}, {@code y, dy [N, C_out, *out]}; all float32,
 * row-major, addressed from a buffer offset. The input must hold only 0 and 1 (checked by the caller, for example
 * with {@link #binaryOnes}); any non-zero counts as a one. The input comes either dense or as the lists of its ones
 * ({@link SparseRows} [N, C*inPlane], values null, as {@link SparseRows#compress} gives them): the lists overloads
 * read no dense input, and both forms give the same bits. Stateless and safe to call from several threads on
 * different outputs; every sum runs in a fixed order for a given thread count ({@link Parallel#threads()}), so
 * results do not depend on thread timing.
 *
 * <p>These are kernels below the tensor layer: they do not validate their arguments beyond what the buffers
 * enforce (an index outside a buffer throws). Shapes, dtypes and NaN are checked by their caller
 * ({@code io.matterhorn.tensor.Convolution}) before they run.
 */
public final class SpikeConv {
    private static volatile Accelerator accelerator;

    private SpikeConv() {
    }

    /**
     * Compiled implementations of {@link #forward} and {@link #weightGradient} (same loops and float operations
     * in the same order, so the same results), installed by a kernel backend ({@code io.matterhorn.kernel.Backends}
     * installs the selected provider's). Implementations must be thread-safe.
     */
    public interface Accelerator {
        /**
         * {@link #forward} with the geometry as its tap table ({@link ConvGeometry#tapTable()}).
         *
         * @param x input [N, C, inPlane] from {@code xOff}
         * @param xOff offset of x's first element
         * @param n N
         * @param channels C
         * @param w weight [C_out, C*K] from {@code wOff}
         * @param wOff offset of w's first element
         * @param bias [C_out] from {@code biasOff}, or null
         * @param biasOff offset of the bias
         * @param cOut C_out
         * @param taps tap table [outPlane * K]
         * @param kernelSize K
         * @param inPlane input positions per channel
         * @param outPlane output positions per channel
         * @param y output [N, C_out, outPlane] from {@code yOff}
         * @param yOff offset of y's first element
         */
        void forward(FloatBuffer x, int xOff, int n, int channels, FloatBuffer w, int wOff, FloatBuffer bias,
                int biasOff, int cOut, int[] taps, int kernelSize, int inPlane, int outPlane, FloatBuffer y,
                int yOff);

        /**
         * {@link #weightGradient} with the geometry as its tap table, the samples split into {@code tasks} ranges
         * {@code [n*t/tasks, n*(t+1)/tasks)} summed in task order.
         *
         * @param x input [N, C, inPlane] from {@code xOff}
         * @param xOff offset of x's first element
         * @param n N
         * @param channels C
         * @param dy output gradient [N, C_out, outPlane] from {@code dyOff}
         * @param dyOff offset of dy's first element
         * @param cOut C_out
         * @param taps tap table [outPlane * K]
         * @param kernelSize K
         * @param inPlane input positions per channel
         * @param outPlane output positions per channel
         * @param tasks number of sample ranges, at least 1
         * @return dW, row-major [C_out, C*K]
         */
        float[] weightGradient(FloatBuffer x, int xOff, int n, int channels, FloatBuffer dy, int dyOff, int cOut,
                int[] taps, int kernelSize, int inPlane, int outPlane, int tasks);

        /**
         * {@link #forward(SparseRows, FloatBuffer, int, FloatBuffer, int, int, ConvGeometry, FloatBuffer, int)}
         * with the geometry as its tap table: the input's ones given as lists (row s = sample s, checked by the
         * caller: {@code ones.cols() == channels * inPlane}, values null).
         *
         * @param ones the ones of x [N, C*inPlane], flat indices {@code c*inPlane + p} ascending per sample
         * @param channels C
         * @param w weight [C_out, C*K] from {@code wOff}
         * @param wOff offset of w's first element
         * @param bias [C_out] from {@code biasOff}, or null
         * @param biasOff offset of the bias
         * @param cOut C_out
         * @param taps tap table [outPlane * K]
         * @param kernelSize K
         * @param inPlane input positions per channel
         * @param outPlane output positions per channel
         * @param y output [N, C_out, outPlane] from {@code yOff}
         * @param yOff offset of y's first element
         */
        void forward(SparseRows ones, int channels, FloatBuffer w, int wOff, FloatBuffer bias, int biasOff,
                int cOut, int[] taps, int kernelSize, int inPlane, int outPlane, FloatBuffer y, int yOff);

        /**
         * {@link #weightGradient(SparseRows, FloatBuffer, int, int, ConvGeometry)} with the geometry as its tap
         * table, the samples split into {@code tasks} ranges {@code [n*t/tasks, n*(t+1)/tasks)} summed in task
         * order.
         *
         * @param ones the ones of x [N, C*inPlane], flat indices {@code c*inPlane + p} ascending per sample
         * @param channels C
         * @param dy output gradient [N, C_out, outPlane] from {@code dyOff}
         * @param dyOff offset of dy's first element
         * @param cOut C_out
         * @param taps tap table [outPlane * K]
         * @param kernelSize K
         * @param inPlane input positions per channel
         * @param outPlane output positions per channel
         * @param tasks number of sample ranges, at least 1
         * @return dW, row-major [C_out, C*K]
         */
        float[] weightGradient(SparseRows ones, int channels, FloatBuffer dy, int dyOff, int cOut, int[] taps,
                int kernelSize, int inPlane, int outPlane, int tasks);
    }

    /**
     * Installs (or, with null, removes) the compiled implementation {@link #forward} and {@link #weightGradient}
     * hand their work to.
     *
     * @param a the implementation, or null for the Java loops
     */
    public static void accelerate(Accelerator a) {
        accelerator = a;
    }

    /**
     * Counts the ones of a float32 array if every element is 0 or 1.
     *
     * @param x values from {@code off}
     * @param off first element
     * @param len number of elements
     * @return the number of ones, or -1 if some element is neither 0 nor 1 (including NaN)
     */
    public static long binaryOnes(FloatBuffer x, int off, int len) {
        long total = 0;
        for (long c : Parallel.reduce(len, 1 << 16, (from, to) -> {
            float[] block = new float[Math.min(4096, to - from)];
            long ones = 0;
            for (int i = from; i < to; i += block.length) {
                int n = Math.min(block.length, to - i);
                x.get(off + i, block, 0, n);
                int other = 0;
                for (int q = 0; q < n; q++) {
                    float v = block[q];
                    int notOne = FloatBits.notOne(v);
                    ones += 1 - notOne;
                    other |= FloatBits.nonZero(v) & notOne;
                }
                if (other != 0) {
                    return -1;
                }
            }
            return ones;
        })) {
            if (c < 0) {
                return -1;
            }
            total += c;
        }
        return total;
    }

    /**
     * Forward convolution of a binary input (see the class comment).
     *
     * @param x input [N, C, *in], values 0 or 1, from {@code xOff}
     * @param xOff offset of x's first element
     * @param n number of samples N
     * @param channels input channels C
     * @param w weight, row-major [C_out, C*K] from {@code wOff}
     * @param wOff offset of w's first element
     * @param bias per output channel [C_out] from {@code biasOff}, or null
     * @param biasOff offset of the bias's first element
     * @param cOut output channels
     * @param g window geometry
     * @param y output [N, C_out, *out], written from {@code yOff}
     * @param yOff offset of y's first element
     */
    public static void forward(FloatBuffer x, int xOff, int n, int channels, FloatBuffer w, int wOff,
            FloatBuffer bias, int biasOff, int cOut, ConvGeometry g, FloatBuffer y, int yOff) {
        Accelerator a = accelerator;
        if (a != null) {
            a.forward(x, xOff, n, channels, w, wOff, bias, biasOff, cOut, g.tapTable(), g.kernelSize(), g.inPlane(),
                    g.outPlane(), y, yOff);
            return;
        }
        forwardInJava(x, xOff, n, channels, w, wOff, bias, biasOff, cOut, g, y, yOff);
    }

    /**
     * {@link #forward} by the Java loops, whether or not an {@link Accelerator} is installed (the reference the
     * compiled implementations are tested against). Arguments as for {@link #forward}.
     *
     * @param x input [N, C, *in], values 0 or 1, from {@code xOff}
     * @param xOff offset of x's first element
     * @param n number of samples N
     * @param channels input channels C
     * @param w weight, row-major [C_out, C*K] from {@code wOff}
     * @param wOff offset of w's first element
     * @param bias per output channel [C_out] from {@code biasOff}, or null
     * @param biasOff offset of the bias's first element
     * @param cOut output channels
     * @param g window geometry
     * @param y output [N, C_out, *out], written from {@code yOff}
     * @param yOff offset of y's first element
     */
    public static void forwardInJava(FloatBuffer x, int xOff, int n, int channels, FloatBuffer w, int wOff,
            FloatBuffer bias, int biasOff, int cOut, ConvGeometry g, FloatBuffer y, int yOff) {
        forwardInJava(onesOf(x, xOff, n, channels, g), w, wOff, bias, biasOff, cOut, g, y, yOff);
    }

    /**
     * Forward convolution of a binary input given as the lists of its ones (see the class comment): the same
     * float additions in the same order as {@link #forward(FloatBuffer, int, int, int, FloatBuffer, int,
     * FloatBuffer, int, int, ConvGeometry, FloatBuffer, int) forward} on the dense input, so the same result,
     * without reading the dense input. Compiled when an {@link Accelerator} is installed.
     *
     * @param ones the ones of x [N, C, *in] as [N, C*inPlane] (row s = sample s, flat indices {@code c*inPlane + p}
     *     ascending, as {@link SparseRows#compress} lists them), values null
     * @param w weight, row-major [C_out, C*K] from {@code wOff}
     * @param wOff offset of w's first element
     * @param bias per output channel [C_out] from {@code biasOff}, or null
     * @param biasOff offset of the bias's first element
     * @param cOut output channels
     * @param g window geometry
     * @param y output [N, C_out, *out], written from {@code yOff}
     * @param yOff offset of y's first element
     * @throws IllegalArgumentException if {@code ones.cols()} is not a multiple of {@code g.inPlane()} or ones has
     *     values
     */
    public static void forward(SparseRows ones, FloatBuffer w, int wOff, FloatBuffer bias, int biasOff, int cOut,
            ConvGeometry g, FloatBuffer y, int yOff) {
        int channels = channels("SpikeConv.forward", ones, g);
        Accelerator a = accelerator;
        if (a != null) {
            a.forward(ones, channels, w, wOff, bias, biasOff, cOut, g.tapTable(), g.kernelSize(), g.inPlane(),
                    g.outPlane(), y, yOff);
            return;
        }
        forwardInJava(ones, w, wOff, bias, biasOff, cOut, g, y, yOff);
    }

    /**
     * {@link #forward(SparseRows, FloatBuffer, int, FloatBuffer, int, int, ConvGeometry, FloatBuffer, int)} by
     * the Java loops, whether or not an {@link Accelerator} is installed (the reference the compiled
     * implementations are tested against).
     *
     * @param ones the ones of x [N, C, *in] as [N, C*inPlane], flat indices ascending per sample, values null
     * @param w weight, row-major [C_out, C*K] from {@code wOff}
     * @param wOff offset of w's first element
     * @param bias per output channel [C_out] from {@code biasOff}, or null
     * @param biasOff offset of the bias's first element
     * @param cOut output channels
     * @param g window geometry
     * @param y output [N, C_out, *out], written from {@code yOff}
     * @param yOff offset of y's first element
     * @throws IllegalArgumentException if {@code ones.cols()} is not a multiple of {@code g.inPlane()} or ones has
     *     values
     */
    public static void forwardInJava(SparseRows ones, FloatBuffer w, int wOff, FloatBuffer bias, int biasOff,
            int cOut, ConvGeometry g, FloatBuffer y, int yOff) {
        int channels = channels("SpikeConv.forwardInJava", ones, g);
        int kernelSize = g.kernelSize();
        int outPlane = g.outPlane();
        float[][] wt = tapRows(w, wOff, cOut, channels * kernelSize);
        float[] b = new float[cOut];
        if (bias != null) {
            bias.get(biasOff, b, 0, cOut);
        }
        Fan fan = new Fan(g);
        Parallel.forRange(ones.rows(), 1, (chunk, from, to) -> {
            float[][] acc = new float[outPlane][cOut];
            float[] out = new float[cOut * outPlane];
            for (int s = from; s < to; s++) {
                for (float[] row : acc) {
                    System.arraycopy(b, 0, row, 0, cOut);
                }
                addReached(ones, s, fan, g, wt, acc, false);
                transpose(acc, out);
                y.put(yOff + s * cOut * outPlane, out, 0, out.length);
            }
        });
    }

    /**
     * {@code wt[c*K + k][co] = W[co, c, k]}: the C_out-vector a one adds through tap k.
     *
     * @param w weight [C_out, C*K] from {@code wOff}
     * @param wOff offset of w's first element
     * @param cOut C_out
     * @param colCount C*K
     * @return the rows [C*K][C_out]
     */
    private static float[][] tapRows(FloatBuffer w, int wOff, int cOut, int colCount) {
        float[] wAll = new float[cOut * colCount];
        w.get(wOff, wAll, 0, wAll.length);
        float[][] wt = new float[colCount][cOut];
        for (int co = 0; co < cOut; co++) {
            for (int j = 0; j < colCount; j++) {
                wt[j][co] = wAll[co * colCount + j];
            }
        }
        return wt;
    }

    /**
     * For every one (c, p) of sample s and every fan pair (o, k) of p, in that order: adds {@code byTap[c*K + k]}
     * to {@code byOutput[o]} (the forward: {@code byTap} = W's tap rows, {@code byOutput} = the accumulator
     * [outPlane][C_out]) or, with {@code intoTap}, {@code byOutput[o]} to {@code byTap[c*K + k]} (the weight
     * gradient: {@code byOutput} = dy position-major, {@code byTap} = dW^T [C*K][C_out]).
     */
    private static void addReached(SparseRows ones, int s, Fan fan, ConvGeometry g, float[][] byTap,
            float[][] byOutput, boolean intoTap) {
        int[] columns = ones.columns();
        int kernelSize = g.kernelSize();
        int inPlane = g.inPlane();
        for (int i = ones.rowStart()[s], end = ones.rowStart()[s + 1]; i < end; i++) {
            int c = columns[i] / inPlane;
            int p = columns[i] - c * inPlane;
            for (int e = fan.start[p], eEnd = fan.start[p + 1]; e < eEnd; e++) {
                float[] tapRow = byTap[c * kernelSize + fan.tap[e]];
                float[] outputRow = byOutput[fan.output[e]];
                if (intoTap) {
                    add(tapRow, outputRow);
                } else {
                    add(outputRow, tapRow);
                }
            }
        }
    }

    /**
     * Weight gradient of the convolution of a binary input (see the class comment).
     *
     * @param x input [N, C, *in], values 0 or 1, from {@code xOff}
     * @param xOff offset of x's first element
     * @param n number of samples N
     * @param channels input channels C
     * @param dy output gradient [N, C_out, *out] from {@code dyOff}
     * @param dyOff offset of dy's first element
     * @param cOut output channels
     * @param g window geometry
     * @return dW, row-major [C_out, C*K]
     */
    public static float[] weightGradient(FloatBuffer x, int xOff, int n, int channels, FloatBuffer dy, int dyOff,
            int cOut, ConvGeometry g) {
        Accelerator a = accelerator;
        if (a != null) {
            return a.weightGradient(x, xOff, n, channels, dy, dyOff, cOut, g.tapTable(), g.kernelSize(),
                    g.inPlane(), g.outPlane(), Parallel.chunks(n, 1));
        }
        return weightGradientInJava(x, xOff, n, channels, dy, dyOff, cOut, g);
    }

    /**
     * {@link #weightGradient} by the Java loops, whether or not an {@link Accelerator} is installed. The samples
     * are split into {@link Parallel#chunks Parallel.chunks(n, 1)} ranges, one partial sum each.
     *
     * @param x input [N, C, *in], values 0 or 1, from {@code xOff}
     * @param xOff offset of x's first element
     * @param n number of samples N
     * @param channels input channels C
     * @param dy output gradient [N, C_out, *out] from {@code dyOff}
     * @param dyOff offset of dy's first element
     * @param cOut output channels
     * @param g window geometry
     * @return dW, row-major [C_out, C*K]
     */
    public static float[] weightGradientInJava(FloatBuffer x, int xOff, int n, int channels, FloatBuffer dy,
            int dyOff, int cOut, ConvGeometry g) {
        return weightGradientInJava(onesOf(x, xOff, n, channels, g), dy, dyOff, cOut, g);
    }

    /**
     * Weight gradient of the convolution of a binary input given as the lists of its ones (see the class
     * comment): the same float additions in the same order as {@link #weightGradient(FloatBuffer, int, int, int,
     * FloatBuffer, int, int, ConvGeometry) weightGradient} on the dense input, so the same result, without reading
     * the dense input. Compiled when an {@link Accelerator} is installed.
     *
     * @param ones the ones of x [N, C, *in] as [N, C*inPlane] (row s = sample s, flat indices {@code c*inPlane + p}
     *     ascending, as {@link SparseRows#compress} lists them), values null
     * @param dy output gradient [N, C_out, *out] from {@code dyOff}
     * @param dyOff offset of dy's first element
     * @param cOut output channels
     * @param g window geometry
     * @return dW, row-major [C_out, C*K]
     * @throws IllegalArgumentException if {@code ones.cols()} is not a multiple of {@code g.inPlane()} or ones has
     *     values
     */
    public static float[] weightGradient(SparseRows ones, FloatBuffer dy, int dyOff, int cOut, ConvGeometry g) {
        int channels = channels("SpikeConv.weightGradient", ones, g);
        Accelerator a = accelerator;
        if (a != null) {
            return a.weightGradient(ones, channels, dy, dyOff, cOut, g.tapTable(), g.kernelSize(), g.inPlane(),
                    g.outPlane(), Parallel.chunks(ones.rows(), 1));
        }
        return weightGradientInJava(ones, dy, dyOff, cOut, g);
    }

    /**
     * {@link #weightGradient(SparseRows, FloatBuffer, int, int, ConvGeometry)} by the Java loops, whether or not
     * an {@link Accelerator} is installed. The samples are split into {@link Parallel#chunks
     * Parallel.chunks(N, 1)} ranges, one partial sum each.
     *
     * @param ones the ones of x [N, C, *in] as [N, C*inPlane], flat indices ascending per sample, values null
     * @param dy output gradient [N, C_out, *out] from {@code dyOff}
     * @param dyOff offset of dy's first element
     * @param cOut output channels
     * @param g window geometry
     * @return dW, row-major [C_out, C*K]
     * @throws IllegalArgumentException if {@code ones.cols()} is not a multiple of {@code g.inPlane()} or ones has
     *     values
     */
    public static float[] weightGradientInJava(SparseRows ones, FloatBuffer dy, int dyOff, int cOut,
            ConvGeometry g) {
        int colCount = channels("SpikeConv.weightGradientInJava", ones, g) * g.kernelSize();
        int outPlane = g.outPlane();
        Fan fan = new Fan(g);
        int tasks = Parallel.chunks(ones.rows(), 1);
        float[][][] partial = new float[tasks][colCount][cOut];
        Parallel.forRange(ones.rows(), 1, (task, from, to) -> {
            float[] plane = new float[cOut * outPlane];
            float[][] positionMajor = new float[outPlane][cOut];
            for (int s = from; s < to; s++) {
                if (ones.rowStart()[s] == ones.rowStart()[s + 1]) {
                    continue;
                }
                dy.get(dyOff + s * cOut * outPlane, plane, 0, plane.length);
                transpose(plane, positionMajor);
                addReached(ones, s, fan, g, partial[task], positionMajor, true);
            }
        });
        float[] dw = new float[cOut * colCount];
        for (int j = 0; j < colCount; j++) {
            for (int co = 0; co < cOut; co++) {
                float sum = 0f;
                for (float[][] part : partial) {
                    sum += part[j][co];
                }
                dw[co * colCount + j] = sum;
            }
        }
        return dw;
    }

    /**
     * The ones of a dense input as the Java loops list them (any value that is not +0 or -0 counts as a one).
     *
     * @param x input [N, C, *in] from {@code xOff}
     * @param xOff offset of x's first element
     * @param n N
     * @param channels C
     * @param g window geometry
     * @return the lists [N, C*inPlane], values null
     */
    private static SparseRows onesOf(FloatBuffer x, int xOff, int n, int channels, ConvGeometry g) {
        SparseRows r = SparseRows.compressInJava(x, xOff, n, channels * g.inPlane());
        return new SparseRows(r.rows(), r.cols(), r.rowStart(), r.columns(), null);
    }

    /**
     * Checks the shape of the lists of ones against the geometry.
     *
     * @param where the method, for the message
     * @param ones the lists [N, C*inPlane]
     * @param g window geometry
     * @return C
     * @throws IllegalArgumentException if ones has values or {@code ones.cols()} is not a multiple of inPlane
     */
    private static int channels(String where, SparseRows ones, ConvGeometry g) {
        if (ones.values() != null) {
            throw new IllegalArgumentException(where + ": ones must list spikes (values null), got values");
        }
        int inPlane = g.inPlane();
        if (inPlane <= 0 || ones.cols() % inPlane != 0) {
            throw new IllegalArgumentException(where + ": ones.cols() = " + ones.cols()
                    + " is not a multiple of the input plane " + inPlane + " (C * inPlane expected)");
        }
        return ones.cols() / inPlane;
    }

    /**
     * {@code acc[q] += v[q]}. Rows are separate arrays indexed from 0: the JDK 17 JIT vectorises this form, but
     * not the same loop over one flat array at two offsets (measured 2x slower for 64 floats).
     */
    static void add(float[] acc, float[] v) {
        for (int q = 0; q < acc.length; q++) {
            acc[q] += v[q];
        }
    }

    /**
     * {@code dst[c * rows.length + r] = rows[r][c]}: rows of a position-major block written channel-major.
     *
     * @param rows {@code R} arrays of equal length {@code C}
     * @param dst receives {@code C * R} values
     */
    static void transpose(float[][] rows, float[] dst) {
        int n = rows.length;
        int r = 0;
        // four rows per pass: each destination column gets four consecutive writes
        for (; r + 4 <= n; r += 4) {
            float[] a = rows[r];
            float[] b = rows[r + 1];
            float[] c2 = rows[r + 2];
            float[] d = rows[r + 3];
            for (int c = 0; c < a.length; c++) {
                int k = c * n + r;
                dst[k] = a[c];
                dst[k + 1] = b[c];
                dst[k + 2] = c2[c];
                dst[k + 3] = d[c];
            }
        }
        for (; r < n; r++) {
            float[] row = rows[r];
            for (int c = 0; c < row.length; c++) {
                dst[c * n + r] = row[c];
            }
        }
    }

    /**
     * {@code rows[r][c] = src[c * rows.length + r]}: a channel-major block read into position-major rows.
     *
     * @param src {@code C * R} values
     * @param rows {@code R} arrays of equal length {@code C}
     */
    static void transpose(float[] src, float[][] rows) {
        int n = rows.length;
        int r = 0;
        // four rows per pass: four consecutive reads per source column
        for (; r + 4 <= n; r += 4) {
            float[] a = rows[r];
            float[] b = rows[r + 1];
            float[] c2 = rows[r + 2];
            float[] d = rows[r + 3];
            for (int c = 0; c < a.length; c++) {
                int k = c * n + r;
                a[c] = src[k];
                b[c] = src[k + 1];
                c2[c] = src[k + 2];
                d[c] = src[k + 3];
            }
        }
        for (; r < n; r++) {
            float[] row = rows[r];
            for (int c = 0; c < row.length; c++) {
                row[c] = src[c * n + r];
            }
        }
    }


    /**
     * {@link ConvGeometry#tapTable()} inverted: for input position {@code p}, the pairs
     * {@code (output[e], tap[e])} for {@code start[p] <= e < start[p+1]}, in increasing output position.
     */
    static final class Fan {
        final int[] start;
        final int[] output;
        final int[] tap;

        Fan(ConvGeometry g) {
            int kernelSize = g.kernelSize();
            int[] table = g.tapTable();
            start = new int[g.inPlane() + 1];
            for (int p : table) {
                if (p >= 0) {
                    start[p + 1]++;
                }
            }
            for (int p = 0; p < g.inPlane(); p++) {
                start[p + 1] += start[p];
            }
            output = new int[start[g.inPlane()]];
            tap = new int[output.length];
            int[] fill = java.util.Arrays.copyOf(start, g.inPlane());
            for (int e = 0; e < table.length; e++) {
                int p = table[e];
                if (p >= 0) {
                    output[fill[p]] = e / kernelSize;
                    tap[fill[p]++] = e % kernelSize;
                }
            }
        }
    }
}
