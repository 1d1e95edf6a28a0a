package io.matterhorn.snn.soma;

import io.matterhorn.neuron.FiringStages;
import io.matterhorn.neuron.KlifStages;
import io.matterhorn.tensor.Tensor;
import java.util.List;

/**
 * KLIF neuron: a LIF response whose reset is driven by an analog "spike" and whose output is analog.
 *
 * <pre>
 *   u = h + (1/tau_m) (-(h - u_rest) + x)
 * o = ReLU(k (u - u_th)) do/du = k [k (u - u_th) &gt; 0], do/dk = (u - u_th) [k (u - u_th) &gt; 0]
 * y = ReLU(k (u - u_rest)) dy/du = k [k (u - u_rest) &gt; 0], dy/dk = (u - u_rest) [k (u - u_rest) &gt; 0]
 *   hard: h' = u (1 - o) + u_rest o          (0 &lt; o &lt; 1: partial reset; o &gt; 1: overshoot below u_rest)
 *   soft: h' = u - (u_th - u_rest) o
 * </pre>
 *
 * The firing and output stages are defined once, in {@link KlifStages} (the fused kernel steps through it; the
 * per-step graph below, {@link #fire(Tensor)} and {@link #output(Tensor, Tensor)}, is their tensor form, any
 * floating type). It has no spiking function ({@link #spikingFunction()} is null) and never emits binary spikes.
 * Defaults:
 * {@code tau_m = 1.0}, {@code u_th = 1.0}, {@code u_rest = 0.0}, {@code k = 0.2}, hard reset, not trainable.
 * Trainable scalars: {@code tau_m}, {@code k}. Example from rest with the defaults: x = 0.5, 2.0, 6.0, 0.0 gives
 * y = 0.1, 0.4, 1.2, 0.0 and h' = 0.5, 1.6, 0.0, 0.0.
 *
 * <p>Difference from 1.0.1: its defaults were Python ints, which made {@code tau_m} an int64 parameter and
 * {@code KLIF(trainable=True)} crash (docs/differences-from-1.0.1.md #2); here they are floats. The analog reset is
 * kept (docs/differences-from-1.0.1.md #3).
 */
public final class KLIF extends AnalogSoma {
    private final Tensor k;

    /** A KLIF neuron with the defaults (float, unlike 1.0.1's ints). */
    public KLIF() {
        this(builder());
    }

    private KLIF(Builder b) {
        super(b.tauM, b.uThreshold(), b.uRest(), b.hardReset(), b.trainable());
        requireFinite("KLIF k", b.k);
        this.k = registerScalar("k", b.k, b.trainable());
    }

    /**
     * @return a builder with the (float) defaults: tau_m = 1, k = 0.2 and those of {@link SomaBuilder}, but no
     *     spiking function (KLIF fires through ReLU(k (u - u_th)))
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the slope parameter k (0-d) */
    public Tensor k() {
        return k;
    }

    @Override
    protected Tensor fire(Tensor u) {
        return u.sub(uThreshold).mul(k).relu();
    }

    @Override
    protected Tensor output(Tensor u, Tensor o) {
        return u.sub(uRest).mul(k).relu();
    }

    @Override
    protected FiringStages firingStages() {
        return new KlifStages((float) k.item(), uThreshold, uRest);
    }

    @Override
    protected List<Tensor> stageParameters() {
        return List.of(k);
    }

    @Override
    protected String describe() {
        return "KLIF(tau_m=" + tauM().item() + ", " + describeReset() + ", k=" + k.item() + ", trainable="
                + tauM().requiresGrad() + ")";
    }

    /**
     * Builder for {@link KLIF}: tau_m, k and the settings of {@link SomaBuilder} except the spiking function (a
     * spiking function set here is rejected by {@link #build()}); not thread-safe.
     */
    public static final class Builder extends SomaBuilder<KLIF, Builder> {
        private double tauM = 1.0;
        private double k = 0.2;

        private Builder() {
            spikingFunction(null);
        }

        /**
         * @param v membrane time constant tau_m in steps, positive and finite (default 1.0)
         * @return this builder
         */
        public Builder tauM(double v) {
            tauM = v;
            return this;
        }

        /**
         * @param v slope k of the firing and output functions, finite (default 0.2)
         * @return this builder
         */
        public Builder k(double v) {
            k = v;
            return this;
        }

        /** @return the neuron; {@code trainable} trains tau_m and k */
        @Override
        public KLIF build() {
            requireUnchanged("KLIF", "spiking function", spikingFunction() != null,
                    "KLIF fires through ReLU(k (u - u_th)), not a surrogate spike");
            return new KLIF(this);
        }
    }
}
