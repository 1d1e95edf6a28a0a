package io.matterhorn.snn.soma;

import io.matterhorn.neuron.EulerKind;

import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;

/**
 * Current-based leaky integrate-and-fire (NIR {@code CubaLIF}): a synaptic current filters the input and drives the
 * membrane, per-neuron parameters, forward Euler with step dt:
 *
 * <pre>
 *   i = i + (dt / tau_syn) (-i + w_in x)
 *   v = v + (dt / tau_mem) ((v_leak - v) + r i)          (with the updated i)
 *   z = H(v - v_threshold)   (H(0) = 1; surrogate gradient),     v = z ? v_reset : v,     y = z
 * </pre>
 *
 * The state starts at {@code i = 0}, {@code v = v_leak}. Parameters {@code tau_syn}, {@code tau_mem} (seconds),
 * {@code r}, {@code w_in}, {@code v_leak}, {@code v_threshold}, {@code v_reset}, each of shape {@code neuronShape}
 * and trainable. The maths is {@link EulerKind#CUBA_LIF}; see {@link ArraySoma}.
 */
public final class CubaLIF extends ArraySoma {
    private final Surrogate spikingFunction;

    /**
     * A CubaLIF with tau_syn = 5 dt, tau_mem = 10 dt, r = w_in = 1, v_leak = v_reset = 0, v_threshold = 1 (load
     * other values through the state dict).
     *
     * @param neuronShape shape of one sample's neurons
     * @param dt Euler step in seconds
     * @param spikingFunction surrogate of the Heaviside step (null: {@link Rectangular})
     */
    public CubaLIF(long[] neuronShape, double dt, Surrogate spikingFunction) {
        super(neuronShape, dt);
        this.spikingFunction = spikingFunction == null ? new Rectangular() : spikingFunction;
        registerKindParameters();
    }

    @Override
    public EulerKind kind() {
        return EulerKind.CUBA_LIF;
    }

    /** @return the surrogate of the firing step */
    public Surrogate spikingFunction() {
        return spikingFunction;
    }

    @Override
    protected Surrogate surrogate() {
        return spikingFunction;
    }
}
