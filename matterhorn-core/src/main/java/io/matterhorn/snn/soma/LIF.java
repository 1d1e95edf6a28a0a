package io.matterhorn.snn.soma;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.neuron.ParameterBounds;
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
 * parameters, the 1.0.1 default constructor and the builder.
 */
public final class LIF extends Soma {
    private final Tensor tauM;

    /** A LIF neuron with the 1.0.1 defaults. */
    public LIF() {
        this(builder());
    }

    private LIF(Builder b) {
        super(b.uThreshold(), b.uRest(), b.spikingFunction(), b.hardReset());
        ParameterBounds.requireTimeConstant("LIF tau_m", b.tauM);
        this.tauM = registerScalar("tau_m", b.tauM, b.trainable());
    }

    /** @return a builder with the 1.0.1 defaults: tau_m = 2 and those of {@link SomaBuilder} */
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

    /** Builder for {@link LIF}: tau_m and the settings of {@link SomaBuilder}; not thread-safe. */
    public static final class Builder extends SomaBuilder<LIF, Builder> {
        private double tauM = 2.0;

        private Builder() {
        }

        /**
         * @param v membrane time constant tau_m in steps, positive and finite (default 2)
         * @return this builder
         */
        public Builder tauM(double v) {
            tauM = v;
            return this;
        }

        /** @return the neuron; {@code trainable} trains tau_m */
        @Override
        public LIF build() {
            return new LIF(this);
        }
    }
}
