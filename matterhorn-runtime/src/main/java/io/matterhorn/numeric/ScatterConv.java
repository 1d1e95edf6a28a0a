package io.matterhorn.numeric;

import java.nio.FloatBuffer;

/**
 * The data gradient of a convolution (its adjoint, the transposed convolution) in position-major form, float32,
 * one group, either by scatter over the non-zero entries of the output gradient ({@link #transpose}) or by folding
 * a dense product computed elsewhere ({@link #toPositionMajor}, {@link #foldColumns}):
 *
 * <pre>
 *   dx[n, ci, src(o, k)] += sum over co of W[co, ci, k] * dy[n, co, o]      for every output position o, tap k
 * </pre>
 *
 * where {@code src(o, k)} is {@link ConvGeometry#tapTable()} (taps into the padding are skipped). For each output
 * position o with non-zero entries {@code (co_j, v_j)} (increasing co), the {@code K*C_in} sums
 * {@code r[k*C_in + ci] = sum over j of v_j * W[co_j, ci, k]} are formed first, in increasing j from +0, and each
 * tap's {@code C_in}-slice of r is then added into a position-major accumulator {@code [inPlane, C_in]} of the
 * sample (positions in increasing o, taps in increasing k), which is transposed to {@code [C_in, inPlane]} at the
 * end. The work is {@code nnz(dy) * K * C_in} multiply-adds, against {@code C_out * outPlane * K * C_in} for the
 * im2col product, and there is no column matrix: gradients of spiking layers hold many exact zeros (the surrogate
 * window is closed and no later step leaks back), which are skipped. The compiled twin forms the sums of four
 * positions at once over the union of their non-zero channels (zeros included, which leaves every sum unchanged
 * while the weights are finite): one weight load serves four positions, so it runs about as fast at full density
 * as a dense product.
 *
 * <p>The dense form: with {@code dyT [N*outPlane, C_out]} (position-major output gradient) and
 * {@code Wr [C_out, K*C_in]} ({@code Wr[co, k*C_in + ci] = W[co, ci, k]}), the product {@code cols = dyT Wr} holds
 * for every (n, o, k) the C_in-vector added to {@code dx[n, :, src(o, k)]}; {@link #foldColumns} adds them up
 * (contiguous vectors, unlike a channel-major col2im) and transposes each sample to channel-major.
 *
 * <p>Shapes: {@code dy [N, C_out, *out]}, {@code w [C_out, C_in, *kernel]}, {@code dx [N, C_in, *in]}; row-major
 * float32 addressed from a buffer offset. Work is split over samples, each written by one task in a fixed order,
 * so results do not depend on thread timing. Stateless and thread-safe.
 *
 * <p>These are kernels below the tensor layer: they do not validate their arguments beyond what the buffers
 * enforce (an index outside a buffer throws). Shapes, dtypes and NaN are checked by their caller
 * ({@code io.matterhorn.tensor.Convolution}) before they run.
 */
public final class ScatterConv {
    private static volatile Accelerator accelerator;

    private ScatterConv() {
    }

    /**
     * A compiled implementation of {@link #transpose} (same loops and float operations, so the same results),
     * installed by a kernel backend ({@code io.matterhorn.kernel.Backends} installs the selected provider's).
     * Implementations must be thread-safe.
     */
    public interface Accelerator {
        /**
         * The arguments of {@link #transpose}, with the geometry as its tap table.
         *
         * @param dy output gradient [N, C_out, outPlane] from {@code dyOff}
         * @param dyOff offset of dy's first element
         * @param n number of samples N
         * @param cOut output channels C_out
         * @param w weight [C_out, C_in, K] from {@code wOff}
         * @param wOff offset of w's first element
         * @param cIn input channels C_in
         * @param taps {@link ConvGeometry#tapTable()}, [outPlane * K]
         * @param kernelSize K
         * @param inPlane input positions per channel
         * @param outPlane output positions per channel
         * @param dx result [N, C_in, inPlane], written from {@code dxOff}
         * @param dxOff offset of dx's first element
         */
        void transpose(FloatBuffer dy, int dyOff, int n, int cOut, FloatBuffer w, int wOff, int cIn, int[] taps,
                int kernelSize, int inPlane, int outPlane, FloatBuffer dx, int dxOff);
    }

