package io.matterhorn.snn.soma;

import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/**
 * The standard Izhikevich (2003) neuron, which matterhorn 1.0.1 does not have (its {@link Izhikevich} lacks the
 * c/d reset; docs/differences-from-1.0.1.md #40). Potential v in millivolts, recovery w (Izhikevich's u) in the same
 * units, time in milliseconds, input x the current I in the model's units (mV/ms):
 *
 * <pre>
 *   dv/dt = 0.04 v^2 + 5 v + 140 - w + I,   dw/dt = a (b v - w);   if v &gt;= v_peak: v &lt;- c, w &lt;- w + d
 * </pre>
 *
 * One forward-Euler step of {@code dt} per call, both derivatives taken at the previous state:
 *
 * <pre>
 *   u  = h + dt (0.04 h^2 + 5 h + 140 - w + x)
 *   w* = w + dt a (b h - w)
 *   o  = H(u - v_peak)                        (surrogate gradient g(u - v_peak))
 *   h' = u (1 - o) + c o,   w' = w* + d o     (hard reset to c: u_rest = c, u_th = v_peak)
 * </pre>
 *
 * The state starts at rest, {@code h = c}, {@code w = b c}. Defaults: regular spiking, {@code a = 0.02},
 * {@code b = 0.2}, {@code c = -65}, {@code d = 8}, {@code v_peak = 30}, {@code dt = 1}, Rectangular(2),
 * not trainable. Trainable scalars: {@code a}, {@code b}, {@code d} ({@code c} is the resting potential, fixed).
 * The surrogate acts on millivolts, so a wider window than the default (e.g. {@code Rectangular(10)}) passes
 * more gradient. Sequences are stepped through the per-step graph (two state variables, no fused kernel).
 *
 * <p>The equations are defined once, in {@link io.matterhorn.neuron.IzhikevichNeuron} ({@code recoveryStandard},
 * {@code chargeStandard}, {@code jump}, {@code stepStandard}); {@link #response} and {@link #forward} are their
 * tensor form in the same float32 order (a test keeps the two equal bit for bit), and in float64 the graph the
 * gradient checks differentiate.
 */
public final class IzhikevichStandard extends Soma {
    private final Tensor a;
    private final Tensor b;
    private final Tensor d;
    private final double dt;
    private Tensor w;
    private Tensor wCharged;

    /** A regular-spiking neuron (a = 0.02, b = 0.2, c = -65, d = 8). */
    public IzhikevichStandard() {
        this(builder());
    }

    private IzhikevichStandard(Builder bd) {
        super(bd.uThreshold(), bd.uRest(), bd.spikingFunction(), true);
        requireFinite("IzhikevichStandard a", bd.a);
        requireFinite("IzhikevichStandard b", bd.b);
        requireFinite("IzhikevichStandard d", bd.d);
        requirePositive("IzhikevichStandard dt", bd.dt);
        this.dt = bd.dt;
        this.a = registerScalar("a", bd.a, bd.trainable());
        this.b = registerScalar("b", bd.b, bd.trainable());
        this.d = registerScalar("d", bd.d, bd.trainable());
    }

    /**
     * @return a builder with the regular-spiking defaults: a = 0.02, b = 0.2, c = -65 (u_rest), d = 8,
     *     v_peak = 30 (u_th), dt = 1, Rectangular(2), hard reset, not trainable
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the recovery variable after the last step [B, ...], or null at rest (then it is b c) */
    public Tensor recovery() {
        return w;
    }

    /** @return the Euler step in milliseconds */
    public double dt() {
        return dt;
    }

    /**
     * One step; also updates w (with the jump d o).
     *
     * @param x input current, shape [B, ...]
     * @return spikes, same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        Tensor o = super.forward(x);
        w = wCharged.add(o.mul(d));
        wCharged = null;
        return o;
    }

    @Override
    protected Tensor response(Tensor h, Tensor x) {
        Tensor wPrev = w != null ? w : h.mul(b);
        if (!Arrays.equals(wPrev.shape(), x.shape())) {
            throw new IllegalStateException("IzhikevichStandard: input " + Arrays.toString(x.shape())
                    + " does not match the recovery state " + Arrays.toString(wPrev.shape()) + "; call reset()");
        }
        wCharged = h.mul(b).sub(wPrev).mul(a).mul(dt).add(wPrev);
        Tensor dv = h.square().mul(0.04).add(h.mul(5.0)).add(140.0).sub(wPrev).add(x);
        return h.add(dv.mul(dt));
    }

    /** Returns v to c and w to b c. */
    @Override
    public void reset() {
        super.reset();
        w = null;
    }

    /** Keeps the values of v and w but cuts their gradient history. */
    @Override
    public void detach() {
        super.detach();
        if (w != null) {
            w = w.detach();
        }
    }

    @Override
    protected String describe() {
        return "IzhikevichStandard(a=" + a.item() + ", b=" + b.item() + ", c=" + uRest + ", d=" + d.item()
                + ", v_peak=" + uThreshold + ", dt=" + dt + ", spiking_function=" + spikingFunction
                + ", trainable=" + a.requiresGrad() + ")";
    }

    /**
     * Builder for {@link IzhikevichStandard}: a, b, c, d, v_peak, dt and the settings of {@link SomaBuilder}. The
     * reset potential c is the soma's u_rest and the spike cut-off v_peak its u_th ({@link #c} and {@link #uRest}
     * set the same value, as do {@link #vPeak} and {@link #uThreshold}); the reset is always hard (a soft reset is
     * rejected by {@link #build()}). Not thread-safe.
     */
    public static final class Builder extends SomaBuilder<IzhikevichStandard, Builder> {
        private double a = 0.02;
        private double b = 0.2;
        private double d = 8.0;
        private double dt = 1.0;

        private Builder() {
            uThreshold(30.0);
            uRest(-65.0);
        }

        /**
         * @param v recovery rate a in 1/ms, finite (default 0.02)
         * @return this builder
         */
        public Builder a(double v) {
            a = v;
            return this;
        }

        /**
         * @param v recovery sensitivity b, finite (default 0.2)
         * @return this builder
         */
        public Builder b(double v) {
            b = v;
            return this;
        }

        /**
         * @param v reset potential c in mV, also the resting start (default -65); the same as {@link #uRest}
         * @return this builder
         */
        public Builder c(double v) {
            return uRest(v);
        }

        /**
         * @param v recovery jump d after a spike, finite (default 8)
         * @return this builder
         */
        public Builder d(double v) {
            d = v;
            return this;
        }

        /**
         * @param v spike cut-off v_peak in mV (default 30); the same as {@link #uThreshold}
         * @return this builder
         */
        public Builder vPeak(double v) {
            return uThreshold(v);
        }

        /**
         * @param v Euler step in ms, positive and finite (default 1)
         * @return this builder
         */
        public Builder dt(double v) {
            dt = v;
            return this;
        }

        /** @return the neuron; {@code trainable} trains a, b and d */
        @Override
        public IzhikevichStandard build() {
            requireUnchanged("IzhikevichStandard", "hard reset", !hardReset(), "the neuron always resets to c");
            return new IzhikevichStandard(this);
        }
    }
}
