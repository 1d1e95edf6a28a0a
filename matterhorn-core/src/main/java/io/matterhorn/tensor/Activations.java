package io.matterhorn.tensor;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code softmax} on any dimension and {@code dropout}, with gradients. Stateless and thread-safe (dropout uses
 * the caller's {@link Random}, which is not).
 */
public final class Activations {
    private Activations() {
    }

    /**
     * Softmax along a dimension, computed stably: {@code y = exp(x - max) / sum(exp(x - max))}. Derivative:
     * {@code dx = y (g - sum(g y))}, sums along {@code dim}.
     *
     * @param x input
     * @param dim dimension to normalise (negative counts from the end)
     * @return probabilities, the shape of x
     */
    public static Tensor softmax(Tensor x, int dim) {
        int d = Axes.normalise("softmax", dim, x.rank());
        long[] shape = x.shape();
        INDArray rows = Axes.toRows(x.value(), d);
        INDArray e = Transforms.exp(rows.subColumnVector(rows.max(1).reshape(-1, 1)), false);
        INDArray yRows = e.diviColumnVector(e.sum(1).reshape(-1, 1));
        INDArray y = Axes.fromRows(yRows, shape, d);
        return Tensor.fromOp("softmax", y, g -> {
            INDArray gRows = Axes.toRows(g, d);
            INDArray dot = gRows.mul(yRows).sum(1).reshape(-1, 1);
            x.accumulateGrad(Axes.fromRows(gRows.subColumnVector(dot).muli(yRows), shape, d));
        }, x);
    }

    /**
     * Inverted dropout (PyTorch's {@code dropout}): in training, each element is kept with probability
     * {@code 1 - p} and scaled by {@code 1 / (1 - p)}, else set to 0; the gradient uses the same mask. In
     * evaluation ({@code training == false}) or with {@code p == 0} the input is returned unchanged.
     *
     * @param x input
     * @param p drop probability in [0, 1]
     * @param training whether to drop (training) or pass through (evaluation)
     * @param rng source of the mask, one {@code nextDouble()} per element in row-major order (seed it for
     *     reproducible runs)
     * @return the masked tensor
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Random rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1], got " + p);
        }
        if (rng == null) {
            throw new IllegalArgumentException("dropout needs a random source");
        }
        if (!training || p == 0) {
            return x;
        }
        int n = Math.toIntExact(x.length());
        double[] m = new double[n];
        double scale = p == 1 ? 0 : 1 / (1 - p);
        for (int i = 0; i < n; i++) {
            m[i] = rng.nextDouble() >= p ? scale : 0;
        }
        INDArray mask = Nd4j.create(m, x.shape(), 'c').castTo(x.dataType());
        return Tensor.fromOp("dropout", x.value().mul(mask), g -> x.accumulateGrad(g.mul(mask)), x);
    }
}
