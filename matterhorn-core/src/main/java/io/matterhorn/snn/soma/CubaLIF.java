package io.matterhorn.snn.soma;

import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;

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
 * and trainable. See {@link ArraySoma}.
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
        registerArray("tau_syn", 5 * dt);
        registerArray("tau_mem", 10 * dt);
        registerArray("r", 1.0);
        registerArray("w_in", 1.0);
        registerArray("v_leak", 0.0);
        registerArray("v_threshold", 1.0);
        registerArray("v_reset", 0.0);
    }

    /** @return the surrogate of the firing step */
    public Surrogate spikingFunction() {
        return spikingFunction;
    }

    @Override
    protected Tensor step(Tensor x) {
        long b = x.size(0);
        Tensor vLeak = flat("v_leak");
        Tensor i = stateOr("i", null, b);
        i = i.add(i.neg().add(x.mul(flat("w_in"))).mul(stepOver("tau_syn")));
        Tensor v = stateOr("v", vLeak, b);
        v = v.add(v.neg().add(vLeak).add(i.mul(flat("r"))).mul(stepOver("tau_mem")));
        Tensor z = spikingFunction.apply(v.sub(flat("v_threshold")));
        setState("i", i);
        setState("v", resetTo(v, z, flat("v_reset")));
        return z;
    }

    @Override
    protected String describe() {
        return "CubaLIF(shape=" + java.util.Arrays.toString(neuronShape()) + ", dt=" + dt() + ", spiking_function="
                + spikingFunction + ")";
    }
}
