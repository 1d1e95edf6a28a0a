package io.matterhorn.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scales every trailing block of a tensor by one factor per leading index:
 * {@code y[i, ...] = x[i, ...] * d[i]}, where i runs over the first {@code d.rank()} dimensions of x.
 * Gradients: {@code dx[i, ...] = g[i, ...] d[i]}, {@code dd[i] = sum over ... of g[i, ...] x[i, ...]}.
 */
public final class RowScaling {
    private RowScaling() {
    }

    /**
     * @param x tensor [d0, ..., dk, *rest]
     * @param d factors [d0, ..., dk], a prefix of x's shape
     * @return x scaled, same shape as x
     */
    public static Tensor scale(Tensor x, Tensor d) {
        long[] xs = x.shape();
        long[] ds = d.shape();
        if (ds.length > xs.length || !Arrays.equals(ds, Arrays.copyOf(xs, ds.length))) {
            throw new IllegalArgumentException("RowScaling: factors " + Arrays.toString(ds)
                    + " must match the leading dimensions of " + Arrays.toString(xs));
        }
        long rows = d.length();
        INDArray x2 = Layout.contiguous(x.value()).reshape('c', rows, -1);
        INDArray d2 = Layout.contiguous(d.value()).reshape('c', rows, 1);
        INDArray y = x2.mulColumnVector(d2).reshape('c', xs);
        return Tensor.fromOp("rowScale", y, g -> {
            INDArray g2 = Layout.contiguous(g).reshape('c', rows, -1);
            if (x.requiresGrad()) {
                x.accumulateGrad(g2.mulColumnVector(d2).reshape('c', xs));
            }
            if (d.requiresGrad()) {
                d.accumulateGrad(g2.mul(x2).sum(1).reshape('c', ds));
            }
        }, x, d);
    }
}
