package io.matterhorn.snn.soma;

import io.matterhorn.neuron.FiringStages;
import io.matterhorn.neuron.LiafStages;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;

/**
 * Leaky integrate-and-analog-fire neuron: a LIF whose reset is driven by its Heaviside spike but whose
 * output is the analog activation of the potential.
 *
 * <pre>
 *   u = h + (1/tau_m) (-(h - u_rest) + x)
 *   o = H(u - u_th)                           (surrogate gradient g(u - u_th))
 *   y = act(u - u_rest)                       (returned; ReLU by default)
 *   hard: h' = u (1 - o) + u_rest o,   soft: h' = u - (u_th - u_rest) o
 *   dy/du = act'(u - u_rest);  the reset path adds gh (dh'/du + dh'/do g(u - u_th)) as in {@link Soma}
 * </pre>
 *
 * Defaults as in matterhorn 1.0.1: {@code tau_m = 1} (no memory: {@code u = u_rest + x}), {@code u_th = 1},
 * {@code u_rest = 0}, Rectangular(2), ReLU, hard reset, tau_m not trainable. Trainable scalar: {@code tau_m}.
 * The output is analog, so it is not marked spike-valued (a following {@code Linear} uses the dense product).
 * Example from rest with the defaults: x = 0.5, 2.0, -1.0 gives y = 0.5, 2.0, 0.0 and h' = 0.5, 0.0, -1.0.
 * With a {@link Activation#graphOnly graph-only} activation sequences are stepped instead of fused. The firing and
 * output stages are defined once, in {@link LiafStages} (the fused kernel steps through it; the per-step graph is
 * their tensor form).
 */
public final class LIAF extends AnalogSoma {
    private final Activation activation;

    /** A LIAF neuron with the 1.0.1 defaults. */
    public LIAF() {
        this(builder());
    }

    /**
     * @param tauM membrane time constant, positive
     * @param uThreshold threshold
     * @param uRest resting potential
     * @param spikingFunction surrogate of the reset-driving spike
     * @param activation output activation, not null
     * @param hardReset hard or soft reset
     * @param trainable whether tau_m is trained
     */
    public LIAF(double tauM, double uThreshold, double uRest, Surrogate spikingFunction, Activation activation,
            boolean hardReset, boolean trainable) {
        super(tauM, uThreshold, uRest, spikingFunction, hardReset, trainable);
        if (activation == null) {
            throw new IllegalArgumentException("LIAF: activation must not be null");
        }
        this.activation = activation;
    }

    private LIAF(Builder b) {
        this(b.tauM, b.uThreshold, b.uRest, b.spikingFunction, b.activation, b.hardReset, b.trainable);
    }

    /** @return a builder with the 1.0.1 defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the output activation */
    public Activation activation() {
        return activation;
    }

    @Override
    protected Tensor output(Tensor u, Tensor o) {
        return activation.apply(u.sub(uRest));
    }

    @Override
    protected FiringStages firingStages() {
        return new LiafStages(spikingFunction, activation, uThreshold, uRest);
    }

    @Override
    protected boolean fusable() {
        return activation.hasScalarForm();
    }

    @Override
    protected String describe() {
        return "LIAF(tau_m=" + tauM().item() + ", " + describeReset() + ", activation_function=" + activation
                + ", trainable=" + tauM().requiresGrad() + ")";
    }

    /** Builder for {@link LIAF}; every setter has the 1.0.1 default. */
    public static final class Builder {
        private double tauM = 1.0;
        private double uThreshold = 1.0;
        private double uRest = 0.0;
        private Surrogate spikingFunction = new Rectangular();
        private Activation activation = Activation.relu();
        private boolean hardReset = true;
        private boolean trainable;

        private Builder() {
        }

        /**
         * @param v membrane time constant tau_m, in steps (default 1)
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
         * @param s surrogate of the reset-driving spike (default Rectangular(2))
         * @return this builder
         */
        public Builder spikingFunction(Surrogate s) {
            spikingFunction = s;
            return this;
        }

        /**
         * @param a output activation (default ReLU)
         * @return this builder
         */
        public Builder activation(Activation a) {
            activation = a;
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
        public LIAF build() {
            return new LIAF(this);
        }
    }
}
