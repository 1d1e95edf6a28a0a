package io.matterhorn.snn.soma;

import io.matterhorn.tensor.Tensor;

/**
 * Leaky integrator without spikes (NIR {@code LI}), per-neuron parameters, forward Euler with step dt:
 *
 * <pre>
 *   v = v + (dt / tau) ((v_leak - v) + r x),      y = v,      v starts at v_leak
 * </pre>
 *
 * Parameters {@code tau} (seconds, positive), {@code r}, {@code v_leak}, each of shape {@code neuronShape},
 * trainable; input and output {@code [B, ...neuronShape]} per step. See {@link ArraySoma}.
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
        registerArray("tau", 10 * dt);
        registerArray("r", 1.0);
        registerArray("v_leak", 0.0);
    }

    @Override
    protected Tensor step(Tensor x) {
        Tensor vLeak = flat("v_leak");
        Tensor v = stateOr("v", vLeak, x.size(0));
        v = v.add(v.neg().add(vLeak).add(x.mul(flat("r"))).mul(stepOver("tau")));
        setState("v", v);
        return v;
    }

    @Override
    protected String describe() {
        return "LI(shape=" + java.util.Arrays.toString(neuronShape()) + ", dt=" + dt() + ")";
    }
}
