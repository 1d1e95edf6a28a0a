package io.matterhorn.snn.soma;

import io.matterhorn.neuron.EulerKind;


/**
 * Leaky integrator without spikes (NIR {@code LI}), per-neuron parameters, forward Euler with step dt:
 *
 * <pre>
 *   v = v + (dt / tau) ((v_leak - v) + r x),      y = v,      v starts at v_leak
 * </pre>
 *
 * Parameters {@code tau} (seconds, positive), {@code r}, {@code v_leak}, each of shape {@code neuronShape},
 * trainable; input and output {@code [B, ...neuronShape]} per step. The maths is
 * {@link EulerKind#LI}; see {@link ArraySoma}.
 */
public final class LI extends ArraySoma {
    /**
     * An LI with tau = 10 dt, r = 1, v_leak = 0 for every neuron (load other values through the state dict).
     *
     * @param neuronShape shape of one sample's neurons
     * @param dt Euler step in seconds
     */
    public LI(long[] neuronShape, double dt) {
        super(neuronShape, dt);
        registerKindParameters();
    }

    @Override
    public EulerKind kind() {
        return EulerKind.LI;
    }
}
