package io.matterhorn.snn.soma;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.neuron.FiringStages;
import io.matterhorn.neuron.NeuronDynamics;
import io.matterhorn.neuron.ParameterBounds;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;

/**
 * Base of the somas with an analog output (matterhorn 1.0.1's {@code AnalogSoma}): the LIF response,
 * reused from its one definition ({@link NeuronKind#LIF}),
 *
 * <pre>
 *   u = h + (1/tau_m) (-(h - u_rest) + x)        (float32 order: (x - (h - u_rest)) / tau_m + h, as {@link LIF})
 * </pre>
 *
 * then a reset-driving value {@code o = fire(u)} and an analog output {@code y = output(u, o)} that the soma
 * returns instead of o. The reset uses o ({@link Soma}). Subclasses define {@link #fire(Tensor)} (unless the
 * Heaviside spike of the surrogate is wanted), {@link #output(Tensor, Tensor)} and {@link #firingStages()}; both
 * the per-step graph and the fused kernel ({@link io.matterhorn.neuron.NeuronSequences}) then give the same
 * values and the
 * gradient of every trainable scalar. The first registered scalar is {@code tau_m}; subclasses register theirs
 * after it and return them from {@link #stageParameters()}.
 */
public abstract class AnalogSoma extends Soma {
    private final Tensor tauM;

    /**
     * A soma whose reset is driven by the Heaviside spike of {@code spikingFunction}.
     *
     * @param tauM membrane time constant, positive
     * @param uThreshold threshold
     * @param uRest resting potential
     * @param spikingFunction surrogate, not null
     * @param hardReset hard or soft reset
     * @param trainable whether tau_m is trained
     */
    protected AnalogSoma(double tauM, double uThreshold, double uRest, Surrogate spikingFunction, boolean hardReset,
            boolean trainable) {
        super(uThreshold, uRest, spikingFunction, hardReset);
        ParameterBounds.requireTimeConstant(getClass().getSimpleName() + " tau_m", tauM);
        this.tauM = registerScalar("tau_m", tauM, trainable);
    }

    /**
     * A soma with its own firing function ({@link #fire(Tensor)} must be overridden).
     *
     * @param tauM membrane time constant, positive
     * @param uThreshold threshold
     * @param uRest resting potential
     * @param hardReset hard or soft reset
     * @param trainable whether tau_m is trained
     */
    protected AnalogSoma(double tauM, double uThreshold, double uRest, boolean hardReset, boolean trainable) {
        super(uThreshold, uRest, hardReset);
        ParameterBounds.requireTimeConstant(getClass().getSimpleName() + " tau_m", tauM);
        this.tauM = registerScalar("tau_m", tauM, trainable);
    }

    /** @return the membrane time constant parameter (0-d) */
    public Tensor tauM() {
        return tauM;
    }

    /** @return {@link NeuronKind#LIF}: the response is LIF's one definition */
    @Override
    protected final NeuronKind neuronKind() {
        return NeuronKind.LIF;
    }

    /** @return LIF's response for the fused kernel, or null when {@link #fusable()} is false (then stepping) */
    @Override
    protected final NeuronDynamics dynamics() {
        return fusable() ? super.dynamics() : null;
    }

    /** @return whether {@link #firingStages()} can describe this soma (default true) */
    protected boolean fusable() {
        return true;
    }

    @Override
    protected abstract Tensor output(Tensor u, Tensor o);

    @Override
    protected abstract FiringStages firingStages();
}
