package io.matterhorn.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Dimension bookkeeping shared by the slicing, reduction and softmax operations. */
final class Axes {
    private Axes() {
    }

    /**
     * @param what operation name for the message
     * @param dim dimension; negative counts from the end
     * @param rank the tensor's rank
     * @return the dimension in [0, rank)
     */
    static int normalise(String what, int dim, int rank) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) {
            throw new IllegalArgumentException(what + ": dimension " + dim + " out of range for rank " + rank);
        }
        return d;
    }

    /**
     * @param rank rank of the array
     * @param dim dimension
     * @param from first index on {@code dim}
     * @param length number of indices on {@code dim}
     * @return indices selecting {@code [from, from + length)} on {@code dim} and everything elsewhere
     */
    static INDArrayIndex[] slab(int rank, int dim, long from, long length) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        for (int k = 0; k < rank; k++) {
            idx[k] = k == dim ? NDArrayIndex.interval(from, from + length) : NDArrayIndex.all();
        }
        return idx;
    }

    /**
     * Moves {@code dim} to the end and flattens the rest: the result is a contiguous {@code [M, K]} copy with
     * {@code K = shape[dim]}.
     *
     * @param x the array
     * @param dim dimension in [0, rank)
     * @return rows along {@code dim}
     */
    static INDArray toRows(INDArray x, int dim) {
        int[] order = lastOrder(x.rank(), dim);
        return x.permute(order).dup('c').reshape('c', -1, x.size(dim));
    }

    /**
     * The inverse of {@link #toRows}.
     *
     * @param rows [M, K] array
     * @param shape the original shape
     * @param dim the original dimension
     * @return a contiguous array of {@code shape}
     */
    static INDArray fromRows(INDArray rows, long[] shape, int dim) {
        int[] order = lastOrder(shape.length, dim);
        long[] permuted = new long[shape.length];
        for (int k = 0; k < shape.length; k++) {
            permuted[k] = shape[order[k]];
        }
        int[] inverse = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            inverse[order[k]] = k;
        }
        return rows.dup('c').reshape('c', permuted).permute(inverse).dup('c');
    }

    /**
     * @param shape a shape
     * @param dim a dimension of it
     * @return the shape without {@code dim}
     */
    static long[] without(long[] shape, int dim) {
        long[] out = new long[shape.length - 1];
        for (int k = 0, j = 0; k < shape.length; k++) {
            if (k != dim) {
                out[j++] = shape[k];
            }
        }
        return out;
    }

    private static int[] lastOrder(int rank, int dim) {
        int[] order = new int[rank];
        for (int k = 0, j = 0; k < rank; k++) {
            if (k != dim) {
                order[j++] = k;
            }
        }
        order[rank - 1] = dim;
        return order;
    }

    static String shape(INDArray a) {
        return Arrays.toString(a.shape());
    }
}
