package io.matterhorn.snn.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Triangular window (STBP polynomial surrogate): {@code g(x) = max(0, sqrt(a)/2 - (a/4) |x|)}; peak sqrt(a)/2,
 * half-width 2/sqrt(a), area 1. Default {@code a = 1}.
 *
 * <p>Fixes matterhorn 1.0.1, whose code omits the absolute value and computes a V shape
 * {@code (a/4) |x - 2/sqrt(a)|} that grows without bound for negative x (docs/differences-from-1.0.1.md #5).
 *
 * @param a sharpness, positive
 */
public record Polynomial(double a) implements Surrogate {
    /** @param a sharpness, positive */
    public Polynomial {
        Surrogate.requirePositive(a, "Polynomial");
    }

    /** Default {@code a = 1}. */
    public Polynomial() {
        this(1.0);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A NaN argument gives 0, as in the native kernels ({@code Math.max} would pass the NaN on).
     */
    @Override
    public double derivative(double x) {
        double v = Math.sqrt(a) / 2 - (a / 4) * Math.abs(x);
        return v > 0.0 ? v : 0.0;
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray v = Transforms.abs(x, true).muli(-a / 4).addi(Math.sqrt(a) / 2);
        return Transforms.relu(v, false);
    }

    @Override
    public int kernelId() {
        return 1;
    }
}
