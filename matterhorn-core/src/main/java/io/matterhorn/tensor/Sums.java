package io.matterhorn.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The sums and means behind {@link Tensor}'s {@code sum} and {@code mean}, over all elements or along
 * dimensions. The gradient of a sum is the incoming gradient repeated over the summed elements; a mean is a sum
 * divided by the count. ({@link Reductions} holds max, min and argmax.) Stateless and thread-safe; use the
 * methods of {@link Tensor}.
 */
final class Sums {
    private Sums() {
    }

    /** Sum of all elements, shape []. */
    static Tensor sum(Tensor x) {
        INDArray v = x.value();
        INDArray out = Nd4j.scalar(v.dataType(), v.sumNumber().doubleValue());
        return Tensor.fromOp("sum", out, g -> Arithmetic.accumulate(x, Nd4j.valueArrayOf(v.shape(), g.getDouble(0),
                v.dataType())), x);
    }

    /** Mean of all elements, shape []: {@code sum(x) / length}. */
    static Tensor mean(Tensor x) {
        return sum(x).div((double) x.length());
    }

    /** Sum along {@code dims}, which are removed from the shape. */
    static Tensor sum(Tensor x, int... dims) {
        int[] d = normaliseDims(x, dims);
        INDArray v = x.value();
        long[] inShape = v.shape();
        INDArray out = v.sum(d);
        long[] keptShape = inShape.clone();
        for (int k : d) {
            keptShape[k] = 1;
        }
        boolean leading = true;
        for (int i = 0; i < d.length; i++) {
            leading &= d[i] == i;
        }
        boolean repeat = leading;
        return Tensor.fromOp("sumDims", out, g -> {
            INDArray tiled = repeat ? Layout.repeatLeading(g, inShape) : null;
            Arithmetic.accumulate(x, tiled != null ? tiled : g.reshape(keptShape).broadcast(inShape));
        }, x);
    }

    /** Mean along {@code dims}: the sum divided by the number of summed elements. */
    static Tensor mean(Tensor x, int... dims) {
        int[] d = normaliseDims(x, dims);
        long count = 1;
        for (int k : d) {
            count *= x.value().size(k);
        }
        return sum(x, d).div((double) count);
    }

    private static int[] normaliseDims(Tensor x, int[] dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("at least one dimension is needed; use sum() for all elements");
        }
        int rank = x.rank();
        int[] d = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d[i] = dims[i] < 0 ? dims[i] + rank : dims[i];
            if (d[i] < 0 || d[i] >= rank) {
                throw new IllegalArgumentException("dimension " + dims[i] + " out of range for shape "
                        + Arrays.toString(x.shape()));
            }
        }
        Arrays.sort(d);
        return d;
    }
}
