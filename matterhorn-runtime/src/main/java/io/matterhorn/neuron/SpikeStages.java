package io.matterhorn.neuron;

/**
 * The firing and output stages of a spiking soma: {@code o = H(u - u_th)} with the surrogate derivative
 * {@code do/du = g(u - u_th)}, and the soma returns the spike itself ({@code y = o}, {@code dy/do = 1},
 * {@code dy/du = 0}). With these stages {@code io.matterhorn.neuron.NeuronSequences} is the fused kernel of LIF,
 * IF, QIF and EIF. Immutable.
 *
 * @param surrogate the surrogate derivative g, not null
 * @param uThreshold threshold u_th
 */
public record SpikeStages(SurrogateDerivative surrogate, float uThreshold) implements FiringStages {
    /**
     * Checks the surrogate.
     *
     * @param surrogate the surrogate derivative g, not null
     * @param uThreshold threshold u_th
     * @throws IllegalArgumentException if the surrogate is null
     */
    public SpikeStages {
        if (surrogate == null) {
            throw new IllegalArgumentException("SpikeStages: surrogate must not be null");
        }
    }

    @Override
    public float fire(float u) {
        return spike(u, uThreshold);
    }

    /**
     * The Heaviside spike, the one definition every spiking path uses.
     *
     * @param u charged potential
     * @param uThreshold threshold
     * @return {@code 1} when {@code u >= u_th}, else {@code 0}
     */
    public static float spike(float u, float uThreshold) {
        return u >= uThreshold ? 1f : 0f;
    }

    @Override
    public float dFireDu(float u) {
        return (float) surrogate.derivative(u - uThreshold);
    }

    @Override
    public float output(float u, float o) {
        return o;
    }

    @Override
    public float dOutputDu(float u, float o) {
        return 0f;
    }

    @Override
    public float dOutputDo(float u, float o) {
        return 1f;
    }

    @Override
    public int paramCount() {
        return 0;
    }

    @Override
    public void addParamGrads(float u, float o, float go, float gy, double[] acc, int offset) {
        // the Heaviside spike has no trainable scalars
    }
}
