package io.matterhorn.snn.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Sigmoid surrogate: {@code g(x) = s (1 - s) / a} with {@code s = sigmoid(x / a)}; peak 1/(4a) at 0.
 * Default {@code a = 1}.
 *
 * <p>Computed in this stable form; matterhorn 1.0.1 evaluates {@code e^(-x/a) / (1 + e^(-x/a))^2 / a}, which is
 * NaN for x below about -88.7a in float32 (docs/differences-from-1.0.1.md #6). Values agree wherever 1.0.1 is finite.
 *
 * @param a temperature, positive
 */
public record Sigmoid(double a) implements Surrogate {
    /** @param a temperature, positive */
    public Sigmoid {
        Surrogate.requirePositive(a, "Sigmoid");
    }

    /** Default {@code a = 1}. */
    public Sigmoid() {
        this(1.0);
    }

    @Override
    public double derivative(double x) {
        double s = 1.0 / (1.0 + Math.exp(-x / a));
        return s * (1.0 - s) / a;
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray s = Transforms.sigmoid(x.div(a), false);
        return s.mul(s.rsub(1)).divi(a);
    }

    @Override
    public int kernelId() {
        return 2;
    }
}
