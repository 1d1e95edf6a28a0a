package io.matterhorn.snn.soma;

import io.matterhorn.neuron.EulerKind;


/**
 * Current-based leaky integrator without spikes (NIR {@code CubaLI}): a synaptic current filters the input and
 * drives the membrane, whose potential is the output; per-neuron parameters, forward Euler with step dt:
 *
 * <pre>
 *   i = i + (dt / tau_syn) (-i + w_in x)
 *   v = v + (dt / tau_mem) ((v_leak - v) + r i)          (with the updated i),      y = v
 * </pre>
 *
 * The state starts at {@code i = 0}, {@code v = v_leak}. Parameters {@code tau_syn}, {@code tau_mem} (seconds),
 * {@code r}, {@code w_in}, {@code v_leak}, each of shape {@code neuronShape} and trainable. The maths is
 * {@link EulerKind#CUBA_LI}; see {@link ArraySoma}.
 */
public final class CubaLI extends ArraySoma {
    /**
     * A CubaLI with tau_syn = 5 dt, tau_mem = 10 dt, r = w_in = 1, v_leak = 0 (load other values through the state
     * dict).
     *
     * @param neuronShape shape of one sample's neurons
     * @param dt Euler step in seconds
     */
    public CubaLI(long[] neuronShape, double dt) {
        super(neuronShape, dt);
        registerKindParameters();
    }

    @Override
    public EulerKind kind() {
        return EulerKind.CUBA_LI;
    }
}
