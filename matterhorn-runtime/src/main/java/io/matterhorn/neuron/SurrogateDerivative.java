package io.matterhorn.neuron;

/**
 * The backward half of a spiking function as the fused soma kernels see it: the surrogate derivative
 * {@code g(x)} of the Heaviside step {@code H(x)}, evaluated per element with {@code x = u - u_th} (a float32
 * difference widened to double). {@code io.matterhorn.snn.surrogate.Surrogate} extends it; this interface keeps
 * the kernel SPI free of the module packages.
 *
 * <p>The four built-ins have a {@link #kernelId()} that native kernels implement (0 Rectangular, 1 Polynomial,
 * 2 Sigmoid, 3 Gaussian, with the shape parameter {@link #a()}); any other surrogate reports {@link #CUSTOM} and
 * runs in the pure-Java kernel, which calls {@link #derivative(double)}. Implementations must be immutable and
 * thread-safe (the kernels call them from several threads).
 */
public interface SurrogateDerivative {
    /** {@link #kernelId()} of a surrogate that native kernels do not implement. */
    int CUSTOM = -1;

    /**
     * @param x the argument, {@code u - u_threshold}
     * @return the surrogate derivative g(x)
     */
    double derivative(double x);

    /** @return the shape parameter {@code a} of a built-in surrogate; NaN for one without */
    default double a() {
        return Double.NaN;
    }

    /** @return the native kernel id: 0 Rectangular, 1 Polynomial, 2 Sigmoid, 3 Gaussian, or {@link #CUSTOM} */
    default int kernelId() {
        return CUSTOM;
    }

    /** @return whether native kernels implement this surrogate ({@link #kernelId()} is 0..3) */
    default boolean builtIn() {
        int id = kernelId();
        return id >= 0 && id <= 3;
    }
}
