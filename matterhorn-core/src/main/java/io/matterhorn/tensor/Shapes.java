package io.matterhorn.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shape operations with gradients behind {@link Tensor}'s {@code reshape}, {@code permute},
 * {@code transpose}, {@code select} and {@code stack}. The gradient of each is the incoming gradient moved back
 * to the input's layout. Results keep the input's spike-valued mark (and, for {@code reshape}, its sparse form,
 * which describes the flat data and so survives a reshape). ({@link Slicing} holds cat, narrow and split.)
 * Stateless and thread-safe; use the methods of {@link Tensor}.
 */
final class Shapes {
    private Shapes() {
    }

    /** Row-major reshape; one dimension may be -1. */
    static Tensor reshape(Tensor x, long... newShape) {
        if (x.isPending()) {
            // a lazy tensor stays lazy: its consumers may never read the value
            long[] shape = resolved(x.shape(), newShape);
            long[] inShape = x.shape();
            Supplier<INDArray> compute = () -> Layout.contiguous(x.value()).reshape('c', shape);
            Tensor t = !x.requiresGrad() ? Tensor.lazy(shape, x.dataType(), compute)
                    : Tensor.fromLazyOp("reshape", shape, x.dataType(), compute, reshapeBackward(x, inShape), x);
            keepSpikeMark(x, t);
            if (x.sparseRows() != null) {
                t.attachSparseRows(x.sparseRows());
            }
            if (x.pendingConvolution() != null) {
                t.attachPendingConvolution(x.pendingConvolution());
            }
            return t;
        }
        INDArray v = x.value();
        long[] inShape = v.shape();
        INDArray src = Layout.contiguous(v);
        INDArray out;
        try {
            out = src.reshape('c', newShape);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(inShape) + " to "
                    + Arrays.toString(newShape), e);
        }
        Tensor t = Tensor.fromOp("reshape", out, reshapeBackward(x, inShape), x);
        keepSpikeMark(x, t);
        if (x.sparseRows() != null) {
            t.attachSparseRows(x.sparseRows());
        }
        return t;
    }

    /** The gradient of a reshape of x: the incoming gradient in x's shape. */
    private static InPlaceBackward reshapeBackward(Tensor x, long[] inShape) {
        return (g, writable) -> {
            INDArray gc = Layout.contiguous(g);
            INDArray gx = gc.reshape('c', inShape);
            // a private gradient (or the private copy made contiguous) passes on without a copy
            if (writable || gc != g) {
                x.takeGrad(gx);
            } else {
                Arithmetic.accumulate(x, gx);
            }
        };
    }

    /** @return the number of elements of an array of this shape */
    static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * @return {@code newShape} with its one {@code -1} (if any) replaced by what makes the element counts equal
     * @throws IllegalArgumentException if no such shape exists
     */
    private static long[] resolved(long[] inShape, long[] newShape) {
        long known = 1;
        int free = -1;
        for (int i = 0; i < newShape.length; i++) {
            if (newShape[i] == -1 && free < 0) {
                free = i;
            } else if (newShape[i] < 0) {
                throw new IllegalArgumentException("cannot reshape " + Arrays.toString(inShape) + " to "
                        + Arrays.toString(newShape));
            } else {
                known = Math.multiplyExact(known, newShape[i]);
            }
        }
        long total = product(inShape);
        long[] out = newShape.clone();
        if (free >= 0 && known > 0 && total % known == 0) {
            out[free] = total / known;
        }
        if (product(out) != total || (free >= 0 && known == 0)) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(inShape) + " to "
                    + Arrays.toString(newShape));
        }
        return out;
    }

    /** Permutes dimensions into a contiguous copy. */
    static Tensor permute(Tensor x, int... order) {
        if (order.length != x.rank()) {
            throw new IllegalArgumentException("permute order " + Arrays.toString(order) + " does not match rank "
                    + x.rank());
        }
        int[] inverse = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inverse[order[i]] = i;
        }
        INDArray out = x.value().permute(order).dup('c');
        Tensor t = Tensor.fromOp("permute", out, g -> Arithmetic.accumulate(x, g.permute(inverse).dup('c')), x);
        keepSpikeMark(x, t);
        return t;
    }

    /** Transpose of a 2-D tensor. */
    static Tensor transpose(Tensor x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("transpose() needs a 2-D tensor, got shape "
                    + Arrays.toString(x.shape()) + "; use permute for higher ranks");
        }
        return permute(x, 1, 0);
    }

    /** Index {@code index} of dimension 0: [T, B, ...] to [B, ...]. */
    static Tensor select(Tensor x, long index) {
        INDArray v = x.value();
        if (x.rank() < 1 || index < 0 || index >= v.size(0)) {
            throw new IndexOutOfBoundsException("select(" + index + ") on shape " + Arrays.toString(x.shape()));
        }
        long[] inShape = v.shape();
        long[] outShape = Arrays.copyOfRange(inShape, 1, inShape.length);
        INDArray out = Layout.contiguous(v).reshape('c', inShape[0], -1).getRow(index).dup('c')
                .reshape('c', outShape);
        Tensor t = Tensor.fromOp("select", out, g -> {
            INDArray full = Nd4j.zeros(v.dataType(), inShape);
            full.reshape('c', inShape[0], -1).getRow(index).assign(Layout.contiguous(g).reshape(1, -1));
            Arithmetic.accumulate(x, full);
        }, x);
        keepSpikeMark(x, t);
        return t;
    }

    /** Stacks equally shaped tensors [B, ...] along a new dimension 0: [items.size(), B, ...]. */
    static Tensor stack(List<Tensor> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("stack needs at least one tensor");
        }
        long[] itemShape = items.get(0).shape();
        boolean spikes = true;
        INDArray[] rows = new INDArray[items.size()];
        for (int i = 0; i < rows.length; i++) {
            Tensor t = items.get(i);
            if (!Arrays.equals(t.shape(), itemShape)) {
                throw new IllegalArgumentException("stack: item " + i + " has shape " + Arrays.toString(t.shape())
                        + ", expected " + Arrays.toString(itemShape));
            }
            rows[i] = Layout.contiguous(t.value()).reshape('c', 1, t.length());
            spikes &= t.isSpikeValued();
        }
        long[] outShape = new long[itemShape.length + 1];
        outShape[0] = rows.length;
        System.arraycopy(itemShape, 0, outShape, 1, itemShape.length);
        INDArray out = Nd4j.vstack(rows).reshape('c', outShape);
        Tensor[] parents = items.toArray(new Tensor[0]);
        Tensor t = Tensor.fromOp("stack", out, g -> {
            INDArray g2 = Layout.contiguous(g).reshape('c', parents.length, -1);
            for (int i = 0; i < parents.length; i++) {
                if (parents[i].requiresGrad()) {
                    parents[i].accumulateGrad(g2.getRow(i).dup('c').reshape('c', itemShape));
                }
            }
        }, parents);
        if (spikes) {
            t.markSpikeValued();
        }
        return t;
    }

    private static void keepSpikeMark(Tensor from, Tensor to) {
        if (from.isSpikeValued()) {
            to.markSpikeValued();
        }
    }
}