    /**
     * Installs (or, with null, removes) the compiled implementation {@link #transpose} hands its work to.
     *
     * @param a the implementation, or null for the Java loops
     */
    public static void accelerate(Accelerator a) {
        accelerator = a;
    }

    /** @return whether {@link #transpose} runs compiled code */
    public static boolean accelerated() {
        return accelerator != null;
    }

    /**
     * Data gradient {@code dx = conv^T(dy)} (see the class comment); {@code dx} is overwritten. Runs the installed
     * {@link Accelerator} when there is one, else {@link #transposeInJava}.
     *
     * @param dy output gradient [N, C_out, *out] from {@code dyOff}
     * @param dyOff offset of dy's first element
     * @param n number of samples N
     * @param cOut output channels C_out
     * @param w weight [C_out, C_in, *kernel] from {@code wOff}
     * @param wOff offset of w's first element
     * @param cIn input channels C_in
     * @param g window geometry (input side = dx)
     * @param dx result [N, C_in, *in], written from {@code dxOff}
     * @param dxOff offset of dx's first element
     */
    public static void transpose(FloatBuffer dy, int dyOff, int n, int cOut, FloatBuffer w, int wOff, int cIn,
            ConvGeometry g, FloatBuffer dx, int dxOff) {
        Accelerator a = accelerator;
        if (a != null) {
            a.transpose(dy, dyOff, n, cOut, w, wOff, cIn, g.tapTable(), g.kernelSize(), g.inPlane(), g.outPlane(),
                    dx, dxOff);
            return;
        }
        transposeInJava(dy, dyOff, n, cOut, w, wOff, cIn, g, dx, dxOff);
    }

    /**
     * {@link #transpose} by the Java loops, whether or not an {@link Accelerator} is installed (the reference the
     * compiled implementations are tested against).
     *
     * @param dy output gradient [N, C_out, *out] from {@code dyOff}
     * @param dyOff offset of dy's first element
     * @param n number of samples N
     * @param cOut output channels C_out
     * @param w weight [C_out, C_in, *kernel] from {@code wOff}
     * @param wOff offset of w's first element
     * @param cIn input channels C_in
     * @param g window geometry (input side = dx)
     * @param dx result [N, C_in, *in], written from {@code dxOff}
     * @param dxOff offset of dx's first element
     */
    public static void transposeInJava(FloatBuffer dy, int dyOff, int n, int cOut, FloatBuffer w, int wOff,
            int cIn, ConvGeometry g, FloatBuffer dx, int dxOff) {
        int kernelSize = g.kernelSize();
        int inPlane = g.inPlane();
        int outPlane = g.outPlane();
        int[] taps = g.tapTable();
        int len = kernelSize * cIn;
        // rows[co][k * C_in + ci] = W[co, ci, k]: every tap's row of one output channel, contiguous
        float[][] rows = new float[cOut][len];
        float[] wAll = new float[cOut * cIn * kernelSize];
        w.get(wOff, wAll, 0, wAll.length);
        for (int co = 0; co < cOut; co++) {
            for (int ci = 0; ci < cIn; ci++) {
                for (int k = 0; k < kernelSize; k++) {
                    rows[co][k * cIn + ci] = wAll[(co * cIn + ci) * kernelSize + k];
                }
            }
        }
        Parallel.forRange(n, 1, (chunk, from, to) -> {
            float[] plane = new float[cOut * outPlane];
            float[][] acc = new float[inPlane][cIn];
            float[] sample = new float[cIn * inPlane];
            float[] r = new float[len];
            int[] nzChannel = new int[cOut];
            float[] nzValue = new float[cOut];
            for (int s = from; s < to; s++) {
                dy.get(dyOff + s * cOut * outPlane, plane, 0, plane.length);
                for (float[] row : acc) {
                    java.util.Arrays.fill(row, 0f);
                }
                for (int o = 0; o < outPlane; o++) {
                    // this position's non-zero gradient entries, listed without a branch (FloatBits)
                    int m = 0;
                    for (int co = 0; co < cOut; co++) {
                        float d = plane[co * outPlane + o];
                        nzChannel[m] = co;
                        nzValue[m] = d;
                        m += FloatBits.nonZero(d);
                    }
                    if (m == 0) {
                        continue;
                    }
                    java.util.Arrays.fill(r, 0f);
                    for (int j = 0; j < m; j++) {
                        axpy(r, nzValue[j], rows[nzChannel[j]]);
                    }
                    int tapRow = o * kernelSize;
                    for (int k = 0; k < kernelSize; k++) {
                        int p = taps[tapRow + k];
                        if (p >= 0) {
                            addSlice(acc[p], r, k * cIn);
                        }
                    }
                }
                SpikeConv.transpose(acc, sample);
                dx.put(dxOff + s * cIn * inPlane, sample, 0, sample.length);
            }
        });
    }

