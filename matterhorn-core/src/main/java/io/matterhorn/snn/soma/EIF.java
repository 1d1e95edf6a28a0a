package io.matterhorn.snn.soma;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.neuron.ParameterBounds;
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

    private EIF(Builder b) {
        super(b.uThreshold(), b.uRest(), b.spikingFunction(), b.hardReset());
        ParameterBounds.requireTimeConstant("EIF tau_m", b.tauM);
        requireFinite("EIF u_t", b.uT);
        ParameterBounds.requireTimeConstant("EIF delta_t", b.deltaT);
        this.tauM = registerScalar("tau_m", b.tauM, b.trainable());
        this.deltaT = registerScalar("delta_t", b.deltaT, b.trainable());
        this.uT = registerScalar("u_t", b.uT, b.trainable());
    }

    /** @return a builder with the 1.0.1 defaults: tau_m = 2, u_t = 8, delta_t = 1 and those of {@link SomaBuilder} */
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

    /** Builder for {@link EIF}: tau_m, u_t, delta_t and the settings of {@link SomaBuilder}; not thread-safe. */
    public static final class Builder extends SomaBuilder<EIF, Builder> {
        private double tauM = 2.0;
        private double uT = 8.0;
        private double deltaT = 1.0;

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

        /**
         * @param v rheobase potential u_t, finite (default 8)
         * @return this builder
         */
        public Builder uT(double v) {
            uT = v;
            return this;
        }

        /**
         * @param v sharpness delta_t, positive and finite (default 1)
         * @return this builder
         */
        public Builder deltaT(double v) {
            deltaT = v;
            return this;
        }

        /** @return the neuron; {@code trainable} trains tau_m, delta_t and u_t */
        @Override
        public EIF build() {
            return new EIF(this);
        }
    }
}
