package io.matterhorn.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Arithmetic with gradients behind {@link Tensor}'s {@code add}, {@code sub}, {@code mul}, {@code div} (with a
 * tensor, broadcasting as {@link Broadcast} allows, or with a constant), {@code rsub}, {@code neg} and
 * {@code square}. Each method names its derivative. Stateless and thread-safe; use the methods of {@link Tensor}.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    /** {@code a + b}; d/da = 1, d/db = 1 (reduced to each operand's shape). */
    static Tensor add(Tensor left, Tensor right) {
        INDArray a = left.value();
        INDArray b = right.value();
        Broadcast kind = Broadcast.of("add", left, right);
        INDArray out = kind.apply(a, b, (x, y) -> x.add(y));
        return Tensor.fromOp("add", out, g -> {
            accumulate(left, kind.reduceLeft(g, a.shape()));
            accumulate(right, kind.reduceRight(g, b.shape()));
        }, left, right);
    }

    /** {@code a - b}; d/da = 1, d/db = -1. */
    static Tensor sub(Tensor left, Tensor right) {
        INDArray a = left.value();
        INDArray b = right.value();
        Broadcast kind = Broadcast.of("sub", left, right);
        INDArray out = kind.apply(a, b, (x, y) -> x.sub(y));
        return Tensor.fromOp("sub", out, g -> {
            accumulate(left, kind.reduceLeft(g, a.shape()));
            if (right.requiresGrad()) {
                accumulate(right, kind.reduceRight(g, b.shape()).neg());
            }
        }, left, right);
    }

    /** {@code a * b}; d/da = b, d/db = a. */
    static Tensor mul(Tensor left, Tensor right) {
        Broadcast kind = Broadcast.of("mul", left, right);
        INDArray a = left.value();
        INDArray b = right.value();
        INDArray out = kind.apply(a, b, (x, y) -> x.mul(y));
        return Tensor.fromOp("mul", out, g -> {
            if (left.requiresGrad()) {
                accumulate(left, kind.reduceLeft(g.mul(b), a.shape()));
            }
            if (right.requiresGrad()) {
                accumulate(right, kind.reduceRight(g.mul(a), b.shape()));
            }
        }, left, right);
    }

    /** {@code a / b}; d/da = 1/b, d/db = -a/b^2. */
    static Tensor div(Tensor left, Tensor right) {
        Broadcast kind = Broadcast.of("div", left, right);
        INDArray a = left.value();
        INDArray b = right.value();
        INDArray out = kind.apply(a, b, (x, y) -> x.div(y));
        return Tensor.fromOp("div", out, g -> {
            if (left.requiresGrad()) {
                accumulate(left, kind.reduceLeft(g.div(b), a.shape()));
            }
            if (right.requiresGrad()) {
                INDArray q = out.div(b); // a / b^2
                accumulate(right, kind.reduceRight(g.mul(q).negi(), b.shape()));
            }
        }, left, right);
    }

    /** {@code x + c}; derivative 1. */
    static Tensor add(Tensor x, double c) {
        return Tensor.fromOp("addScalar", x.value().add(c), g -> accumulate(x, g), x);
    }

    /** {@code x - c}; derivative 1. */
    static Tensor sub(Tensor x, double c) {
        return Tensor.fromOp("subScalar", x.value().sub(c), g -> accumulate(x, g), x);
    }

    /** {@code x * c}; derivative c. */
    static Tensor mul(Tensor x, double c) {
        return Tensor.fromOp("mulScalar", x.value().mul(c), g -> accumulate(x, g.mul(c)), x);
    }

    /** {@code x / c}; derivative 1/c. */
    static Tensor div(Tensor x, double c) {
        return Tensor.fromOp("divScalar", x.value().div(c), g -> accumulate(x, g.div(c)), x);
    }

    /** {@code c - x}; derivative -1. */
    static Tensor rsub(Tensor x, double c) {
        return Tensor.fromOp("rsubScalar", x.value().rsub(c), g -> accumulate(x, g.neg()), x);
    }

    /** {@code -x}; derivative -1. */
    static Tensor neg(Tensor x) {
        return Tensor.fromOp("neg", x.value().neg(), g -> accumulate(x, g.neg()), x);
    }

    /** {@code x^2}; derivative 2x. */
    static Tensor square(Tensor x) {
        INDArray v = x.value();
        return Tensor.fromOp("square", v.mul(v), g -> accumulate(x, g.mul(v).muli(2)), x);
    }

    /** Adds {@code g} to the gradient of {@code t} when it requires one. */
    static void accumulate(Tensor t, INDArray g) {
        if (t.requiresGrad()) {
            t.accumulateGrad(g);
        }
    }
}
