package io.matterhorn.snn.layer;

import io.matterhorn.Matterhorn;
import io.matterhorn.neuron.Srm0Neuron;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Functional;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer of SRM0 neurons (matterhorn 1.0.1's {@code SRM0Linear}): synaptic traces, a weighted
 * sum and a spiking neuron with a one-step refractory gate, in five operations per step:
 *
 * <pre>
 *   s := (1/tau_m) s + o_in           synapse response, s [B, in]   (per-input trace; not reset by spikes)
 *   x  = s W^T                        synapse sum,      x [B, out]  (W [out, in], no bias)
 *   u  = u_rest + x * r               response, with r [B, out] from the previous step
 *   o  = H(u - u_th)                  firing (surrogate gradient in the backward pass)
 *   r := 1 - o                        reset gate; return o [B, out]
 * </pre>
 *
 * <p>The state {@code s} and {@code r} starts at 0 (it takes the batch size of the first call after
 * {@link #reset()}). Consequences, as in 1.0.1 (docs/differences-from-1.0.1.md #9, kept): the first step after a reset
 * is always silent ({@code r = 0} gives {@code u = u_rest}), every spike silences the next step (one-step refractory
 * period), and the decay factor is {@code 1/tau_m} (the 1.0.1 README says {@code 1 - 1/tau_m}; the two agree only
 * for tau_m = 2). Golden trace with W = 1, tau_m = 2 and inputs 1, 1, 0, 1, 1: o = 0, 1, 0, 1, 0 and
 * s = 1, 1.5, 0.75, 1.375, 1.6875.
 *
 * <p>The neuron's equations and their derivatives are defined once, in {@link Srm0Neuron}; the trace and firing
 * stages below step through it, the gate {@code r = 1 - o} is its graph form. Gradients flow through every operation,
 * through time (BPTT) to the input, to {@code W} and, when
 * {@code trainable}, to {@code tau_m}; that includes the path through the gate {@code r = 1 - o}, as in 1.0.1.
 * Each step is a few graph nodes: the trace update and the firing stage run as fused float32 kernels in plain Java,
 * the product as {@link Functional#linear} (event-driven for the spike input of the first step). Input must be
 * float32.
 *
 * <p><b>Differences from 1.0.1:</b> single-step only ({@link #supportsMultiStep()} is false), so a
 * {@code Sequential} wraps it in a {@code Temporal}, which steps it through time and resets it after each sequence
 * (1.0.1 switched it to multi-step and then folded T into the batch: no dynamics, and a crash on the second
 * training batch; docs/differences-from-1.0.1.md #8). It has a {@link #detach()} for truncated BPTT (1.0.1 has none).
 *
 * <p>Parameters: {@code weight} [out, in] (trainable, initialised uniformly in (-1/sqrt(in), 1/sqrt(in)) as
 * PyTorch's {@code nn.Linear}) and {@code tau_m} (0-d, trainable when asked).
 */
public class SRM0Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final float uThreshold;
    private final float uRest;
    private final Surrogate spikingFunction;
    private final Tensor weight;
    private final Tensor tauM;
    private Tensor s;
    private Tensor r;

    /**
     * An SRM0 layer with 1.0.1's defaults: tau_m = 2, u_th = 1, u_rest = 0, Rectangular(2), tau_m not trainable.
     *
     * @param inFeatures input size, positive
     * @param outFeatures output size, positive
     */
    public SRM0Linear(int inFeatures, int outFeatures) {
        this(builder(inFeatures, outFeatures));
    }

    private SRM0Linear(Builder b) {
        if (b.inFeatures <= 0 || b.outFeatures <= 0) {
            throw new IllegalArgumentException("SRM0Linear: inFeatures and outFeatures must be positive, got "
                    + b.inFeatures + " and " + b.outFeatures);
        }
        if (!(b.tauM > 0) || Double.isInfinite(b.tauM)) {
            throw new IllegalArgumentException("SRM0Linear: tau_m must be a positive finite number, got " + b.tauM);
        }
        if (!Double.isFinite(b.uThreshold) || !Double.isFinite(b.uRest)) {
            throw new IllegalArgumentException("SRM0Linear: u_threshold and u_rest must be finite, got "
                    + b.uThreshold + " and " + b.uRest);
        }
        if (b.spikingFunction == null) {
            throw new IllegalArgumentException("SRM0Linear: spiking function must not be null");
        }
        if (b.random == null) {
            throw new IllegalArgumentException("SRM0Linear: random source must not be null");
        }
        this.inFeatures = b.inFeatures;
        this.outFeatures = b.outFeatures;
        this.uThreshold = (float) b.uThreshold;
        this.uRest = (float) b.uRest;
        this.spikingFunction = b.spikingFunction;
        double bound = 1.0 / Math.sqrt(inFeatures);
        float[] w = new float[outFeatures * inFeatures];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) ((b.random.nextDouble() * 2 - 1) * bound);
        }
        this.weight = registerParameter("weight", Tensor.parameter(
                Nd4j.create(w, new long[] {outFeatures, inFeatures}, 'c'), true));
        this.tauM = registerParameter("tau_m", Tensor.parameter(Nd4j.scalar((float) b.tauM), b.trainable));
    }

    /**
     * @param inFeatures input size, positive
     * @param outFeatures output size, positive
     * @return a builder with 1.0.1's defaults
     */
    public static Builder builder(int inFeatures, int outFeatures) {
        return new Builder(inFeatures, outFeatures);
    }

    /**
     * Single-step only, so that {@code Sequential} wraps it in {@code Temporal} (fixes 1.0.1's defect,
     * docs/differences-from-1.0.1.md #8).
     */
    @Override
    public boolean supportsMultiStep() {
        return false;
    }

    /** @return the weight parameter, [out, in] */
    public Tensor weight() {
        return weight;
    }

    /** @return the time-constant parameter tau_m, 0-d */
    public Tensor tauM() {
        return tauM;
    }

    /** @return the synaptic trace s [B, in] after the last step, or null after {@link #reset()} */
    public Tensor synapticTrace() {
        return s;
    }

    /** @return the reset gate r [B, out] after the last step, or null after {@link #reset()} */
    public Tensor resetGate() {
        return r;
    }

    /**
     * Copies values into the weight.
     *
     * @param w weight values, shape [out, in]
     */
    public void loadWeight(INDArray w) {
        if (!Arrays.equals(w.shape(), weight.shape())) {
            throw new IllegalArgumentException(name() + ".loadWeight: shape " + Arrays.toString(w.shape())
                    + ", expected " + Arrays.toString(weight.shape()));
        }
        weight.value().assign(w);
    }

    /**
     * One time step (the five operations above).
     *
     * @param oIn input spikes (or values) of this step, shape [B, in], float32
     * @return output spikes, shape [B, out], marked spike-valued
     */
    @Override
    public Tensor forward(Tensor oIn) {
        if (oIn.rank() != 2 || oIn.size(1) != inFeatures) {
            throw new IllegalArgumentException(name() + ": expected one step [B, " + inFeatures + "], got "
                    + Arrays.toString(oIn.shape()) + "; wrap it in Temporal (or Sequential) for sequences [T, B, "
                    + inFeatures + "]");
        }
        if (oIn.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException(name() + ": expected float32 input, got " + oIn.dataType());
        }
        long batch = oIn.size(0);
        if (s != null && s.size(0) != batch) {
            throw new IllegalStateException(name() + ": input " + Arrays.toString(oIn.shape())
                    + " does not match the state of batch size " + s.size(0)
                    + "; call reset() before feeding a different batch size");
        }
        // 1.0.1 starts from the float s = 0, so the first step is s = 0/tau_m + o_in = o_in (d/dtau_m = 0).
        Tensor sNew = s == null ? oIn : Srm0Ops.trace(s, oIn, tauM);
        Tensor o;
        if (r == null) {
            // r = 0 (first step after a reset): u = u_rest whatever x, so x is not needed and no gradient flows.
            o = Tensor.of(Nd4j.valueArrayOf(new long[] {batch, outFeatures}, Srm0Neuron.fire(uRest - uThreshold),
                    DataType.FLOAT)).markSpikeValued();
        } else {
            o = Srm0Ops.fire(Functional.linear(sNew, weight, null), r, uRest, uThreshold, spikingFunction);
        }
        s = sNew;
        r = o.rsub(1);
        return o;
    }

    /** Sets the state s and r back to 0 (they take the next input's batch size). */
    @Override
    public void reset() {
        s = null;
        r = null;
        super.reset();
    }

    /** Keeps the values of s and r but cuts their gradient history (truncated BPTT). */
    @Override
    public void detach() {
        if (s != null) {
            s = s.detach();
        }
        if (r != null) {
            r = r.detach();
        }
        super.detach();
    }

    private String name() {
        return "SRM0Linear(" + inFeatures + ", " + outFeatures + ")";
    }

    @Override
    protected String describe() {
        return "SRM0Linear(in_features=" + inFeatures + ", out_features=" + outFeatures + ", tau_m=" + tauM.item()
                + ", u_threshold=" + uThreshold + ", u_rest=" + uRest + ", spiking_function=" + spikingFunction
                + ", trainable=" + tauM.requiresGrad() + ")";
    }

    /** Builder for {@link SRM0Linear}; every setter has the 1.0.1 default. */
    public static final class Builder {
        private final int inFeatures;
        private final int outFeatures;
        private double tauM = 2.0;
        private double uThreshold = 1.0;
        private double uRest = 0.0;
        private Surrogate spikingFunction = new Rectangular();
        private boolean trainable;
        private Random random = Matterhorn.random();

        private Builder(int inFeatures, int outFeatures) {
            this.inFeatures = inFeatures;
            this.outFeatures = outFeatures;
        }

        /**
         * @param v synaptic time constant (default 2)
         * @return this builder
         */
        public Builder tauM(double v) {
            tauM = v;
            return this;
        }

        /**
         * @param v threshold (default 1)
         * @return this builder
         */
        public Builder uThreshold(double v) {
            uThreshold = v;
            return this;
        }

        /**
         * @param v resting potential (default 0)
         * @return this builder
         */
        public Builder uRest(double v) {
            uRest = v;
            return this;
        }

        /**
         * @param v surrogate (default Rectangular(2))
         * @return this builder
         */
        public Builder spikingFunction(Surrogate v) {
            spikingFunction = v;
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

        /**
         * @param v source of the weight initialisation (default: {@code Matterhorn.random()})
         * @return this builder
         */
        public Builder random(Random v) {
            random = v;
            return this;
        }

        /** @return the layer */
        public SRM0Linear build() {
            return new SRM0Linear(this);
        }
    }

    /** @return the firing threshold */
    public double uThreshold() {
        return uThreshold;
    }

    /** @return the resting potential */
    public double uRest() {
        return uRest;
    }

    /** @return the spiking function */
    public Surrogate spikingFunction() {
        return spikingFunction;
    }

    /** @return the number of input features */
    public int inFeatures() {
        return inFeatures;
    }

    /** @return the number of output features */
    public int outFeatures() {
        return outFeatures;
    }
}
