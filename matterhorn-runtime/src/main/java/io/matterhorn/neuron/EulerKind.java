package io.matterhorn.neuron;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The neuron families that NIR states with per-neuron parameters (LI, LIF, IF, I, CubaLI, CubaLIF), by which of the
 * three stages they have: a synaptic current filter, a leak, and firing with reset. Their one step is
 * {@link EulerNeuron}.
 */
public enum EulerKind {
    /** Leaky integrator, analog output v (NIR LI). */
    LI(false, true, false),
    /** Leaky integrate-and-fire (NIR LIF). */
    LIF(false, true, true),
    /** Integrate-and-fire without leak (NIR IF). */
    IF(false, false, true),
    /** Integrator without leak or spikes (NIR I). */
    I(false, false, false),
    /** Current-based leaky integrator, analog output v (NIR CubaLI). */
    CUBA_LI(true, true, false),
    /** Current-based leaky integrate-and-fire (NIR CubaLIF). */
    CUBA_LIF(true, true, true);

    private final boolean current;
    private final boolean leaky;
    private final boolean spiking;
    private final List<String> paramNames;

    EulerKind(boolean current, boolean leaky, boolean spiking) {
        this.current = current;
        this.leaky = leaky;
        this.spiking = spiking;
        List<String> p = new ArrayList<>();
        if (current) {
            p.add("tau_syn");
            p.add("tau_mem");
        } else if (leaky) {
            p.add("tau");
        }
        p.add("r");
        if (current) {
            p.add("w_in");
        }
        if (leaky) {
            p.add("v_leak");
        }
        if (spiking) {
            p.add("v_threshold");
            p.add("v_reset");
        }
        this.paramNames = Collections.unmodifiableList(p);
    }

    /** @return whether a synaptic current filters the input (CubaLI, CubaLIF) */
    public boolean current() {
        return current;
    }

    /** @return whether the membrane leaks towards v_leak */
    public boolean leaky() {
        return leaky;
    }

    /** @return whether the neuron fires and resets (output 0/1) rather than returning v */
    public boolean spiking() {
        return spiking;
    }

    /** @return the NIR names of the per-neuron parameters, in kernel order */
    public List<String> paramNames() {
        return paramNames;
    }

    /**
     * @param name a parameter name
     * @return its index in {@link #paramNames()}, or -1
     */
    public int index(String name) {
        return paramNames.indexOf(name);
    }
}
