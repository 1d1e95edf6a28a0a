package io.matterhorn.snn.surrogate;

import io.matterhorn.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A spiking function: the Heaviside step {@code H(x) = 1 if x >= 0 else 0} in the forward pass, and a smooth
 * surrogate derivative {@code g(x)} in the backward pass ({@code dL/dx = dL/dy * g(x)}).
 *
 * <p>Implementations are small immutable values; {@link #kernelId()} is the stable number native kernels use
 * (0 = Rectangular, 1 = Polynomial, 2 = Sigmoid, 3 = Gaussian, as in matterhorn 1.0.1).
 */
public sealed interface Surrogate permits Rectangular, Polynomial, Sigmoid, Gaussian {

    /** @return the shape parameter {@code a} (window width, slope or variance, per surrogate) */
    double a();

    /**
     * @param x the argument, usually {@code u - u_threshold}
     * @return the surrogate derivative g(x)
     */
    double derivative(double x);

    /**
     * Elementwise surrogate derivative of an array (any floating type).
     *
     * @param x the arguments
     * @return g(x), same shape and type
     */
    INDArray derivative(INDArray x);

    /** @return stable kernel id: 0 Rectangular, 1 Polynomial, 2 Sigmoid, 3 Gaussian */
    int kernelId();

    /**
     * Heaviside forward with surrogate backward, as a graph node.
     *
     * @param x the argument {@code u - u_threshold}, any shape
     * @return spikes (0 or 1) of the same shape and type, marked spike-valued
     */
    default Tensor apply(Tensor x) {
        INDArray xv = x.value();
        INDArray spikes = xv.gte(0).castTo(xv.dataType());
        return Tensor.fromOp("spike(" + getClass().getSimpleName() + ")", spikes,
                g -> x.accumulateGrad(g.mul(derivative(xv))), x).markSpikeValued();
    }

    /**
     * Heaviside step, the forward of every surrogate.
     *
     * @param x argument
     * @return 1 if x &gt;= 0, else 0
     */
    static float heaviside(double x) {
        return x >= 0 ? 1f : 0f;
    }

    /**
     * Looks a surrogate up by its 1.0.1 class name, with that class's default {@code a} (Rectangular 2, the others
     * 1).
     *
     * @param name "Rectangular", "Polynomial", "Sigmoid" or "Gaussian" (case-insensitive)
     * @return the surrogate
     */
    static Surrogate byName(String name) {
        return byName(name, name.equalsIgnoreCase("rectangular") ? 2.0 : 1.0);
    }

    /**
     * Looks a surrogate up by its 1.0.1 class name.
     *
     * @param name "Rectangular", "Polynomial", "Sigmoid" or "Gaussian" (case-insensitive)
     * @param a the shape parameter
     * @return the surrogate
     */
    static Surrogate byName(String name, double a) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "rectangular":
                return new Rectangular(a);
            case "polynomial":
                return new Polynomial(a);
            case "sigmoid":
                return new Sigmoid(a);
            case "gaussian":
                return new Gaussian(a);
            default:
                throw new IllegalArgumentException("unknown surrogate '" + name
                        + "'; expected Rectangular, Polynomial, Sigmoid or Gaussian");
        }
    }

    /**
     * @param a shape parameter to validate
     * @param owner class name for the message
     */
    static void requirePositive(double a, String owner) {
        if (!(a > 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException(owner + ": parameter a must be a positive finite number, got " + a);
        }
    }
}
