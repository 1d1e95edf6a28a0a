package io.matterhorn.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Maximum and minimum along a dimension, with the indices where they occur, and {@code argmax}. The gradient of
 * the values goes to the element at the reported index (the first one on ties, as the index). Stateless and
 * thread-safe.
 */
public final class Reductions {
    private Reductions() {
    }

    /**
     * Values and positions of an extreme along a dimension.
     *
     * @param values the extreme values, the input shape without the dimension (differentiable)
     * @param indices the positions on the dimension, int64, same shape (a constant)
     */
    public record ValuesAndIndices(Tensor values, Tensor indices) {
    }

    /**
     * @param x input
     * @param dim dimension to reduce (negative counts from the end)
     * @return the largest value along {@code dim} and its first index (PyTorch's {@code torch.max(x, dim)})
     */
    public static ValuesAndIndices max(Tensor x, int dim) {
        return extreme("max", x, dim, true);
    }

    /**
     * @param x input
     * @param dim dimension to reduce (negative counts from the end)
     * @return the smallest value along {@code dim} and its first index
     */
    public static ValuesAndIndices min(Tensor x, int dim) {
        return extreme("min", x, dim, false);
    }

    /**
     * @param x input
     * @param dim dimension to reduce (negative counts from the end)
     * @return int64 constant: the first index of the largest value along {@code dim}
     */
    public static Tensor argmax(Tensor x, int dim) {
        return extreme("argmax", x, dim, true).indices();
    }

    private static ValuesAndIndices extreme(String op, Tensor x, int dim, boolean largest) {
        int d = Axes.normalise(op, dim, x.rank());
        long[] shape = x.shape();
        if (shape[d] == 0) {
            throw new IllegalArgumentException(op + ": dimension " + d + " of " + Axes.shape(x.value())
                    + " is empty");
        }
        INDArray rows = Axes.toRows(x.value(), d);
        int m = (int) rows.size(0);
        int k = (int) rows.size(1);
        double[] v = rows.data().asDouble();
        long[] index = new long[m];
        double[] best = new double[m];
        for (int r = 0; r < m; r++) {
            int arg = 0;
            for (int c = 1; c < k; c++) {
                double a = v[r * k + c];
                double b = v[r * k + arg];
                if (largest ? a > b : a < b) {
                    arg = c;
                }
            }
            index[r] = arg;
            best[r] = v[r * k + arg];
        }
        long[] outShape = Axes.without(shape, d);
        INDArray values = (outShape.length == 0 ? Nd4j.scalar(best[0]) : Nd4j.create(best, outShape, 'c'))
                .castTo(x.dataType());
        INDArray indices = outShape.length == 0 ? Nd4j.scalar(index[0])
                : Nd4j.createFromArray(index).reshape('c', outShape);
        Tensor valueNode = Tensor.fromOp(op, values, g -> {
            double[] gv = g.dup('c').data().asDouble();
            double[] full = new double[m * k];
            for (int r = 0; r < m; r++) {
                full[r * k + (int) index[r]] = gv[r];
            }
            INDArray gRows = Nd4j.create(full, new long[] {m, k}, 'c').castTo(x.dataType());
            x.accumulateGrad(Axes.fromRows(gRows, shape, d));
        }, x);
        return new ValuesAndIndices(valueNode, Tensor.of(indices.castTo(DataType.LONG)));
    }
}
