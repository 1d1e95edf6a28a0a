package io.matterhorn.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The elementwise functions with gradients behind {@link Tensor}'s {@code exp}, {@code log}, {@code sigmoid},
 * {@code relu} and {@code tanh}; each method names its derivative. ({@link Elementwise} holds the public ones
 * with parameters: abs, pow, sqrt, clamp, where.) Stateless and thread-safe; use the methods of {@link Tensor}.
 */
final class UnaryFunctions {
    private UnaryFunctions() {
    }

    /** {@code exp(x)}; derivative exp(x). */
    static Tensor exp(Tensor x) {
        INDArray out = Transforms.exp(x.value(), true);
        return Tensor.fromOp("exp", out, g -> Arithmetic.accumulate(x, g.mul(out)), x);
    }

    /** Natural logarithm; derivative 1/x. */
    static Tensor log(Tensor x) {
        INDArray v = x.value();
        INDArray out = Transforms.log(v, true);
        return Tensor.fromOp("log", out, g -> Arithmetic.accumulate(x, g.div(v)), x);
    }

    /** {@code s = 1/(1+exp(-x))}; derivative s(1-s). */
    static Tensor sigmoid(Tensor x) {
        INDArray out = Transforms.sigmoid(x.value(), true);
        return Tensor.fromOp("sigmoid", out, g -> Arithmetic.accumulate(x, g.mul(out).muli(out.rsub(1))), x);
    }

    /** {@code max(x, 0)}; derivative 1 where x > 0, else 0. */
    static Tensor relu(Tensor x) {
        INDArray v = x.value();
        INDArray out = Transforms.relu(v, true);
        return Tensor.fromOp("relu", out, g -> Arithmetic.accumulate(x, g.mul(v.gt(0).castTo(v.dataType()))), x);
    }

    /** {@code tanh(x)}; derivative 1 - tanh^2. */
    static Tensor tanh(Tensor x) {
        INDArray out = Transforms.tanh(x.value(), true);
        return Tensor.fromOp("tanh", out, g -> Arithmetic.accumulate(x, g.mul(out.mul(out).rsubi(1))), x);
    }
}
