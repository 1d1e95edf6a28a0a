package io.matterhorn.snn.soma;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.neuron.ParameterBounds;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;

/**
 * Leaky integrate-and-fire neuron: one Euler step of {@code tau du/dt = -(u - u_rest) + x},
 *
 * <pre>
 *   u = h + (1/tau_m) (-(h - u_rest) + x)
 *   du/dh = 1 - 1/tau_m,  du/dx = 1/tau_m,  du/dtau_m = -(1/tau_m^2) (-(h - u_rest) + x)
 * </pre>
 *
 * followed by firing and reset as in {@link Soma}. Defaults as in matterhorn 1.0.1: {@code tau_m = 2},
 * {@code u_th = 1}, {@code u_rest = 0}, Rectangular(2) surrogate, hard reset, tau_m not trainable.
 * Note the input is scaled by 1/tau_m (the 1.0.1 README omits that; the code, which this follows, has it).
 * The maths is written once, in {@link NeuronKind#LIF} (its {@code LifDynamics} record); this class holds the
 * parameters and the 1.0.1 constructor and builder.
 */
public final class LIF extends Soma {
    private final Tensor tauM;

    /** A LIF neuron with the 1.0.1 defaults. */
    public LIF() {
        this(builder());
    }

    /**
     * @param tauM membrane time constant, positive
     * @param uThreshold threshold
     * @param uRest resting potential
     * @param spikingFunction surrogate
     * @param hardReset hard or soft reset
     * @param trainable whether tau_m is trained
     */
    public LIF(double tauM, double uThreshold, double uRest, Surrogate spikingFunction, boolean hardReset,
            boolean trainable) {
        super(uThreshold, uRest, spikingFunction, hardReset);
        ParameterBounds.requireTimeConstant("LIF tau_m", tauM);
        this.tauM = registerScalar("tau_m", tauM, trainable);
    }

    private LIF(Builder b) {
        this(b.tauM, b.uThreshold, b.uRest, b.spikingFunction, b.hardReset, b.trainable);
    }

    /** @return a builder with the 1.0.1 defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the membrane time constant parameter (0-d) */
    public Tensor tauM() {
        return tauM;
    }

    @Override
    protected NeuronKind neuronKind() {
        return NeuronKind.LIF;
    }

    @Override
    protected String describe() {
        return "LIF(tau_m=" + tauM.item() + ", " + describeReset() + ", trainable=" + tauM.requiresGrad() + ")";
    }

    /** Builder for {@link LIF}; every setter has the 1.0.1 default. */
    public static final class Builder {
        private double tauM = 2.0;
        private double uThreshold = 1.0;
        private double uRest = 0.0;
        private Surrogate spikingFunction = new Rectangular();
        private boolean hardReset = true;
        private boolean trainable;

        private Builder() {
        }

        /**
         * @param v membrane time constant tau_m, in steps (default 2)
         * @return this builder
         */
        public Builder tauM(double v) {
            tauM = v;
            return this;
        }

        /**
         * @param v firing threshold u_th (default 1)
         * @return this builder
         */
        public Builder uThreshold(double v) {
            uThreshold = v;
            return this;
        }

        /**
         * @param v resting potential u_rest, also the initial state (default 0)
         * @return this builder
         */
        public Builder uRest(double v) {
            uRest = v;
            return this;
        }

        /**
         * @param s surrogate (default Rectangular(2))
         * @return this builder
         */
        public Builder spikingFunction(Surrogate s) {
            spikingFunction = s;
            return this;
        }

        /**
         * @param v true (default) for a hard reset to the resting potential after a spike, false for a soft reset
         *     that subtracts u_th - u_rest
         * @return this builder
         */
        public Builder hardReset(boolean v) {
            hardReset = v;
            return this;
        }

        /**
         * @param v whether tau_m is trained (default false)
         * @return this builder
         */
        public Builder trainable(boolean v) {
            trainable = v;
            return this;
        }

        /** @return the neuron */
        public LIF build() {
            return new LIF(this);
        }
    }
}
