package io.matterhorn.tensor;

import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.NumBuffer;
import io.matterhorn.numeric.PoolKernels;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Differentiable N-d max and average pooling (1, 2 or 3 spatial dimensions) on {@code [N, C, *spatial]}, with
 * PyTorch's window, padding, ceil-mode and divisor rules (see {@link PoolSpec} and {@link PoolKernels}).
 *
 * <pre>
 *   max:      y[n, c, o] = max over the window of x (padding is -infinity);  dx gets dy at the first maximum
 *   average:  y[n, c, o] = sum over the window of x / divisor;             dx gets dy / divisor at every window element
 * </pre>
 *
 * float32 or float64; input containing NaN is rejected with an {@link IllegalArgumentException}. Max pooling
 * returns values only (no indices, unlike PyTorch's {@code return_indices=True}).
 */
public final class Pooling {
    private Pooling() {
    }

    /**
     * Max pooling.
     *
     * @param x input [N, C, *spatial], spatial rank {@code spec.dims()}
     * @param spec window options (kernel, stride, padding, dilation, ceil mode)
     * @return output [N, C, *out]
     */
    public static Tensor maxPool(Tensor x, PoolSpec spec) {
        String op = "max_pool" + spec.dims() + "d";
        Buffers.commonFloatingType(op, x);
        ConvGeometry geo = geometry(op, x, spec);
        long[] outShape = outShape(x.shape(), geo);
        int planes = Math.toIntExact(x.size(0) * x.size(1));
        INDArray xv = Layout.contiguous(x.value());
        INDArray y = Nd4j.createUninitialized(x.dataType(), outShape);
        int[] argmax = new int[Math.toIntExact(y.length())];
        if (PoolKernels.maxForward(Buffers.of(xv), Buffers.of(y), argmax, planes, geo)) {
            throw new IllegalArgumentException(op + ": input contains NaN");
        }
        long[] xShape = x.shape();
        Tensor out = Tensor.fromOp(op, y, g -> {
            INDArray dx = Nd4j.zeros(x.dataType(), xShape);
            PoolKernels.maxBackward(Buffers.of(Layout.contiguous(g)), argmax, Buffers.of(dx), planes, geo);
            x.accumulateGrad(dx);
        }, x);
        return x.isSpikeValued() ? out.markSpikeValued() : out;
    }

    /**
     * Average pooling.
     *
     * @param x input [N, C, *spatial], spatial rank {@code spec.dims()}
     * @param spec window options (kernel, stride, padding, ceil mode, countIncludePad, divisor override;
     *     dilation must be 1)
     * @return output [N, C, *out]
     */
    public static Tensor avgPool(Tensor x, PoolSpec spec) {
        String op = "avg_pool" + spec.dims() + "d";
        Buffers.commonFloatingType(op, x);
        if (Arrays.stream(spec.dilation()).anyMatch(d -> d != 1)) {
            throw new IllegalArgumentException(op + ": average pooling has no dilation, got "
                    + Arrays.toString(spec.dilation()));
        }
        ConvGeometry geo = geometry(op, x, spec);
        long[] outShape = outShape(x.shape(), geo);
        int planes = Math.toIntExact(x.size(0) * x.size(1));
        INDArray xv = Layout.contiguous(x.value());
        INDArray y = Nd4j.createUninitialized(x.dataType(), outShape);
        boolean include = spec.countIncludePad();
        int divisor = spec.divisorOverride();
        if (PoolKernels.avgForward(Buffers.of(xv), Buffers.of(y), planes, geo, include, divisor)) {
            throw new IllegalArgumentException(op + ": input contains NaN");
        }
        long[] xShape = x.shape();
        return Tensor.fromOp(op, y, g -> {
            INDArray dx = Nd4j.zeros(x.dataType(), xShape);
            NumBuffer dxb = Buffers.of(dx);
            PoolKernels.avgBackward(Buffers.of(Layout.contiguous(g)), dxb, planes, geo, include, divisor);
            x.accumulateGrad(dx);
        }, x);
    }

    /**
     * Output shape of a pooling without running it.
     *
     * @param inputShape [N, C, *spatial]
     * @param spec window options
     * @return [N, C, *out]
     */
    public static long[] outputShape(long[] inputShape, PoolSpec spec) {
        if (inputShape.length != spec.dims() + 2) {
            throw new IllegalArgumentException("pool" + spec.dims() + "d: expected input [N, C, "
                    + Convolution.spatialNames(spec.dims()) + "], got " + Arrays.toString(inputShape));
        }
        return outShape(inputShape, spec.geometry("pool" + spec.dims() + "d", spatial(inputShape)));
    }

    private static ConvGeometry geometry(String op, Tensor x, PoolSpec spec) {
        if (x.rank() != spec.dims() + 2) {
            throw new IllegalArgumentException(op + ": expected input [N, C, " + Convolution.spatialNames(spec.dims())
                    + "], got " + Arrays.toString(x.shape()));
        }
        return spec.geometry(op, spatial(x.shape()));
    }

    private static int[] spatial(long[] shape) {
        int[] s = new int[shape.length - 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[2 + i]);
        }
        return s;
    }

    private static long[] outShape(long[] inShape, ConvGeometry geo) {
        long[] out = inShape.clone();
        for (int d = 0; d < geo.dims(); d++) {
            out[2 + d] = geo.out(3 - geo.dims() + d);
        }
        return out;
    }
}
