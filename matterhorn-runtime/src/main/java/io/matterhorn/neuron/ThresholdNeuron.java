package io.matterhorn.neuron;

/**
 * The one definition of the stateless threshold (NIR {@code Threshold}, core's
 * {@code io.matterhorn.nir.module.Threshold}) and of the Heaviside spike every spiking family fires with:
 *
 * <pre>
 *   z = H(x - theta)   (H(0) = 1)       dz/dx = g(x - theta),   dz/dtheta = -g(x - theta)
 * </pre>
 *
 * with g the surrogate derivative, whose argument is the float32 difference {@code x - theta}. Core's
 * {@code Threshold} computes it as a graph ({@code Surrogate.apply(x - theta)}, the tensor form of these lines).
 * Stateless.
 */
public final class ThresholdNeuron {
    private ThresholdNeuron() {
    }

    /**
     * @param x input (a charged potential for the spiking families)
     * @param theta threshold
     * @return {@code H(x - theta)}: 1 when {@code x - theta >= 0}, else 0
     */
    public static float fire(float x, float theta) {
        return x - theta >= 0 ? 1f : 0f;
    }

    /**
     * @param surrogate the surrogate derivative g
     * @param x input
     * @param theta threshold
     * @return {@code dz/dx = g(x - theta)} (and {@code dz/dtheta} is its negative)
     */
    public static float dFire(SurrogateDerivative surrogate, float x, float theta) {
        return (float) surrogate.derivative(x - theta);
    }

    /**
     * The threshold of n neurons: {@code y[j] = fire(x[j], theta[j])}.
     *
     * @param x inputs [n]
     * @param theta thresholds [n]
     * @param y spikes [n]
     * @param n number of neurons
     */
    public static void step(float[] x, float[] theta, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] = fire(x[j], theta[j]);
        }
    }
}
