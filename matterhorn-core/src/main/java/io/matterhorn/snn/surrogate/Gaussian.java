package io.matterhorn.snn.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gaussian surrogate: {@code g(x) = exp(-x^2 / (2a)) / sqrt(2 pi a)}; {@code a} is the variance (peak 0.39894
 * at a = 1). Default {@code a = 1}.
 *
 * @param a variance, positive
 */
public record Gaussian(double a) implements Surrogate {
    /** @param a variance, positive */
    public Gaussian {
        Surrogate.requirePositive(a, "Gaussian");
    }

    /** Default variance {@code a = 1}. */
    public Gaussian() {
        this(1.0);
    }

    @Override
    public double derivative(double x) {
        return Math.exp(-x * x / (2 * a)) / Math.sqrt(2 * Math.PI * a);
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray e = Transforms.exp(x.mul(x).muli(-1.0 / (2 * a)), false);
        return e.divi(Math.sqrt(2 * Math.PI * a));
    }

    @Override
    public int kernelId() {
        return 3;
    }
}
