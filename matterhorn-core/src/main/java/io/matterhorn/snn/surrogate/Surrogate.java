package io.matterhorn.snn.surrogate;

import io.matterhorn.neuron.SurrogateDerivative;
import io.matterhorn.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A spiking function: the Heaviside step {@code H(x) = 1 if x >= 0 else 0} in the forward pass, and a smooth
 * surrogate derivative {@code g(x)} in the backward pass ({@code dL/dx = dL/dy * g(x)}).
 *
 * <p>The four built-ins (Rectangular, Polynomial, Sigmoid, Gaussian) have a {@link #kernelId()} that the native
 * kernels implement (0..3, as in matterhorn 1.0.1). The interface is open: a surrogate of your own needs only
 * {@link #derivative(double)} (and, for messages, {@link #name()}); somas then run it in the fused pure-Java
 * kernel at the speed of a built-in, and the native backends fall back to that kernel for it (logging once).
 * {@link #of(String, DoubleUnaryOperator)} makes one from a function. Implementations must be immutable and
 * thread-safe.
 */
public interface Surrogate extends SurrogateDerivative {

    /**
     * @param x the argument, usually {@code u - u_threshold}
     * @return the surrogate derivative g(x)
     */
    @Override
    double derivative(double x);

    /**
     * Elementwise surrogate derivative of an array (any floating type), for the per-step graph. The default
     * applies {@link #derivative(double)} element by element; the built-ins override it with array operations.
     *
     * @param x the arguments
     * @return g(x), same shape and type
     */
    default INDArray derivative(INDArray x) {
        double[] v = x.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] = derivative(v[i]);
        }
        return Nd4j.create(v, x.shape(), 'c').castTo(x.dataType());
    }

    /** @return a short name for messages and {@code describe()}; by default the class name */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * A surrogate from a derivative function, for a spiking function of your own. Example (the arctangent
     * surrogate {@code g(x) = 1 / (1 + (pi x)^2)}):
     *
     * <pre>{@code
     * Surrogate atan = Surrogate.of("ATan", x -> 1.0 / (1.0 + Math.PI * Math.PI * x * x));
     * LIF lif = LIF.builder().spikingFunction(atan).build();
     * }</pre>
     *
     * @param name name for messages, not blank
     * @param derivative g(x); must be thread-safe and free of side effects
     * @return the surrogate (Heaviside forward, g backward)
     * @throws IllegalArgumentException if an argument is null or the name is blank
     */
    static Surrogate of(String name, DoubleUnaryOperator derivative) {
        return new CustomSurrogate(name, derivative);
    }

    /**
     * Heaviside forward with surrogate backward, as a graph node.
     *
     * @param x the argument {@code u - u_threshold}, any shape
     * @return spikes (0 or 1) of the same shape and type, marked spike-valued
     */
    default Tensor apply(Tensor x) {
        INDArray xv = x.value();
        INDArray spikes = xv.gte(0).castTo(xv.dataType());
        return Tensor.fromOp("spike(" + name() + ")", spikes,
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
