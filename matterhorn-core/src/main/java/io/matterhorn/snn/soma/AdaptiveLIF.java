package io.matterhorn.snn.soma;

import io.matterhorn.neuron.AdaptiveLif;
import io.matterhorn.snn.InputChecks;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.SequenceModule;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adaptive leaky integrate-and-fire neurons (ALIF) of Bellec et al. 2018 (the neurons of a long short-term memory
 * spiking network, LSNN), per-neuron parameters, step dt:
 *
 * <pre>
 *   a_t  = rho a_{t-1} + (1 - rho) z_{t-1}           rho   = exp(-dt / tau_adp)
 *   th_t = v_threshold + beta a_t
 *   v_t  = alpha v_{t-1} + x_t - z_{t-1} th_t        alpha = exp(-dt / tau_mem)
 *   z_t  = H(v_t - th_t)   (H(0) = 1; surrogate gradient),     y_t = z_t,     at rest v = a = z = 0
 * </pre>
 *
 * Each spike raises the threshold by {@code beta (1 - rho)} and the raise decays with {@code tau_adp}, which is
 * usually much longer than {@code tau_mem}: the neuron remembers its recent activity for that long. With
 * {@code beta = 0} it is a LIF with a soft reset. The maths is {@link AdaptiveLif} (one definition for training and
 * the streaming runtime).
 *
 * <p>Parameters {@code tau_mem}, {@code tau_adp} (seconds, positive), {@code v_threshold}, {@code beta}, each of
 * shape {@code neuronShape}. As in the paper they are not trained by default (only the synapses are); with
 * {@code trainable} all four receive gradients ({@link Module#setTrainable(String, boolean)} picks single ones).
 * Single-step mode; a {@code Sequential} wraps it in {@code Temporal}, which runs the whole sequence as one fused
 * node ({@link #forwardSequence}). Inside a {@link Recurrent} layer it is the LSNN neuron. Not thread-safe (it keeps
 * state).
 */
public final class AdaptiveLIF extends Module implements SequenceModule {
    private final long[] neuronShape;
    private final int neurons;
    private final double dt;
    private final Surrogate spikingFunction;
    private final CarriedState state = new CarriedState();

    private AdaptiveLIF(Builder b) {
        long[] shape = b.neuronShape;
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("AdaptiveLIF: neuron shape must have at least one dimension, got "
                    + Arrays.toString(shape));
        }
        long n = 1;
        for (long s : shape) {
            if (s < 1) {
                throw new IllegalArgumentException("AdaptiveLIF: neuron shape must be positive, got "
                        + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("AdaptiveLIF: too many neurons " + Arrays.toString(shape));
        }
        this.neuronShape = shape.clone();
        this.neurons = (int) n;
        this.dt = b.dt;
        this.spikingFunction = b.spikingFunction == null ? new Rectangular() : b.spikingFunction;
        double tauMem = Double.isNaN(b.tauMem) ? 20 * b.dt : b.tauMem;
        double tauAdp = Double.isNaN(b.tauAdp) ? 200 * b.dt : b.tauAdp;
        double[] values = {tauMem, tauAdp, b.threshold, b.beta};
        float[][] check = new float[4][];
        for (int p = 0; p < 4; p++) {
            check[p] = new float[] {(float) values[p]};
        }
        AdaptiveLif.validate(b.dt, check);
        for (int p = 0; p < 4; p++) {
            registerParameter(AdaptiveLif.PARAM_NAMES.get(p), Tensor.parameter(
                    Nd4j.valueArrayOf(neuronShape, (float) values[p]), b.trainable));
        }
    }

    /**
     * @param neuronShape shape of one sample's neurons
     * @return a builder with dt = 1 ms, tau_mem = 20 dt, tau_adp = 200 dt, v_threshold = 1, beta = 1.8 (the paper's
     *     strength), the {@link Rectangular} surrogate, parameters not trained
     */
    public static Builder builder(long... neuronShape) {
        return new Builder(neuronShape);
    }

    /** @return shape of one sample's neurons (a copy) */
    public long[] neuronShape() {
        return neuronShape.clone();
    }

    /** @return the number of neurons per sample */
    public int neurons() {
        return neurons;
    }

    /** @return the Euler step in seconds */
    public double dt() {
        return dt;
    }

    /** @return the surrogate of the firing step */
    public Surrogate spikingFunction() {
        return spikingFunction;
    }

    /** @return the parameter tensors in {@link AdaptiveLif#PARAM_NAMES} order */
    List<Tensor> kernelParameters() {
        List<Tensor> out = new ArrayList<>();
        for (String name : AdaptiveLif.PARAM_NAMES) {
            out.add(namedParameters().get(name));
        }
        return out;
    }

    /**
     * @param name state variable: "v", "a" or "z"
     * @return its value [B, ...neuronShape] after the last step, or null at rest
     */
    public Tensor stateOf(String name) {
        Tensor s = state.get(name);
        return s == null ? null : s.reshape(InputChecks.withLeading(s.size(0), neuronShape));
    }

    /**
     * One step.
     *
     * @param x input [B, ...neuronShape]
     * @return spikes, same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        requireShape(x, 1);
        return run(InputChecks.asOneStep(x)).reshape(x.shape());
    }

    /**
     * A whole sequence as one fused node; the same values and gradients as T single steps.
     *
     * @param x input [T, B, ...neuronShape], T &gt;= 1
     * @return spikes, same shape
     */
    @Override
    public Tensor forwardSequence(Tensor x) {
        requireShape(x, 2);
        return run(x);
    }

    private void requireShape(Tensor x, int lead) {
        long batch = InputChecks.requireSteps("AdaptiveLIF", x, neuronShape, lead);
        state.requireBatch("AdaptiveLIF", batch);
    }

    private Tensor run(Tensor x) {
        int steps = (int) x.size(0);
        int m = (int) (x.size(1) * neurons);
        NeuronSteps k = new NeuronSteps.Adaptive(this, steps, m, state.atRest());
        StepSequenceNode.Result r = StepSequenceNode.run("AdaptiveLIF", k, x, neurons, state.state(k.stateNames()),
                null, null, null);
        state.keep(k.stateNames(), r);
        return r.output();
    }

    @Override
    public boolean supportsMultiStep() {
        return false;
    }

    @Override
    public void reset() {
        state.clear();
        super.reset();
    }

    @Override
    public void detach() {
        state.detach();
        super.detach();
    }

    @Override
    protected String describe() {
        return "AdaptiveLIF(shape=" + Arrays.toString(neuronShape) + ", dt=" + dt + ", spiking_function="
                + spikingFunction + ", trainable=" + namedParameters().get("tau_mem").requiresGrad() + ")";
    }

    /** Builder for {@link AdaptiveLIF}: every neuron gets the same starting values (per-neuron values through the
     * parameters or the state dict). */
    public static final class Builder {
        private final long[] neuronShape;
        private double dt = 1e-3;
        private double tauMem = Double.NaN;
        private double tauAdp = Double.NaN;
        private double threshold = 1.0;
        private double beta = 1.8;
        private Surrogate spikingFunction;
        private boolean trainable;

        private Builder(long[] neuronShape) {
            this.neuronShape = neuronShape == null ? null : neuronShape.clone();
        }

        /**
         * @param v Euler step in seconds (default 1e-3)
         * @return this builder
         */
        public Builder dt(double v) {
            dt = v;
            return this;
        }

        /**
         * @param v membrane time constant in seconds (default 20 dt); alpha = exp(-dt / tau_mem)
         * @return this builder
         */
        public Builder tauMem(double v) {
            tauMem = v;
            return this;
        }

        /**
         * @param v adaptation time constant in seconds (default 200 dt); rho = exp(-dt / tau_adp)
         * @return this builder
         */
        public Builder tauAdp(double v) {
            tauAdp = v;
            return this;
        }

        /**
         * @param v baseline threshold b0 (default 1)
         * @return this builder
         */
        public Builder threshold(double v) {
            threshold = v;
            return this;
        }

        /**
         * @param v adaptation strength beta (default 1.8; 0 for a plain soft-reset LIF)
         * @return this builder
         */
        public Builder beta(double v) {
            beta = v;
            return this;
        }

        /**
         * @param s surrogate (default {@link Rectangular})
         * @return this builder
         */
        public Builder spikingFunction(Surrogate s) {
            spikingFunction = s;
            return this;
        }

        /**
         * @param v whether the four parameters are trained (default false, as in the paper)
         * @return this builder
         */
        public Builder trainable(boolean v) {
            trainable = v;
            return this;
        }

        /** @return the layer */
        public AdaptiveLIF build() {
            return new AdaptiveLIF(this);
        }
    }
}
