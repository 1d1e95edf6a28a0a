package io.matterhorn.snn.soma;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.neuron.ParameterBounds;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;

/**
 * Exponential integrate-and-fire neuron: one Euler step of
 * {@code tau du/dt = -(u - u_rest) + delta_t exp((u - u_t)/delta_t) + x}. With {@code e = exp((h - u_t)/delta_t)}:
 *
 * <pre>
 *   u = h + (1/tau_m) (-(h - u_rest) + delta_t e + x)
 *   du/dh = 1 + (e - 1)/tau_m,  du/dx = 1/tau_m,  du/dtau_m = -(1/tau_m^2) (-(h - u_rest) + delta_t e + x)
 *   du/ddelta_t = e (1 - (h - u_t)/delta_t) / tau_m,  du/du_t = -e / tau_m
 * </pre>
 *
 * followed by firing and reset as in {@link Soma}. Defaults as in matterhorn 1.0.1: {@code tau_m = 2},
 * {@code u_th = 1}, {@code u_rest = 0}, {@code u_t = 8} (so e is about e^-8 near rest), {@code delta_t = 1},
 * Rectangular(2), hard reset, not trainable. Trainable scalars (in this order): {@code tau_m}, {@code delta_t},
 * {@code u_t}. From rest, input 0.5 four times gives 0.250168, 0.375299, 0.437894, 0.469207. (The head commit
 * after 1.0.1 renames the class {@code ExpIF}.)
 */
public final class EIF extends Soma {
    private final Tensor tauM;
    private final Tensor deltaT;
    private final Tensor uT;

    /** An EIF neuron with the 1.0.1 defaults. */
    public EIF() {
        this(builder());
    }

    /**
     * @param tauM membrane time constant, positive
     * @param uThreshold threshold
     * @param uRest resting potential
     * @param uT rheobase potential u_t
     * @param deltaT sharpness delta_t, positive
     * @param spikingFunction surrogate
     * @param hardReset hard or soft reset
     * @param trainable whether tau_m, delta_t and u_t are trained
     */
    public EIF(double tauM, double uThreshold, double uRest, double uT, double deltaT, Surrogate spikingFunction,
            boolean hardReset, boolean trainable) {
        super(uThreshold, uRest, spikingFunction, hardReset);
        ParameterBounds.requireTimeConstant("EIF tau_m", tauM);
        requireFinite("EIF u_t", uT);
        ParameterBounds.requireTimeConstant("EIF delta_t", deltaT);
        this.tauM = registerScalar("tau_m", tauM, trainable);
        this.deltaT = registerScalar("delta_t", deltaT, trainable);
        this.uT = registerScalar("u_t", uT, trainable);
    }

    private EIF(Builder b) {
        this(b.tauM, b.uThreshold, b.uRest, b.uT, b.deltaT, b.spikingFunction, b.hardReset, b.trainable);
    }

    /** @return a builder with the 1.0.1 defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the membrane time constant parameter (0-d) */
    public Tensor tauM() {
        return tauM;
    }

    /** @return the sharpness parameter delta_t (0-d) */
    public Tensor deltaT() {
        return deltaT;
    }

    /** @return the rheobase parameter u_t (0-d) */
    public Tensor uT() {
        return uT;
    }

    @Override
    protected NeuronKind neuronKind() {
        return NeuronKind.EIF;
    }

    @Override
    protected String describe() {
        return "EIF(tau_m=" + tauM.item() + ", " + describeReset() + ", u_t=" + uT.item() + ", delta_t="
                + deltaT.item() + ", trainable=" + tauM.requiresGrad() + ")";
    }

    /** Builder for {@link EIF}; every setter has the 1.0.1 default. */
    public static final class Builder {
        private double tauM = 2.0;
        private double uThreshold = 1.0;
        private double uRest = 0.0;
        private double uT = 8.0;
        private double deltaT = 1.0;
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
         * @param v rheobase potential u_t (default 8)
         * @return this builder
         */
        public Builder uT(double v) {
            uT = v;
            return this;
        }

        /**
         * @param v sharpness delta_t (default 1)
         * @return this builder
         */
        public Builder deltaT(double v) {
            deltaT = v;
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
         * @param v whether tau_m, delta_t and u_t are trained (default false)
         * @return this builder
         */
        public Builder trainable(boolean v) {
            trainable = v;
            return this;
        }

        /** @return the neuron */
        public EIF build() {
            return new EIF(this);
        }
    }
}
