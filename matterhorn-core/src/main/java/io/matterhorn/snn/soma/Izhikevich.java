package io.matterhorn.snn.soma;

import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.factory.Nd4j;

/**
 * matterhorn 1.0.1's Izhikevich soma, equations kept as they are. The state has two variables, the
 * potential h and the recovery variable w, both starting at 0. Per step:
 *
 * <pre>
 *   w := w + a (b h - w)                           (the updated w is used below)
 *   u = h + 0.04 h^2 + 5 h + 140 - w + x
 *   o = H(u - u_th)                                (surrogate gradient)
 *   hard: h' = u (1 - o),  soft: h' = u - u_th o   (u_rest = 0); w is unchanged by a spike
 * </pre>
 *
 * Defaults: {@code a = 1}, {@code b = 1}, {@code u_th = 1}, Rectangular(2), hard reset, not trainable.
 * Registered scalars: {@code tau_m} (fixed value 1, trainable flag as given, but <b>unused</b> by the response, as
 * in 1.0.1), {@code a}, {@code b}. Gradients reach a and b through w.
 *
 * <p><b>Behaviour of the defaults.</b> The equations are on a millivolt scale (the constant 140) while the
 * threshold is 1, so from rest u = 140 at the first step: the neuron fires at every step and h is reset to 0
 * each time. For the usual Izhikevich model with its c/d reset use {@link IzhikevichStandard}.
 *
 * <p><b>Differences from 1.0.1.</b> 1.0.1's constructor always crashed (its reset read w before w existed;
 * docs/differences-from-1.0.1.md #1); here w is created before any reset. There is no c or d parameter and w does not
 * jump on a spike (docs/differences-from-1.0.1.md #40, kept). {@link #reset()} returns both variables to 0 and
 * {@link #detach()} detaches both. Sequences are stepped through the per-step graph (no fused kernel).
 *
 * <p>The equations are defined once, in {@link io.matterhorn.neuron.IzhikevichNeuron} ({@code recovery101},
 * {@code charge101}, {@code step101}); {@link #response} is their tensor form in the same float32 order (a test keeps
 * the two equal bit for bit), and in float64 the graph the gradient checks differentiate.
 */
public final class Izhikevich extends Soma {
    private final Tensor tauM;
    private final Tensor a;
    private final Tensor b;
    private Tensor w;

    /** An Izhikevich soma with the 1.0.1 defaults (fires at every step, see the class comment). */
    public Izhikevich() {
        this(builder());
    }

    private Izhikevich(Builder bd) {
        super(bd.uThreshold(), 0.0, bd.spikingFunction(), bd.hardReset());
        requireFinite("Izhikevich a", bd.a);
        requireFinite("Izhikevich b", bd.b);
        this.tauM = registerScalar("tau_m", 1.0, bd.trainable());
        this.a = registerScalar("a", bd.a, bd.trainable());
        this.b = registerScalar("b", bd.b, bd.trainable());
    }

    /** @return a builder with the 1.0.1 defaults: a = 1, b = 1 and those of {@link SomaBuilder} (u_rest fixed 0) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the parameter a (0-d) */
    public Tensor a() {
        return a;
    }

    /** @return the parameter b (0-d) */
    public Tensor b() {
        return b;
    }

    /** @return the registered but unused time constant (0-d, value 1) */
    public Tensor tauM() {
        return tauM;
    }

    /** @return the recovery variable after the last step [B, ...], or null at rest (then it is 0) */
    public Tensor recovery() {
        return w;
    }

    /**
     * Updates w (side effect; called once per step by {@link Soma#forward}) and returns u.
     *
     * @param h potential [B, ...]
     * @param x input [B, ...]
     * @return u [B, ...]
     */
    @Override
    protected Tensor response(Tensor h, Tensor x) {
        Tensor wPrev = w != null ? w : Tensor.of(Nd4j.zeros(x.dataType(), x.shape()));
        if (!Arrays.equals(wPrev.shape(), x.shape())) {
            throw new IllegalStateException("Izhikevich: input " + Arrays.toString(x.shape())
                    + " does not match the recovery state " + Arrays.toString(wPrev.shape()) + "; call reset()");
        }
        w = h.mul(b).sub(wPrev).mul(a).add(wPrev);
        return h.add(h.square().mul(0.04)).add(h.mul(5.0)).add(140.0).sub(w).add(x);
    }

    /** Returns h and w to 0. */
    @Override
    public void reset() {
        super.reset();
        w = null;
    }

    /** Keeps the values of h and w but cuts their gradient history. */
    @Override
    public void detach() {
        super.detach();
        if (w != null) {
            w = w.detach();
        }
    }

    @Override
    protected String describe() {
        return "Izhikevich(a=" + a.item() + ", b=" + b.item() + ", " + describeReset() + ", trainable="
                + a.requiresGrad() + ")";
    }

    /**
     * Builder for {@link Izhikevich}: a, b and the settings of {@link SomaBuilder} except the resting potential,
     * which 1.0.1 fixes at 0 (a non-zero {@code uRest} is rejected by {@link #build()}). Not thread-safe.
     */
    public static final class Builder extends SomaBuilder<Izhikevich, Builder> {
        private double a = 1.0;
        private double b = 1.0;

        private Builder() {
        }

        /**
         * @param v recovery rate a, finite (default 1)
         * @return this builder
         */
        public Builder a(double v) {
            a = v;
            return this;
        }

        /**
         * @param v recovery sensitivity b, finite (default 1)
         * @return this builder
         */
        public Builder b(double v) {
            b = v;
            return this;
        }

        /** @return the soma; {@code trainable} trains a, b and the unused tau_m */
        @Override
        public Izhikevich build() {
            requireUnchanged("Izhikevich", "u_rest", uRest() != 0.0, "the 1.0.1 Izhikevich soma rests and resets "
                    + "at 0 (IzhikevichStandard resets to c)");
            return new Izhikevich(this);
        }
    }
}
