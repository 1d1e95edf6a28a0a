package io.matterhorn.snn.soma;

import io.matterhorn.neuron.EulerKind;


/**
 * Integrator without leak or spikes (NIR {@code I}, {@code dv/dt = r I}), per-neuron resistance:
 *
 * <pre>
 *   v = v + r x,      y = v,      v starts at 0
 * </pre>
 *
 * As for NIR's {@code IF} in this project, the input of one step is the charge it delivers, so dt does not appear
 * (an {@code I} followed by a {@code Threshold} is an {@code IF} without reset). Parameter {@code r} of shape
 * {@code neuronShape}, trainable. The maths is {@link EulerKind#I}; see {@link ArraySoma}.
 */
public final class Integrator extends ArraySoma {
    /**
     * An integrator with r = 1 for every neuron (load other values through the state dict).
     *
     * @param neuronShape shape of one sample's neurons
     * @param dt Euler step in seconds (kept for export; the equation does not use it)
     */
    public Integrator(long[] neuronShape, double dt) {
        super(neuronShape, dt);
        registerKindParameters();
    }

    @Override
    public EulerKind kind() {
        return EulerKind.I;
    }
}
