package io.matterhorn.neuron;

/**
 * The one definition of LIAF's firing and output stages (as in matterhorn 1.0.1): the Heaviside spike of a
 * surrogate drives the reset, the output is an activation of the potential. The response is the LIF's
 * ({@link LifDynamics}); the reset is {@link Reset}. Per neuron, float32:
 *
 * <pre>
 *   o = H(u - u_th)  (H(0) = 1)     do/du = g(u - u_th)   (the surrogate derivative; its argument u - u_th)
 *   y = act(u - u_rest)             dy/du = act'(u - u_rest),   dy/do = 0
 * </pre>
 *
 * No stage parameters. The per-step graph of {@code io.matterhorn.snn.soma.LIAF} is the tensor form of these lines.
 * Immutable.
 *
 * @param surrogate the surrogate derivative g, not null
 * @param act the output activation, not null
 * @param uTh threshold u_th
 * @param uRest resting potential u_rest
 */
public record LiafStages(SurrogateDerivative surrogate, OutputActivation act, float uTh, float uRest)
        implements FiringStages {
    /**
     * @throws IllegalArgumentException if the surrogate or the activation is null
     */
    public LiafStages {
        if (surrogate == null || act == null) {
            throw new IllegalArgumentException("LiafStages: surrogate and activation must be given");
        }
    }

    @Override
    public float fire(float u) {
        return u - uTh >= 0 ? 1f : 0f;
    }

    @Override
    public float dFireDu(float u) {
        return (float) surrogate.derivative(u - uTh);
    }

    @Override
    public float output(float u, float o) {
        return act.value(u - uRest);
    }

    @Override
    public float dOutputDu(float u, float o) {
        return act.derivative(u - uRest);
    }

    @Override
    public float dOutputDo(float u, float o) {
        return 0f;
    }

    @Override
    public int paramCount() {
        return 0;
    }

    @Override
    public void addParamGrads(float u, float o, float go, float gy, double[] acc, int offset) {
        // the activation has no trainable parameters
    }
}
