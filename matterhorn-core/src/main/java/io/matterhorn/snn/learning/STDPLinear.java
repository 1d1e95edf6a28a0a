package io.matterhorn.snn.learning;

import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeMatmul;
import io.matterhorn.snn.InputChecks;
import io.matterhorn.Matterhorn;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.soma.Soma;
import io.matterhorn.tensor.Functional;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer of spiking neurons that learns its weight by STDP, as matterhorn 1.0.1's
 * {@code STDPLinear}. One step:
 *
 * <pre>
 *   y = x W^T            x [B, in], W [out, in] (no bias), y [B, out]
 *   o = soma(y)          o [B, out], spikes
 * </pre>
 *
 * While learning is on ({@link #startStep()}) each step's input and output are recorded, binarised (non-zero
 * counts as a spike). {@link #stepOnce()} turns the steps recorded since the previous update into one change,
 * summed over the batch ({@link Stdp}, window {@link StdpWindow}), and applies
 *
 * <pre>
 *   W = clip(W + lr dW, wMin, wMax)      (lr = 1 and no clipping by default)
 * </pre>
 *
 * <p>Use it inside a {@code Temporal} (a {@code Sequential} wraps it automatically: it is single-step only,
 * which fixes 1.0.1's defect, docs/differences-from-1.0.1.md #8): {@code Temporal.startStep()} switches learning on
 * here, and after each sequence the container calls {@link #stepOnce()} and then {@link #reset()}. The weight is a
 * parameter that receives no gradient, so optimisers never touch it.
 *
 * <p>Differences from 1.0.1: {@code W(0) = 0} always (docs/differences-from-1.0.1.md #7); spikes are recorded only
 * while learning is on; {@code stepOnce()} consumes the recorded steps and keeps decaying traces instead, so with
 * {@code Temporal(..., resetAfterProcess=false)} consecutive chunks of a stream are learned exactly once each
 * (1.0.1 re-applied the whole history at every call and let it grow without bound). {@link #reset()} clears
 * the recordings, the traces and the soma.
 */
public class STDPLinear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Soma soma;
    private final Tensor weight;
    private final StdpWindow window;
    private final double learningRate;
    private final double weightMin;
    private final double weightMax;
    private final StdpHistory history;
    private boolean learning;
    /** W^T, row-major [in, out], for the spike product; null when stale. */
    private float[] weightTFlat;
    /** W^T as {@code in} rows of length {@code out}, for the Java loops of the spike product; null when stale. */
    private float[][] weightT;

    /**
     * An STDP layer with 1.0.1's defaults: A+ = A- = 0.05, tau+ = tau- = 2, lr = 1, no weight bounds.
     *
     * @param inFeatures input size, positive
     * @param outFeatures output size, positive
     * @param soma the neurons, in single-step mode (for example {@code LIF}); owned by this layer
     */
    public STDPLinear(int inFeatures, int outFeatures, Soma soma) {
        this(builder(inFeatures, outFeatures, soma));
    }

    /**
     * @param inFeatures input size, positive
     * @param outFeatures output size, positive
     * @param soma the neurons, in single-step mode
     * @param aPos A+
     * @param tauPos tau+, positive
     * @param aNeg A-
     * @param tauNeg tau-, positive
     */
    public STDPLinear(int inFeatures, int outFeatures, Soma soma, double aPos, double tauPos, double aNeg,
            double tauNeg) {
        this(builder(inFeatures, outFeatures, soma).window(new StdpWindow(aPos, tauPos, aNeg, tauNeg)));
    }

    private STDPLinear(Builder b) {
        if (b.inFeatures <= 0 || b.outFeatures <= 0) {
            throw new IllegalArgumentException("STDPLinear: inFeatures and outFeatures must be positive, got "
                    + b.inFeatures + " and " + b.outFeatures);
        }
        if (b.soma == null) {
            throw new IllegalArgumentException("STDPLinear: soma must not be null");
        }
        if (b.soma.isMultiStep()) {
            throw new IllegalArgumentException("STDPLinear: the soma must be in single-step mode");
        }
        this.inFeatures = b.inFeatures;
        this.outFeatures = b.outFeatures;
        this.window = b.window;
        this.learningRate = b.learningRate;
        this.weightMin = b.weightMin;
        this.weightMax = b.weightMax;
        double bound = 1.0 / Math.sqrt(inFeatures);
        float[] w = new float[InputChecks.elementCount("STDPLinear(" + inFeatures + ", " + outFeatures + ")",
                "weight [out_features, in_features]", outFeatures, inFeatures)];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) ((b.random.nextDouble() * 2 - 1) * bound);
        }
        this.weight = registerParameter("weight", Tensor.parameter(
                Nd4j.create(w, new long[] {outFeatures, inFeatures}, 'c'), false));
        this.soma = registerChild("soma", b.soma);
        this.history = new StdpHistory(inFeatures, outFeatures);
    }

    /**
     * @param inFeatures input size, positive
     * @param outFeatures output size, positive
     * @param soma the neurons, in single-step mode
     * @return a builder with 1.0.1's defaults
     */
    public static Builder builder(int inFeatures, int outFeatures, Soma soma) {
        return new Builder(inFeatures, outFeatures, soma);
    }

    /** Single-step only, so that {@code Sequential} wraps it in {@code Temporal}. */
    @Override
    public boolean supportsMultiStep() {
        return false;
    }

    /**
     * One step.
     *
     * @param x input of this step, shape [B, in] with B &gt;= 1; usually spikes (any non-zero value counts as a
     *     spike for STDP, the product uses the values as they are); no NaN
     * @return output spikes of the soma, shape [B, out]
     * @throws IllegalArgumentException for a wrong shape, an empty batch (B = 0) or NaN, leaving the layer unchanged
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 2 || x.size(1) != inFeatures) {
            throw new IllegalArgumentException(name() + ": expected one step [B, " + inFeatures + "], got "
                    + Arrays.toString(x.shape()) + "; wrap it in Temporal (or Sequential) for sequences [T, B, "
                    + inFeatures + "]");
        }
        if (x.size(0) == 0) {
            throw new IllegalArgumentException(name() + ": empty batch (B = 0), input " + Arrays.toString(x.shape())
                    + "; STDP learns from at least one sample");
        }
        InputChecks.requireInput(name(), x, weight.dataType());
        SpikeFrame in = SpikeFrame.read(x.value(), learning, name() + " input");
        boolean needGrad = Grad.isEnabled() && x.requiresGrad();
        Tensor y;
        if (!needGrad && in.binary() && x.dataType() == DataType.FLOAT) {
            y = Tensor.of(spikeProduct(x.value()));
        } else {
            // A graph that needs dL/dx keeps the weight values; give it a copy, since stepOnce() updates W in
            // place.
            Tensor w = needGrad ? Tensor.of(weight.value().dup('c')) : weight;
            y = Functional.linear(x, w, null);
        }
        // One step of the soma through its fused sequence kernel (a sequence of length 1): the same numbers and
        // gradients as soma.forward(y), without a chain of small ND4J operations.
        long batch = x.size(0);
        Tensor o = soma.forwardSequence(y.reshape(1, batch, outFeatures)).reshape(batch, outFeatures);
        if (learning) {
            SpikeFrame out = SpikeFrame.read(o.value(), true, name() + " soma output");
            history.record(in.spikes(), out.spikes(), (int) batch, name());
        }
        return o;
    }

    /**
     * {@code y = x W^T} for a 0/1 input without gradient: adds the columns of W of the active inputs (event-driven,
     * {@link SpikeMatmul}), with {@code W^T} cached until the weight changes.
     *
     * @param x spikes [B, in], float32
     * @return y [B, out], float32
     */
    private INDArray spikeProduct(INDArray x) {
        if (weightTFlat == null) {
            weightTFlat = Layout.toFloatArray(weight.value().transpose());
        }
        INDArray xc = Layout.contiguous(x);
        int rows = (int) x.size(0);
        SparseRows xs = SparseRows.compress(Layout.floats(xc), Layout.offset(xc), rows, inFeatures);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, rows, outFeatures);
        if (SpikeMatmul.accelerated() && xs.values() == null) {
            SpikeMatmul.forward(xs, FloatBuffer.wrap(weightTFlat), 0, Layout.floats(y), 0, outFeatures);
        } else {
            if (weightT == null) {
                weightT = SpikeMatmul.rows(weightTFlat, inFeatures, outFeatures);
            }
            SpikeMatmul.forwardInJava(xs, weightT, Layout.floats(y), 0, outFeatures);
        }
        return y;
    }

    /**
     * Applies one STDP update from the steps recorded since the previous update (nothing if none), then forgets
     * those steps; the decaying traces stay until {@link #reset()}.
     */
    @Override
    public void stepOnce() {
        super.stepOnce();
        double[] dw = history.consume(window);
        if (dw == null) {
            return;
        }
        weightTFlat = null;
        weightT = null;
        INDArray wv = weight.value();
        FloatBuffer b = Layout.floats(wv);
        int off = Layout.offset(wv);
        for (int k = 0; k < dw.length; k++) {
            double v = b.get(off + k) + learningRate * dw[k];
            b.put(off + k, (float) Math.min(weightMax, Math.max(weightMin, v)));
        }
    }

    /** Switches learning on: steps are recorded, and a wrapping {@code Temporal} calls {@link #stepOnce()}. */
    @Override
    public void startStep() {
        learning = true;
        super.startStep();
    }

    /** Switches learning off: nothing more is recorded. */
    @Override
    public void stopStep() {
        learning = false;
        super.stopStep();
    }

    /** Clears the recorded spikes and the STDP traces, and resets the soma. */
    @Override
    public void reset() {
        history.reset();
        super.reset();
    }

    /** @return whether learning is on */
    public boolean isLearning() {
        return learning;
    }

    /** @return number of steps recorded and not yet used by {@link #stepOnce()} */
    public int recordedSteps() {
        return history.steps();
    }

    /**
     * @return the weight, [out, in] (a parameter without gradient); change its values only through
     *     {@link #loadWeight} (the layer caches a transposed copy)
     */
    public Tensor weight() {
        return weight;
    }

    /** @return the neurons */
    public Soma soma() {
        return soma;
    }

    /** @return the STDP window */
    public StdpWindow window() {
        return window;
    }

    /** @return the learning-rate factor lr */
    public double learningRate() {
        return learningRate;
    }

    /** @return the lower weight bound (negative infinity when unbounded) */
    public double weightMin() {
        return weightMin;
    }

    /** @return the upper weight bound (positive infinity when unbounded) */
    public double weightMax() {
        return weightMax;
    }

    /** @return input size */
    public int inFeatures() {
        return inFeatures;
    }

    /** @return output size */
    public int outFeatures() {
        return outFeatures;
    }

    /**
     * Copies values into the weight.
     *
     * @param w weight values, shape [out, in], no NaN
     */
    public void loadWeight(INDArray w) {
        if (w == null || !Arrays.equals(w.shape(), weight.shape())) {
            throw new IllegalArgumentException(name() + ".loadWeight: weight shape "
                    + (w == null ? "null" : Arrays.toString(w.shape())) + ", expected "
                    + Arrays.toString(weight.shape()));
        }
        if (w.isNaN().any()) {
            throw new IllegalArgumentException(name() + ".loadWeight: weight contains NaN");
        }
        weight.value().assign(w);
        weightTFlat = null;
        weightT = null;
    }

    private String name() {
        return "STDPLinear(" + inFeatures + ", " + outFeatures + ")";
    }

    @Override
    protected String describe() {
        String bounds = Double.isInfinite(weightMin) && Double.isInfinite(weightMax) ? ""
                : ", w_min=" + weightMin + ", w_max=" + weightMax;
        return "STDPLinear(in_features=" + inFeatures + ", out_features=" + outFeatures + ", " + window
                + (learningRate == 1.0 ? "" : ", lr=" + learningRate) + bounds + ")";
    }

    /** Options of an {@link STDPLinear}; every setter checks its argument. */
    public static final class Builder {
        private final int inFeatures;
        private final int outFeatures;
        private final Soma soma;
        private StdpWindow window = StdpWindow.DEFAULT;
        private double learningRate = 1.0;
        private double weightMin = Double.NEGATIVE_INFINITY;
        private double weightMax = Double.POSITIVE_INFINITY;
        private Random random = Matterhorn.random();

        private Builder(int inFeatures, int outFeatures, Soma soma) {
            this.inFeatures = inFeatures;
            this.outFeatures = outFeatures;
            this.soma = soma;
        }

        /**
         * @param w the STDP window (default A+ = A- = 0.05, tau+ = tau- = 2)
         * @return this builder
         */
        public Builder window(StdpWindow w) {
            if (w == null) {
                throw new IllegalArgumentException("STDPLinear: window must not be null");
            }
            this.window = w;
            return this;
        }

        /**
         * @param lr factor on every update, positive and finite (default 1)
         * @return this builder
         */
        public Builder learningRate(double lr) {
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("STDPLinear: learning rate must be positive and finite, got " + lr);
            }
            this.learningRate = lr;
            return this;
        }

        /**
         * Clips the whole weight to {@code [min, max]} after every update (the initial weight is not clipped).
         *
         * @param min lower bound, finite
         * @param max upper bound, finite, at least {@code min}
         * @return this builder
         */
        public Builder weightBounds(double min, double max) {
            if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
                throw new IllegalArgumentException("STDPLinear: weight bounds must be finite with min <= max, got ["
                        + min + ", " + max + "]");
            }
            this.weightMin = min;
            this.weightMax = max;
            return this;
        }

        /**
         * @param r source of the initial weight, uniform in (-1/sqrt(in), 1/sqrt(in)) like {@code Linear}
         * @return this builder
         */
        public Builder random(Random r) {
            if (r == null) {
                throw new IllegalArgumentException("STDPLinear: random must not be null");
            }
            this.random = r;
            return this;
        }

        /** @return the layer */
        public STDPLinear build() {
            return new STDPLinear(this);
        }
    }
}
