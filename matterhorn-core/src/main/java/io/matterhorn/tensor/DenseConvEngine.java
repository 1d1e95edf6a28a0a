package io.matterhorn.tensor;

import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.Im2Col;
import io.matterhorn.numeric.NumBuffer;
import io.matterhorn.numeric.Parallel;
import io.matterhorn.numeric.ScatterConv;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The dense engine of the convolutions: the three products of a grouped convolution, computed as im2col + GEMM
 * over chunks of samples. Arrays are seen flat: the "big" side {@code [N, Cb, inPlane]} is the convolution's
 * input, the "small" side {@code [N, Cs, outPlane]} its output, and the weight is {@code [Cs, Cb/groups, K]}
 * (K = kernel positions). For group {@code g} and a chunk of {@code nb} samples, with {@code cols = im2col(big)}
 * of shape {@code [Cb/groups * K, nb * outPlane]}:
 *
 * <pre>
 *   convolve:            small_g = W_g cols                       (forward convolution)
 *   transposeConvolve:   big_g  += col2im(W_g^T small_g)          (its adjoint: data gradient / transposed conv)
 *   weightGradient:      dW_g   += small_g cols^T                 (weight gradient)
 * </pre>
 *
 * where {@code small_g} is the group's channels of the chunk laid out {@code [Cs/groups, nb * outPlane]}. Chunks
 * hold at most about {@value #CHUNK_ELEMENTS} column elements, so memory stays bounded for large batches. The
 * data movements run in Java, split over samples with {@link Parallel} (float32: on Java arrays with bulk buffer
 * copies per column row); the products run in ND4J's BLAS.
 *
 * <p>{@link #transposePositionMajor} is a second dense data gradient (float32, one group) that skips the
 * channel-major col2im. Which engine runs a given call (this one, or the event-driven and scatter engines of
 * {@link SparseConvEngine} for sparse spikes and gradients) is decided by {@link ConvPaths}. Stateless and
 * thread-safe (each call works on its own arrays).
 */
final class DenseConvEngine {
    /** Target size of one column matrix, in elements. */
    static final long CHUNK_ELEMENTS = 1L << 22;

    private DenseConvEngine() {
    }

    /** Sizes shared by the three products. */
    private static final class Plan {
        final int n;
        final int cBig;
        final int cSmall;
        final int groups;
        final int cBigG;
        final int cSmallG;
        final int inPlane;
        final int outPlane;
        final int colRows;
        final int chunk;
        final DataType type;
        final INDArray w2;

        Plan(int n, int cBig, int cSmall, int groups, ConvGeometry g, INDArray w, DataType type) {
            this.n = n;
            this.cBig = cBig;
            this.cSmall = cSmall;
            this.groups = groups;
            this.cBigG = cBig / groups;
            this.cSmallG = cSmall / groups;
            this.inPlane = g.inPlane();
            this.outPlane = g.outPlane();
            this.colRows = cBigG * g.kernelSize();
            long perSample = (long) colRows * outPlane;
            this.chunk = (int) Math.max(1, Math.min(n, CHUNK_ELEMENTS / Math.max(1, perSample)));
            this.type = type;
            this.w2 = w == null ? null : Layout.contiguous(w).reshape('c', cSmall, colRows);
        }

        INDArray weightOfGroup(int g) {
            return groups == 1 ? w2 : w2.get(NDArrayIndex.interval(g * cSmallG, (g + 1) * cSmallG), NDArrayIndex.all());
        }
    }

    /**
     * Data gradient of a convolution, float32, one group, without a channel-major col2im: the output gradient is
     * made position-major, multiplied by the weight in (tap, channel) order in one GEMM per chunk of samples, and
     * the product folded into the result by contiguous vector adds ({@link ScatterConv#foldColumns}). Same result
     * as {@link #transposeConvolve} without bias, up to float rounding order.
     *
     * @param dy output gradient [N, Cs, *out], contiguous float32
     * @param w weight [Cs, Cb, *kernel], float32
     * @param g window geometry (input side = the result)
     * @param bigShape shape of the result [N, Cb, *in]
     * @return the data gradient
     */
    static INDArray transposePositionMajor(INDArray dy, INDArray w, ConvGeometry g, long[] bigShape) {
        int n = (int) dy.size(0);
        int cOut = (int) dy.size(1);
        int cIn = (int) bigShape[1];
        int kernelSize = g.kernelSize();
        int outPlane = g.outPlane();
        int rowLength = kernelSize * cIn;
        INDArray wr = Layout.contiguous(w).reshape('c', cOut, cIn, kernelSize).permute(0, 2, 1).dup('c')
                .reshape('c', cOut, rowLength);
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, bigShape);
        int chunk = (int) Math.max(1, Math.min(n, CHUNK_ELEMENTS / Math.max(1L, (long) outPlane * rowLength)));
        INDArray dyT = null;
        INDArray cols = null;
        for (int n0 = 0; n0 < n; n0 += chunk) {
            int count = Math.min(chunk, n - n0);
            if (dyT == null || dyT.size(0) != (long) count * outPlane) {
                dyT = Nd4j.createUninitialized(DataType.FLOAT, (long) count * outPlane, cOut);
                cols = Nd4j.createUninitialized(DataType.FLOAT, (long) count * outPlane, rowLength);
            }
            ScatterConv.toPositionMajor(Layout.floats(dy), Layout.offset(dy), n0, count, cOut, outPlane,
                    Layout.floats(dyT), Layout.offset(dyT));
            Nd4j.gemm(dyT, wr, cols, false, false, 1.0, 0.0);
            ScatterConv.foldColumns(Layout.floats(cols), Layout.offset(cols), n0, count, cIn, g, Layout.floats(dx),
                    Layout.offset(dx));
        }
        return dx;
    }

    /**
     * Forward convolution.
     *
     * @param big input [N, Cb, *in], contiguous
     * @param w weight [Cs, Cb/groups, *kernel]
     * @param bias bias [Cs] or null
     * @param g window geometry
     * @param groups number of groups
     * @param outShape shape of the result, [N, Cs, *out]
     * @param op operation name for the NaN message, or null to skip the NaN check
     * @return the output
     * @throws IllegalArgumentException if the input holds NaN (and {@code op} is not null)
     */
    static INDArray convolve(INDArray big, INDArray w, INDArray bias, ConvGeometry g, int groups, long[] outShape,
            String op) {
        Plan p = new Plan((int) big.size(0), (int) big.size(1), (int) w.size(0), groups, g, w, big.dataType());
        INDArray y = Nd4j.createUninitialized(p.type, outShape);
        NumBuffer xb = Buffers.of(big);
        NumBuffer yb = Buffers.of(y);
        NumBuffer bb = Buffers.ofNullable(bias);
        boolean[] nan = new boolean[1];
        INDArray cols = null;
        INDArray acc = null;
        for (int n0 = 0; n0 < p.n; n0 += p.chunk) {
            int count = Math.min(p.chunk, p.n - n0);
            int width = count * p.outPlane;
            if (cols == null || cols.size(1) != width) {
                cols = Nd4j.createUninitialized(p.type, p.colRows, width);
                acc = Nd4j.createUninitialized(p.type, p.cSmallG, width);
            }
            NumBuffer cb = Buffers.of(cols);
            NumBuffer ab = Buffers.of(acc);
            for (int grp = 0; grp < groups; grp++) {
                int gg = grp;
                int first = n0;
                gather(big, xb, cols, cb, p, g, first, count, gg, nan);
                if (nan[0] && op != null) {
                    throw new IllegalArgumentException(op + ": input contains NaN");
                }
                Nd4j.gemm(p.weightOfGroup(grp), cols, acc, false, false, 1.0, 0.0);
                Parallel.forRange(count, 1, (chunk, from, to) -> {
                    for (int i = from; i < to; i++) {
                        for (int o = 0; o < p.cSmallG; o++) {
                            int channel = gg * p.cSmallG + o;
                            int dst = ((first + i) * p.cSmall + channel) * p.outPlane;
                            if (bb != null) {
                                yb.copyAddFrom(ab, o * width + i * p.outPlane, dst, p.outPlane, bb.get(channel));
                            } else {
                                yb.copyFrom(ab, o * width + i * p.outPlane, dst, p.outPlane);
                            }
                        }
                    }
                });
            }
        }
        return y;
    }

    /**
     * Adjoint of the convolution: {@code big = conv^T(small) (+ bias)}. This is the data gradient of a
     * convolution and the forward pass of a transposed convolution.
     *
     * @param small [N, Cs, *out], contiguous
     * @param w weight [Cs, Cb/groups, *kernel]
     * @param bias bias added per big-side channel [Cb], or null
     * @param g window geometry (input side = big)
     * @param groups number of groups
     * @param bigShape shape of the result [N, Cb, *in]
     * @return the result
     */
    static INDArray transposeConvolve(INDArray small, INDArray w, INDArray bias, ConvGeometry g, int groups,
            long[] bigShape) {
        int cBig = (int) bigShape[1];
        Plan p = new Plan((int) small.size(0), cBig, (int) w.size(0), groups, g, w, small.dataType());
        INDArray big = Nd4j.zeros(p.type, bigShape);
        NumBuffer sb = Buffers.of(small);
        NumBuffer bigB = Buffers.of(big);
        INDArray cols = null;
        INDArray acc = null;
        for (int n0 = 0; n0 < p.n; n0 += p.chunk) {
            int count = Math.min(p.chunk, p.n - n0);
            int width = count * p.outPlane;
            if (cols == null || cols.size(1) != width) {
                cols = Nd4j.createUninitialized(p.type, p.colRows, width);
                acc = Nd4j.createUninitialized(p.type, p.cSmallG, width);
            }
            NumBuffer cb = Buffers.of(cols);
            NumBuffer ab = Buffers.of(acc);
            for (int grp = 0; grp < groups; grp++) {
                int gg = grp;
                int first = n0;
                pack(sb, ab, p, first, count, gg);
                Nd4j.gemm(p.weightOfGroup(grp), acc, cols, true, false, 1.0, 0.0);
                if (p.type == DataType.FLOAT) {
                    scatterFloats(cols, big, p, g, first, count, gg);
                } else {
                    Parallel.forRange(count, 1, (chunk, from, to) -> {
                        for (int i = from; i < to; i++) {
                            int xFrom = ((first + i) * p.cBig + gg * p.cBigG) * p.inPlane;
                            Im2Col.scatterAdd(cb, width, i * p.outPlane, p.cBigG, g, bigB, xFrom);
                        }
                    });
                }
            }
        }
        if (bias != null) {
            ConvBias.addChannelBias(bigB, Buffers.of(Layout.contiguous(bias)), p.n, cBig, p.inPlane);
        }
        return big;
    }

    /**
     * Weight gradient {@code dW_g = sum over chunks of small_g cols^T} (see the class comment).
     *
     * @param big [N, Cb, *in], contiguous
     * @param small [N, Cs, *out], contiguous
     * @param g window geometry
     * @param groups number of groups
     * @param wShape weight shape [Cs, Cb/groups, *kernel]
     * @return the gradient, shape {@code wShape}
     */
    static INDArray weightGradient(INDArray big, INDArray small, ConvGeometry g, int groups, long[] wShape) {
        Plan p = new Plan((int) big.size(0), (int) big.size(1), (int) small.size(1), groups, g, null,
                big.dataType());
        INDArray dw = Nd4j.zeros(p.type, p.cSmall, p.colRows);
        INDArray[] dwGroup = new INDArray[groups];
        for (int grp = 0; grp < groups; grp++) {
            dwGroup[grp] = groups == 1 ? dw : Nd4j.zeros(p.type, p.cSmallG, p.colRows);
        }
        NumBuffer xb = Buffers.of(big);
        NumBuffer sb = Buffers.of(small);
        INDArray cols = null;
        INDArray acc = null;
        for (int n0 = 0; n0 < p.n; n0 += p.chunk) {
            int count = Math.min(p.chunk, p.n - n0);
            int width = count * p.outPlane;
            if (cols == null || cols.size(1) != width) {
                cols = Nd4j.createUninitialized(p.type, p.colRows, width);
                acc = Nd4j.createUninitialized(p.type, p.cSmallG, width);
            }
            NumBuffer cb = Buffers.of(cols);
            NumBuffer ab = Buffers.of(acc);
            for (int grp = 0; grp < groups; grp++) {
                int gg = grp;
                int first = n0;
                gather(big, xb, cols, cb, p, g, first, count, gg, null);
                pack(sb, ab, p, first, count, gg);
                Nd4j.gemm(acc, cols, dwGroup[grp], false, true, 1.0, 1.0);
            }
        }
        if (groups > 1) {
            for (int grp = 0; grp < groups; grp++) {
                dw.get(NDArrayIndex.interval(grp * p.cSmallG, (grp + 1) * p.cSmallG), NDArrayIndex.all())
                        .assign(dwGroup[grp]);
            }
        }
        return dw.reshape('c', wShape);
    }

    /**
     * im2col of samples {@code first..first+count} (group {@code grp}) into {@code cols} [colRows, count *
     * outPlane]: {@link #gatherFloats} for float32, the generic {@link Im2Col} gather otherwise.
     *
     * @param nan if not null, its element 0 is set when the input holds NaN
     */
    private static void gather(INDArray big, NumBuffer xb, INDArray cols, NumBuffer cb, Plan p, ConvGeometry g,
            int first, int count, int grp, boolean[] nan) {
        if (p.type == DataType.FLOAT) {
            gatherFloats(big, cols, p, g, first, count, grp, nan);
            return;
        }
        int width = count * p.outPlane;
        Parallel.forRange(count, 1, (chunk, from, to) -> {
            boolean sawNan = false;
            for (int i = from; i < to; i++) {
                int xFrom = ((first + i) * p.cBig + grp * p.cBigG) * p.inPlane;
                sawNan |= Im2Col.gather(xb, xFrom, p.cBigG, g, cb, width, i * p.outPlane);
            }
            if (sawNan && nan != null) {
                nan[0] = true;
            }
        });
    }

    /**
     * float32 im2col of samples {@code first..first+count} (group {@code grp}) into {@code cols}: each sample's
     * channels are copied into a Java array once, then {@link Im2Col#gather(float[], int, ConvGeometry,
     * FloatBuffer, int, int, int, float[])} fills its columns.
     *
     * @param nan if not null, its element 0 is set when the input holds NaN
     */
    private static void gatherFloats(INDArray big, INDArray cols, Plan p, ConvGeometry g, int first, int count,
            int grp, boolean[] nan) {
        FloatBuffer xf = Layout.floats(big);
        int xOff = Layout.offset(big);
        FloatBuffer cf = Layout.floats(cols);
        int cOff = Layout.offset(cols);
        int width = count * p.outPlane;
        Parallel.forRange(count, 1, (chunk, from, to) -> {
            float[] sample = new float[p.cBigG * p.inPlane];
            float[] row = new float[p.outPlane];
            boolean sawNan = false;
            for (int i = from; i < to; i++) {
                xf.get(xOff + ((first + i) * p.cBig + grp * p.cBigG) * p.inPlane, sample, 0, sample.length);
                if (nan != null) {
                    for (float v : sample) {
                        sawNan |= v != v;
                    }
                }
                Im2Col.gather(sample, p.cBigG, g, cf, cOff, width, i * p.outPlane, row);
            }
            if (sawNan) {
                nan[0] = true;
            }
        });
    }

    /**
     * float32 col2im of samples {@code first..first+count} (group {@code grp}): each sample's columns are added
     * into a Java array, which is then written to {@code big} (each sample and group region once).
     */
    private static void scatterFloats(INDArray cols, INDArray big, Plan p, ConvGeometry g, int first, int count,
            int grp) {
        FloatBuffer bf = Layout.floats(big);
        int bOff = Layout.offset(big);
        FloatBuffer cf = Layout.floats(cols);
        int cOff = Layout.offset(cols);
        int width = count * p.outPlane;
        Parallel.forRange(count, 1, (chunk, from, to) -> {
            float[] sample = new float[p.cBigG * p.inPlane];
            float[] row = new float[p.outPlane];
            for (int i = from; i < to; i++) {
                java.util.Arrays.fill(sample, 0f);
                Im2Col.scatterAdd(cf, cOff, width, i * p.outPlane, p.cBigG, g, sample, row);
                bf.put(bOff + ((first + i) * p.cBig + grp * p.cBigG) * p.inPlane, sample, 0, sample.length);
            }
        });
    }

    /** Copies group {@code grp}'s small-side channels of samples {@code first..first+count} to [CsG, count*P]. */
    private static void pack(NumBuffer small, NumBuffer packed, Plan p, int first, int count, int grp) {
        int width = count * p.outPlane;
        Parallel.forRange(count, 1, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                for (int o = 0; o < p.cSmallG; o++) {
                    int src = ((first + i) * p.cSmall + grp * p.cSmallG + o) * p.outPlane;
                    packed.copyFrom(small, src, o * width + i * p.outPlane, p.outPlane);
                }
            }
        });
    }
}
