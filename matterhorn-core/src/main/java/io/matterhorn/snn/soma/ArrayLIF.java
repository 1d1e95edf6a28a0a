package io.matterhorn.snn.soma;

import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;

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
 * and trainable. Unlike {@link LIF} the reset value may differ from the leak potential. See {@link ArraySoma}.
 */
public final class ArrayLIF extends ArraySoma {
    private final boolean leaky;
    private final Surrogate spikingFunction;

    /**
     * @param neuronShape shape of one sample's neurons
     * @param dt Euler step in seconds
     * @param leaky true for LIF, false for IF
     * @param spikingFunction surrogate of the Heaviside step (null: {@link Rectangular})
     */
    public ArrayLIF(long[] neuronShape, double dt, boolean leaky, Surrogate spikingFunction) {
        super(neuronShape, dt);
        this.leaky = leaky;
        this.spikingFunction = spikingFunction == null ? new Rectangular() : spikingFunction;
        if (leaky) {
            registerArray("tau", 10 * dt);
        }
        registerArray("r", 1.0);
        if (leaky) {
            registerArray("v_leak", 0.0);
        }
        registerArray("v_threshold", 1.0);
        registerArray("v_reset", 0.0);
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
    protected Tensor step(Tensor x) {
        Tensor ix = x.mul(flat("r"));
        Tensor v;
        if (leaky) {
            Tensor vLeak = flat("v_leak");
            v = stateOr("v", vLeak, x.size(0));
            v = v.add(v.neg().add(vLeak).add(ix).mul(stepOver("tau")));
        } else {
            v = stateOr("v", flat("v_reset"), x.size(0)).add(ix);
        }
        Tensor z = spikingFunction.apply(v.sub(flat("v_threshold")));
        setState("v", resetTo(v, z, flat("v_reset")));
        return z;
    }

    @Override
    protected String describe() {
        return (leaky ? "ArrayLIF" : "ArrayIF") + "(shape=" + java.util.Arrays.toString(neuronShape()) + ", dt=" + dt()
                + ", spiking_function=" + spikingFunction + ")";
    }
}
