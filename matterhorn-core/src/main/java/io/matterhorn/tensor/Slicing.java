package io.matterhorn.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * Concatenation and slicing on any dimension, with gradients: {@code cat}, {@code narrow}, {@code split}. The
 * gradient of a slice is the incoming gradient placed into zeros of the input's shape; the gradient of a
 * concatenation is cut back into the pieces. Stateless and thread-safe.
 */
public final class Slicing {
    private Slicing() {
    }

    /**
     * Concatenates tensors along an existing dimension (PyTorch's {@code torch.cat}).
     *
     * @param items tensors of equal rank and type, with equal sizes on every dimension but {@code dim}
     * @param dim the dimension to join on (negative counts from the end)
     * @return a tensor whose {@code dim} size is the sum of the items'
     */
    public static Tensor cat(List<Tensor> items, int dim) {
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("cat needs at least one tensor");
        }
        Tensor first = items.get(0);
        int d = Axes.normalise("cat", dim, first.rank());
        INDArray[] values = new INDArray[items.size()];
        long[] sizes = new long[items.size()];
        for (int i = 0; i < values.length; i++) {
            Tensor t = items.get(i);
            long[] a = t.shape();
            long[] b = first.shape();
            boolean fits = a.length == b.length && t.dataType() == first.dataType();
            for (int k = 0; fits && k < a.length; k++) {
                fits = k == d || a[k] == b[k];
            }
            if (!fits) {
                throw new IllegalArgumentException("cat along dimension " + d + ": item " + i + " " + Arrays.toString(a)
                        + " " + t.dataType() + " does not fit item 0 " + Arrays.toString(b) + " " + first.dataType());
            }
            values[i] = t.value();
            sizes[i] = a[d];
        }
        INDArray out = values.length == 1 ? values[0].dup('c') : Nd4j.concat(d, values);
        Tensor[] parents = items.toArray(new Tensor[0]);
        return Tensor.fromOp("cat", out, g -> {
            long from = 0;
            for (int i = 0; i < parents.length; i++) {
                if (parents[i].requiresGrad()) {
                    parents[i].accumulateGrad(g.get(Axes.slab(g.rank(), d, from, sizes[i])).dup('c'));
                }
                from += sizes[i];
            }
        }, parents);
    }

    /**
     * The slice {@code [start, start + length)} of one dimension (PyTorch's {@code narrow}).
     *
     * @param x the tensor
     * @param dim dimension (negative counts from the end)
     * @param start first index, in [0, size)
     * @param length number of indices, positive, with {@code start + length <= size}
     * @return a contiguous copy of the slice
     */
    public static Tensor narrow(Tensor x, int dim, long start, long length) {
        int d = Axes.normalise("narrow", dim, x.rank());
        long size = x.size(d);
        if (start < 0 || length <= 0 || start + length > size) {
            throw new IndexOutOfBoundsException("narrow(dim " + d + ", start " + start + ", length " + length
                    + ") outside size " + size + " of shape " + Arrays.toString(x.shape()));
        }
        INDArrayIndex[] idx = Axes.slab(x.rank(), d, start, length);
        INDArray out = x.value().get(idx).dup('c');
        long[] inShape = x.shape();
        Tensor t = Tensor.fromOp("narrow", out, g -> {
            INDArray full = Nd4j.zeros(x.dataType(), inShape);
            full.get(idx).assign(g);
            x.accumulateGrad(full);
        }, x);
        if (x.isSpikeValued()) {
            t.markSpikeValued();
        }
        return t;
    }

    /**
     * Splits into pieces of {@code splitSize} along a dimension; the last piece is smaller when the size is not a
     * multiple (PyTorch's {@code torch.split} with an int).
     *
     * @param x the tensor
     * @param splitSize size of each piece, positive
     * @param dim dimension (negative counts from the end)
     * @return the pieces, in order
     */
    public static List<Tensor> split(Tensor x, long splitSize, int dim) {
        if (splitSize <= 0) {
            throw new IllegalArgumentException("split size must be positive, got " + splitSize);
        }
        int d = Axes.normalise("split", dim, x.rank());
        List<Tensor> out = new ArrayList<>();
        for (long from = 0; from < x.size(d); from += splitSize) {
            out.add(narrow(x, d, from, Math.min(splitSize, x.size(d) - from)));
        }
        return out;
    }

    /**
     * Splits into pieces of the given sizes along a dimension (PyTorch's {@code torch.split} with a list).
     *
     * @param x the tensor
     * @param sizes positive sizes summing to the dimension's size
     * @param dim dimension (negative counts from the end)
     * @return the pieces, in order
     */
    public static List<Tensor> split(Tensor x, long[] sizes, int dim) {
        int d = Axes.normalise("split", dim, x.rank());
        long sum = 0;
        for (long s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("split sizes must be positive, got " + Arrays.toString(sizes));
            }
            sum += s;
        }
        if (sum != x.size(d)) {
            throw new IllegalArgumentException("split sizes " + Arrays.toString(sizes) + " sum to " + sum
                    + ", not the size " + x.size(d) + " of dimension " + d);
        }
        List<Tensor> out = new ArrayList<>();
        long from = 0;
        for (long s : sizes) {
            out.add(narrow(x, d, from, s));
            from += s;
        }
        return out;
    }
}
