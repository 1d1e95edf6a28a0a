package io.matterhorn.snn.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Rectangular window: {@code g(x) = (1/a) * [ -a/2 < x < a/2 ]} (both bounds strict, area 1).
 * Default {@code a = 2}: g = 0.5 on (-1, 1).
 *
 * @param a window width, positive
 */
public record Rectangular(double a) implements Surrogate {
    /** @param a window width, positive */
    public Rectangular {
        Surrogate.requirePositive(a, "Rectangular");
    }

    /** Default window {@code a = 2}. */
    public Rectangular() {
        this(2.0);
    }

    @Override
    public double derivative(double x) {
        return Math.abs(x) < a / 2 ? 1.0 / a : 0.0;
    }

    @Override
    public INDArray derivative(INDArray x) {
        return Transforms.abs(x, true).lt(a / 2).castTo(x.dataType()).divi(a);
    }

    @Override
    public int kernelId() {
        return 0;
    }
}
