package io.matterhorn.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Elementwise operations with gradients: {@code abs}, {@code pow}, {@code sqrt}, {@code clamp}, {@code where}.
 * Each javadoc gives the derivative used. Stateless and thread-safe.
 */
public final class Elementwise {
    private Elementwise() {
    }

    /**
     * @param x input
     * @return {@code |x|}; derivative {@code sign(x)} (0 at 0, as PyTorch)
     */
    public static Tensor abs(Tensor x) {
        INDArray v = x.value();
        return Tensor.fromOp("abs", Transforms.abs(v, true), g -> x.accumulateGrad(g.mul(Transforms.sign(v, true))),
                x);
    }

    /**
     * @param x input (non-negative where the exponent is not an integer)
     * @param exponent p
     * @return {@code x^p}; derivative {@code p x^(p-1)}
     */
    public static Tensor pow(Tensor x, double exponent) {
        INDArray v = x.value();
        INDArray out = Transforms.pow(v, exponent, true);
        return Tensor.fromOp("pow", out, g -> x.accumulateGrad(g.mul(Transforms.pow(v, exponent - 1, true))
                .muli(exponent)), x);
    }

    /**
     * @param x input, non-negative
     * @return {@code sqrt(x)}; derivative {@code 1 / (2 sqrt(x))}
     */
    public static Tensor sqrt(Tensor x) {
        INDArray out = Transforms.sqrt(x.value(), true);
        return Tensor.fromOp("sqrt", out, g -> x.accumulateGrad(g.div(out).divi(2)), x);
    }

    /**
     * Clamps into {@code [min, max]} (PyTorch's {@code clamp}); the gradient passes where {@code min <= x <= max}
     * and is 0 elsewhere.
     *
     * @param x input
     * @param min lower bound ({@code Double.NEGATIVE_INFINITY} for none)
     * @param max upper bound, {@code >= min} ({@code Double.POSITIVE_INFINITY} for none)
     * @return the clamped tensor
     */
    public static Tensor clamp(Tensor x, double min, double max) {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("clamp needs min <= max, got [" + min + ", " + max + "]");
        }
        INDArray v = x.value();
        INDArray out = v.dup('c');
        if (min != Double.NEGATIVE_INFINITY) {
            Transforms.max(out, min, false);
        }
        if (max != Double.POSITIVE_INFINITY) {
            Transforms.min(out, max, false);
        }
        return Tensor.fromOp("clamp", out, g -> {
            INDArray pass = v.gte(min).castTo(v.dataType()).muli(v.lte(max).castTo(v.dataType()));
            x.accumulateGrad(g.mul(pass));
        }, x);
    }

    /**
     * Picks {@code a} where the condition is non-zero and {@code b} elsewhere (PyTorch's {@code torch.where});
     * the gradient goes to {@code a} where the condition holds and to {@code b} elsewhere.
     *
     * @param condition mask, same shape (values other than 0 count as true; no gradient)
     * @param a values where true, same shape and type as b
     * @param b values where false
     * @return the merged tensor
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        if (!Arrays.equals(condition.shape(), a.shape()) || !Arrays.equals(a.shape(), b.shape())
                || a.dataType() != b.dataType()) {
            throw new IllegalArgumentException("where needs condition, a and b of one shape (and a, b of one type), "
                    + "got " + Arrays.toString(condition.shape()) + ", " + Arrays.toString(a.shape()) + " "
                    + a.dataType() + ", " + Arrays.toString(b.shape()) + " " + b.dataType());
        }
        INDArray mask = condition.value().neq(0).castTo(a.dataType());
        INDArray inverse = mask.rsub(1);
        INDArray out = a.value().mul(mask).addi(b.value().mul(inverse));
        return Tensor.fromOp("where", out, g -> {
            if (a.requiresGrad()) {
                a.accumulateGrad(g.mul(mask));
            }
            if (b.requiresGrad()) {
                b.accumulateGrad(g.mul(inverse));
            }
        }, a, b);
    }
}
