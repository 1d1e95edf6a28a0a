package io.matterhorn.tensor;

import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reverse pass behind {@link Tensor#backward(INDArray)} and the gradient accumulation behind
 * {@link Tensor#accumulateGrad(INDArray)}. The pass sorts the nodes that require gradients
 * topologically (an iterative depth-first search, so deep graphs such as long BPTT unrolls cannot overflow the
 * stack), seeds the output's gradient, then runs each non-leaf node's backward rule from the output back to the
 * leaves, releasing every intermediate gradient once it has been propagated. Stateless; one pass runs on the
 * calling thread and must not share its graph with another thread.
 */
final class Backprop {
    /** Largest array {@link #addSmallFloats} adds in Java. */
    static final int SMALL = 1 << 20;

    private Backprop() {
    }

    /** Propagates dL/d(root) = {@code gradient} to every leaf of root's graph that requires gradients. */
    static void run(Tensor root, INDArray gradient) {
        List<Tensor> order = topologicalOrder(root);
        root.accumulateGrad(gradient);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor node = order.get(i);
            if (node.isLeaf() || node.grad() == null) {
                continue;
            }
            node.propagate();
        }
    }

    /**
     * Adds {@code g} to the gradient of {@code t} (see {@link Tensor#accumulateGrad(INDArray)}): nothing when
     * {@code t} does not require gradients; a leaf keeps its own copy outside every {@link MemoryScope} and adds
     * in place; an intermediate node keeps the first gradient by reference and sums into a private copy from
     * the second on, so a caller's array is never modified. With {@code handover} (see
     * {@link Tensor#takeGrad(INDArray)}) the array is the node's to keep and overwrite: no copy is made, and the
     * node's gradient counts as private.
     */
    static void accumulate(Tensor t, INDArray g, boolean handover) {
        if (!t.requiresGrad()) {
            return;
        }
        // shape and type, not the value: a lazy node's value is not computed for its gradient
        long[] shape = t.shape();
        DataType type = t.dataType();
        if (!Arrays.equals(g.shape(), shape)) {
            throw new IllegalStateException("gradient shape " + Arrays.toString(g.shape()) + " does not match "
                    + t.op() + " value shape " + Arrays.toString(shape));
        }
        boolean cast = g.dataType() != type;
        INDArray gc = cast ? g.castTo(type) : g;
        boolean own = handover || cast;
        if (t.isLeaf()) {
            if (t.grad == null) {
                t.grad = MemoryScope.outside(() -> gc.dup('c'));
            } else if (!addSmallFloats(t.grad, gc)) {
                t.grad.addi(gc);
            }
            return;
        }
        if (t.grad == null) {
            t.grad = gc;
            t.gradOwned = own;
        } else if (t.gradOwned) {
            t.grad.addi(gc);
        } else if (own) {
            // a + b == b + a in IEEE arithmetic: summing into the handed-over array gives the same values
            t.grad = gc.addi(t.grad);
            t.gradOwned = true;
        } else {
            t.grad = t.grad.add(gc);
            t.gradOwned = true;
        }
    }

    /**
     * {@code acc += g} in a Java loop for float32 row-major arrays of at most {@link #SMALL} elements: a
     * parameter's gradient is usually small, and an ND4J operation costs more to start (about 0.2 ms measured on
     * the 2-core machine, several per training step) than the loop takes. Same values as {@code addi}.
     *
     * @return false, doing nothing, for any other arrays
     */
    static boolean addSmallFloats(INDArray acc, INDArray g) {
        long n = acc.length();
        if (n > SMALL || acc.dataType() != DataType.FLOAT || g.dataType() != DataType.FLOAT
                || !Layout.isRowMajor(acc) || !Layout.isRowMajor(g)) {
            return false;
        }
        FloatBuffer a = Layout.floats(acc);
        FloatBuffer b = Layout.floats(g);
        int ao = Layout.offset(acc);
        int bo = Layout.offset(g);
        for (int i = 0; i < n; i++) {
            a.put(ao + i, a.get(ao + i) + b.get(bo + i));
        }
        return true;
    }

    /** Sets a gradient to zero, by a Java loop for parameter-sized float32 arrays (see {@link #addSmallFloats}). */
    static void clear(INDArray grad) {
        if (grad.dataType() == DataType.FLOAT && grad.length() <= SMALL && Layout.isRowMajor(grad)) {
            FloatBuffer b = Layout.floats(grad);
            int off = Layout.offset(grad);
            for (int i = 0, n = (int) grad.length(); i < n; i++) {
                b.put(off + i, 0f);
            }
        } else {
            grad.assign(0);
        }
    }

    /** The nodes reachable from root through inputs that require gradients, each after all of its inputs. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor node = (Tensor) frame[0];
            int next = (Integer) frame[1];
            if (next < node.parents.length) {
                frame[1] = next + 1;
                Tensor p = node.parents[next];
                if (p.requiresGrad() && visited.put(p, Boolean.TRUE) == null) {
                    stack.push(new Object[] {p, 0});
                }
            } else {
                stack.pop();
                order.add(node);
            }
        }
        return order;
    }
}
