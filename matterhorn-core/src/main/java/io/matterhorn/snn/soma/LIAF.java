package io.matterhorn.snn.soma;

import io.matterhorn.neuron.FiringStages;
import io.matterhorn.neuron.LiafStages;
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

    private LIAF(Builder b) {
        super(b.tauM, b.uThreshold(), b.uRest(), b.spikingFunction(), b.hardReset(), b.trainable());
        if (b.activation == null) {
            throw new IllegalArgumentException("LIAF: activation must not be null");
        }
        this.activation = b.activation;
    }

    /** @return a builder with the 1.0.1 defaults: tau_m = 1, ReLU and those of {@link SomaBuilder} */
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

    /** Builder for {@link LIAF}: tau_m, the activation and the settings of {@link SomaBuilder}; not thread-safe. */
    public static final class Builder extends SomaBuilder<LIAF, Builder> {
        private double tauM = 1.0;
        private Activation activation = Activation.relu();

        private Builder() {
        }

        /**
         * @param v membrane time constant tau_m in steps, positive and finite (default 1)
         * @return this builder
         */
        public Builder tauM(double v) {
            tauM = v;
            return this;
        }

        /**
         * @param a output activation, not null (default ReLU)
         * @return this builder
         */
        public Builder activation(Activation a) {
            activation = a;
            return this;
        }

        /** @return the neuron; the spiking function drives the reset, {@code trainable} trains tau_m */
        @Override
        public LIAF build() {
            return new LIAF(this);
        }
    }
}
