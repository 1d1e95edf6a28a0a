package io.matterhorn.snn.soma;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.neuron.ParameterBounds;
import io.matterhorn.tensor.Tensor;

/**
 * Quadratic integrate-and-fire neuron: one Euler step of
 * {@code tau du/dt = -a_0 (u - u_rest)(u - u_c) + x},
 *
 * <pre>
 *   u = h + (1/tau_m) (-a_0 (h - u_rest)(h - u_c) + x)
 *   du/dh = 1 - (a_0/tau_m) ((h - u_c) + (h - u_rest)),  du/dx = 1/tau_m
 *   du/dtau_m = -(1/tau_m^2) (-a_0 (h - u_rest)(h - u_c) + x)
 *   du/da_0 = -(h - u_rest)(h - u_c) / tau_m,  du/du_c = a_0 (h - u_rest) / tau_m
 * </pre>
 *
 * followed by firing and reset as in {@link Soma}. Defaults as in matterhorn 1.0.1: {@code tau_m = 2},
 * {@code u_th = 1}, {@code u_rest = 0}, {@code u_c = 0.8}, {@code a_0 = 1}, Rectangular(2), hard reset, not
 * trainable. Trainable scalars (in this order): {@code tau_m}, {@code a_0}, {@code u_c}.
 *
 * <p><b>Sign (kept from 1.0.1, docs/differences-from-1.0.1.md #4).</b> The 1.0.1 docstring writes {@code +a_0 (u -
 * u_rest)(u - u_c)}; its code, which this class follows for parity, has the minus sign. So {@code u_c} is a
 * <em>stable</em> fixed point and {@code u_rest} an unstable one, the reverse of a textbook QIF: without input the
 * potential drifts towards u_c (from rest after one input of 0.5: 0.25, 0.31875, 0.395449, 0.475439, 0.552593). To get
 * the textbook behaviour use a negative {@code a_0}.
 */
public final class QIF extends Soma {
    private final Tensor tauM;
    private final Tensor a0;
    private final Tensor uC;

    /** A QIF neuron with the 1.0.1 defaults. */
    public QIF() {
        this(builder());
    }

    private QIF(Builder b) {
        super(b.uThreshold(), b.uRest(), b.spikingFunction(), b.hardReset());
        ParameterBounds.requireTimeConstant("QIF tau_m", b.tauM);
        requireFinite("QIF u_c", b.uC);
        requireFinite("QIF a_0", b.a0);
        this.tauM = registerScalar("tau_m", b.tauM, b.trainable());
        this.a0 = registerScalar("a_0", b.a0, b.trainable());
        this.uC = registerScalar("u_c", b.uC, b.trainable());
    }

    /** @return a builder with the 1.0.1 defaults: tau_m = 2, u_c = 0.8, a_0 = 1 and those of {@link SomaBuilder} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the membrane time constant parameter (0-d) */
    public Tensor tauM() {
        return tauM;
    }

    /** @return the curvature parameter a_0 (0-d) */
    public Tensor a0() {
        return a0;
    }

    /** @return the critical potential parameter u_c (0-d) */
    public Tensor uC() {
        return uC;
    }

    @Override
    protected NeuronKind neuronKind() {
        return NeuronKind.QIF;
    }

    @Override
    protected String describe() {
        return "QIF(tau_m=" + tauM.item() + ", " + describeReset() + ", u_c=" + uC.item() + ", a_0=" + a0.item()
                + ", trainable=" + tauM.requiresGrad() + ")";
    }

    /** Builder for {@link QIF}: tau_m, u_c, a_0 and the settings of {@link SomaBuilder}; not thread-safe. */
    public static final class Builder extends SomaBuilder<QIF, Builder> {
        private double tauM = 2.0;
        private double uC = 0.8;
        private double a0 = 1.0;

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
         * @param v critical potential u_c, finite (default 0.8)
         * @return this builder
         */
        public Builder uC(double v) {
            uC = v;
            return this;
        }

        /**
         * @param v curvature a_0, finite (default 1; negative for the textbook QIF, see the class comment)
         * @return this builder
         */
        public Builder a0(double v) {
            a0 = v;
            return this;
        }

        /** @return the neuron; {@code trainable} trains tau_m, a_0 and u_c */
        @Override
        public QIF build() {
            return new QIF(this);
        }
    }
}
