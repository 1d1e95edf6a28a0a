package io.matterhorn.snn.soma;

import io.matterhorn.neuron.EulerKind;

import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;

/**
 * Leaky or non-leaky integrate-and-fire with per-neuron parameters (NIR {@code LIF} and {@code IF}), forward Euler
 * with step dt:
 *
 * <pre>
 *   LIF: v = v + (dt / tau) ((v_leak - v) + r x)
 *   IF : v = v + r x
 *   z = H(v - v_threshold)   (H(0) = 1; surrogate gradient),     v = z ? v_reset : v,     y = z
 * </pre>
 *
 * The state starts at {@code v_leak} (LIF) or {@code v_reset} (IF). Parameters {@code tau} (LIF only, seconds),
 * {@code r}, {@code v_leak} (LIF only), {@code v_threshold}, {@code v_reset}, each of shape {@code neuronShape}
 * and trainable. Unlike {@link LIF} the reset value may differ from the leak potential. The maths is
 * {@link EulerKind#LIF} and {@link EulerKind#IF}; see {@link ArraySoma}.
 */
public final class ArrayLIF extends ArraySoma {
    private final boolean leaky;
    private final Surrogate spikingFunction;

    private ArrayLIF(long[] neuronShape, double dt, boolean leaky, Surrogate spikingFunction) {
        super(neuronShape, dt);
        this.leaky = leaky;
        this.spikingFunction = spikingFunction == null ? new Rectangular() : spikingFunction;
        registerKindParameters();
    }

    /**
     * The leaky neuron (NIR {@code LIF}): tau = 10 dt, r = 1, v_leak = v_reset = 0, v_threshold = 1 for every neuron
     * (load other values through the state dict).
     *
     * @param neuronShape shape of one sample's neurons, positive sizes
     * @param dt Euler step in seconds, positive
     * @param spikingFunction surrogate of the Heaviside step (null: {@link Rectangular})
     * @return the layer
     */
    public static ArrayLIF leaky(long[] neuronShape, double dt, Surrogate spikingFunction) {
        return new ArrayLIF(neuronShape, dt, true, spikingFunction);
    }

    /**
     * The non-leaky neuron (NIR {@code IF}): r = 1, v_reset = 0, v_threshold = 1 for every neuron (load other values
     * through the state dict).
     *
     * @param neuronShape shape of one sample's neurons, positive sizes
     * @param dt Euler step in seconds, positive
     * @param spikingFunction surrogate of the Heaviside step (null: {@link Rectangular})
     * @return the layer
     */
    public static ArrayLIF nonLeaky(long[] neuronShape, double dt, Surrogate spikingFunction) {
        return new ArrayLIF(neuronShape, dt, false, spikingFunction);
    }

    @Override
    public EulerKind kind() {
        return leaky ? EulerKind.LIF : EulerKind.IF;
    }

    /** @return true for LIF, false for IF */
    public boolean leaky() {
        return leaky;
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
