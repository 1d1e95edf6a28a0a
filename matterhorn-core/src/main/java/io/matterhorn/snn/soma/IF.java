package io.matterhorn.snn.soma;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;

/**
 * Integrate-and-fire neuron without leak: {@code u = h + x} (du/dh = 1, du/dx = 1), then firing and reset as in
 * {@link Soma}. {@code u_rest} is used only as the initial state and in the reset. As in 1.0.1 it has a
 * {@code tau_m} parameter fixed at 1 and never trained.
 */
public final class IF extends Soma {
    /** An IF neuron with the 1.0.1 defaults: u_th = 1, u_rest = 0, Rectangular(2), hard reset. */
    public IF() {
        this(1.0, 0.0, new Rectangular(), true);
    }

    /**
     * @param uThreshold threshold
     * @param uRest resting potential
     * @param spikingFunction surrogate
     * @param hardReset hard or soft reset
     */
    public IF(double uThreshold, double uRest, Surrogate spikingFunction, boolean hardReset) {
        super(uThreshold, uRest, spikingFunction, hardReset);
        registerScalar("tau_m", 1.0, false);
    }

    @Override
    protected NeuronKind neuronKind() {
        return NeuronKind.IF;
    }

    @Override
    protected String describe() {
        return "IF(" + describeReset() + ")";
    }
}
