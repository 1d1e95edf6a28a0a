package io.matterhorn.tensor;

import java.util.Arrays;
import java.util.function.BinaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The broadcasting patterns binary operations accept, and how to reduce a gradient back to each operand's shape.
 * Supported: equal shapes; one operand with a single element (a trainable scalar such as {@code tau_m}); one
 * operand a vector matching the other's last dimension (a bias).
 */
enum Broadcast {
    SAME, LEFT_SCALAR, RIGHT_SCALAR, LEFT_ROW, RIGHT_ROW;

    static Broadcast of(String op, Tensor left, Tensor right) {
        long[] a = left.shape();
        long[] b = right.shape();
        if (Arrays.equals(a, b)) {
            return SAME;
        }
        if (right.length() == 1) {
            return RIGHT_SCALAR;
        }
        if (left.length() == 1) {
            return LEFT_SCALAR;
        }
        if (b.length == 1 && a.length >= 1 && a[a.length - 1] == b[0]) {
            return RIGHT_ROW;
        }
        if (a.length == 1 && b.length >= 1 && b[b.length - 1] == a[0]) {
            return LEFT_ROW;
        }
        throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                + " are not compatible (need equal shapes, a one-element operand, or a vector matching the last "
                + "dimension)");
    }

    /**
     * Computes {@code fn(a, b)} with this pattern. The left operand is expanded first when it is the smaller one,
     * so non-commutative operations keep their order.
     */
    INDArray apply(INDArray a, INDArray b, BinaryOperator<INDArray> fn) {
        switch (this) {
            case LEFT_SCALAR:
                return fn.apply(a.broadcast(b.shape()), b);
            case LEFT_ROW: {
                // INDArray.broadcast cannot expand a vector to rank > 2: work on b viewed as [rows, last]
                long last = b.size(b.rank() - 1);
                INDArray b2 = Layout.contiguous(b).reshape('c', -1, last);
                INDArray a2 = a.reshape('c', 1, last).broadcast(b2.size(0), last);
                return fn.apply(a2, b2).reshape('c', b.shape());
            }
            case RIGHT_SCALAR:
                return fn.apply(a, b.length() == 1 && b.rank() != 0 ? b.reshape(new long[0]) : b);
            default:
                return fn.apply(a, b);
        }
    }

    /**
     * Reduces a gradient of the output's shape to the left operand's shape.
     *
     * @param g gradient of the output
     * @param shape the left operand's shape (a one-element operand may be [], [1], [1, 1], ...)
     */
    INDArray reduceLeft(INDArray g, long[] shape) {
        return reduce(g, shape, this == LEFT_SCALAR, this == LEFT_ROW);
    }

    /**
     * Reduces a gradient of the output's shape to the right operand's shape.
     *
     * @param g gradient of the output
     * @param shape the right operand's shape
     */
    INDArray reduceRight(INDArray g, long[] shape) {
        return reduce(g, shape, this == RIGHT_SCALAR, this == RIGHT_ROW);
    }

    private static INDArray reduce(INDArray g, long[] shape, boolean scalar, boolean row) {
        if (scalar) {
            // the sum is 0-d; give it back the operand's own one-element shape
            INDArray s = g.sum();
            return shape.length == 0 ? s : s.reshape(shape);
        }
        if (row) {
            long last = g.size(g.rank() - 1);
            return Layout.contiguous(g).reshape('c', -1, last).sum(0);
        }
        return g;
    }
}