    /** {@code acc[q] += v[from + q]} for every q of {@code acc}. */
    private static void addSlice(float[] acc, float[] v, int from) {
        for (int q = 0; q < acc.length; q++) {
            acc[q] += v[from + q];
        }
    }

    /**
     * Writes samples {@code first .. first+count-1} of a channel-major {@code [N, C, plane]} array position-major,
     * {@code dst[(s * plane + o) * C + c] = src[first + s, c, o]}.
     *
     * @param src values [N, C, plane] from {@code srcOff}
     * @param srcOff offset of src's first element
     * @param first first sample
     * @param count number of samples
     * @param channels C
     * @param plane positions per channel
     * @param dst result [count * plane, C], written from {@code dstOff}
     * @param dstOff offset of dst's first element
     */
    public static void toPositionMajor(FloatBuffer src, int srcOff, int first, int count, int channels, int plane,
            FloatBuffer dst, int dstOff) {
        Parallel.forRange(count, 1, (chunk, from, to) -> {
            float[] in = new float[channels * plane];
            float[] out = new float[plane * channels];
            for (int s = from; s < to; s++) {
                src.get(srcOff + (first + s) * channels * plane, in, 0, in.length);
                FloatTranspose.transpose(in, channels, plane, out);
                dst.put(dstOff + s * plane * channels, out, 0, out.length);
            }
        });
    }

    /**
     * Folds the dense product {@code cols [count * outPlane, K * C_in]} (see the class comment) of samples
     * {@code first .. first+count-1} into {@code dx [N, C_in, *in]}: each sample's vectors are added at their
     * input positions, and the sample is written channel-major (overwriting it).
     *
     * @param cols product rows (n, o), columns (k, ci), from {@code colsOff}
     * @param colsOff offset of cols' first element
     * @param first first sample
     * @param count number of samples
     * @param cIn input channels C_in
     * @param g window geometry (input side = dx)
     * @param dx result [N, C_in, *in], written from {@code dxOff}
     * @param dxOff offset of dx's first element
     */
    public static void foldColumns(FloatBuffer cols, int colsOff, int first, int count, int cIn, ConvGeometry g,
            FloatBuffer dx, int dxOff) {
        int kernelSize = g.kernelSize();
        int inPlane = g.inPlane();
        int outPlane = g.outPlane();
        int[] taps = g.tapTable();
        int rowLength = kernelSize * cIn;
        Parallel.forRange(count, 1, (chunk, from, to) -> {
            float[] row = new float[cIn];
            float[][] acc = new float[inPlane][cIn];
            float[] sample = new float[cIn * inPlane];
            for (int s = from; s < to; s++) {
                for (float[] a : acc) {
                    java.util.Arrays.fill(a, 0f);
                }
                int base = colsOff + s * outPlane * rowLength;
                for (int o = 0; o < outPlane; o++) {
                    for (int k = 0; k < kernelSize; k++) {
                        int p = taps[o * kernelSize + k];
                        if (p >= 0) {
                            cols.get(base + o * rowLength + k * cIn, row, 0, cIn);
                            SpikeConv.add(acc[p], row);
                        }
                    }
                }
                SpikeConv.transpose(acc, sample);
                dx.put(dxOff + (first + s) * cIn * inPlane, sample, 0, sample.length);
            }
        });
    }

    /** {@code acc[q] += a * v[q]} (rows indexed from 0, see {@link SpikeConv#add}). */
    private static void axpy(float[] acc, float a, float[] v) {
        for (int q = 0; q < acc.length; q++) {
            acc[q] += a * v[q];
        }
    }
}
