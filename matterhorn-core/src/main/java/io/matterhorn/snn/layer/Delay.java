package io.matterhorn.snn.layer;

import io.matterhorn.snn.InputChecks;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.SequenceModule;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synaptic (axonal) delays: {@code y[t][j] = x[t - d_j][j]} with an integer delay {@code d_j >= 0} steps per element
 * of the per-sample shape (per neuron) or per channel (the first dimension of that shape, the same delay for every
 * element of a channel), and zeros before the sequence starts. NIR's {@code Delay} node with {@code d = round(delay /
 * dt)}. Place it anywhere in a chain, for example between a synapse and its soma:
 * {@code Sequential(Linear(40, 20), Delay(new long[] {20}, d), LIF)}.
 *
 * <p>Single-step mode (a {@code Sequential} wraps it in {@code Temporal}, which runs a whole sequence at once through
 * {@link #forwardSequence}). The last {@code max(d)} inputs are kept as state, so a sequence cut into several calls
 * (or fed one step at a time) gives the same outputs as one call, and gradients flow back into the earlier calls'
 * inputs until {@link #detach()}; {@link #reset()} forgets them (zeros again). No parameters: the delays are part of
 * the architecture. Spike-valued input gives spike-valued output. Not thread-safe (it keeps state).
 */
public final class Delay extends Module implements SequenceModule {
    private final long[] featureShape;
    private final int features;
    private final int[] given;
    private final int[] delays;
    private final int maxDelay;
    private Tensor history;

    /**
     * @param featureShape per-sample shape, e.g. {@code [20]} or {@code [4, 8, 8]}
     * @param delays delays in steps: one per element of {@code featureShape} (C order), one per channel
     *     ({@code featureShape[0]} values), or one for all
     * @throws IllegalArgumentException for a negative delay, or a delay count that fits neither
     */
    public Delay(long[] featureShape, int... delays) {
        if (featureShape == null || featureShape.length == 0) {
            throw new IllegalArgumentException("Delay: the per-sample shape must have at least one dimension, got "
                    + Arrays.toString(featureShape));
        }
        long n = 1;
        for (long s : featureShape) {
            if (s < 1) {
                throw new IllegalArgumentException("Delay: the per-sample shape must be positive, got "
                        + Arrays.toString(featureShape));
            }
            n *= s;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Delay: too many elements " + Arrays.toString(featureShape));
        }
        this.featureShape = featureShape.clone();
        this.features = (int) n;
        if (delays == null || delays.length != features && delays.length != featureShape[0] && delays.length != 1) {
            throw new IllegalArgumentException("Delay: give one delay for all elements, one per element (" + features
                    + ") or one per channel (" + featureShape[0] + ") of " + Arrays.toString(featureShape) + ", got "
                    + (delays == null ? "none" : delays.length));
        }
        int max = 0;
        for (int d : delays) {
            if (d < 0 || d >= (1 << 24) - 1) {
                throw new IllegalArgumentException("Delay: a delay must be in [0, 2^24 - 1) steps, got " + d);
            }
            max = Math.max(max, d);
        }
        this.given = delays.clone();
        this.maxDelay = max;
        this.delays = new int[features];
        int inner = features / delays.length;
        for (int j = 0; j < features; j++) {
            this.delays[j] = delays[j / inner];
        }
    }

    /**
     * @param featureShape per-sample shape
     * @param delay the delay of every element, in steps
     * @return the layer
     */
    public static Delay uniform(long[] featureShape, int delay) {
        return new Delay(featureShape, delay);
    }

    /** @return the per-sample shape (a copy) */
    public long[] featureShape() {
        return featureShape.clone();
    }

    /** @return the delays as given: one per element, one per channel, or one for all (a copy) */
    public int[] delays() {
        return given.clone();
    }

    /** @return the delay of every element of the per-sample shape, C order (a copy) */
    public int[] elementDelays() {
        return delays.clone();
    }

    /** @return the largest delay in steps (the number of past steps kept as state) */
    public int maxDelay() {
        return maxDelay;
    }

    /**
     * One step.
     *
     * @param x input [B, ...featureShape]
     * @return the delayed values, same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        requireShape(x, 1);
        return run(InputChecks.asOneStep(x)).reshape(x.shape());
    }

    /**
     * A whole sequence.
     *
     * @param x input [T, B, ...featureShape], T &gt;= 1
     * @return the delayed values, same shape
     */
    @Override
    public Tensor forwardSequence(Tensor x) {
        requireShape(x, 2);
        return run(x);
    }

    private void requireShape(Tensor x, int lead) {
        long batch = InputChecks.requireSteps("Delay", x, featureShape, lead);
        if (history != null && history.size(1) != batch) {
            throw new IllegalStateException("Delay: batch " + batch + " does not match the state batch "
                    + history.size(1) + "; call reset() before feeding a different batch size");
        }
    }

    private Tensor run(Tensor x) {
        if (maxDelay == 0) {
            return x;
        }
        int steps = (int) x.size(0);
        long b = x.size(1);
        if ((long) (steps + maxDelay) * b * features > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Delay: sequence too large " + Arrays.toString(x.shape()));
        }
        int m = (int) (b * features);
        int d = maxDelay;
        int rows = d + steps;
        Tensor past = history;
        float[] joined = new float[rows * m];
        if (past != null) {
            System.arraycopy(Layout.toFloatArray(past.value()), 0, joined, 0, d * m);
        }
        System.arraycopy(Layout.toFloatArray(x.value().dataType() == DataType.FLOAT ? x.value()
                : x.value().castTo(DataType.FLOAT)), 0, joined, d * m, steps * m);
        // row r of the joined array is step r - d; output step t of element e reads row t + d - delay(e)
        float[] y = new float[steps * m];
        for (int t = 0; t < steps; t++) {
            for (int e = 0; e < m; e++) {
                y[t * m + e] = joined[(t + d - delays[e % features]) * m + e];
            }
        }
        Tensor[] parents = past == null ? new Tensor[] {x} : new Tensor[] {x, past};
        Tensor out = Tensor.fromOp("delay", Nd4j.create(y, x.shape(), 'c').castTo(x.dataType()), g -> {
            float[] gy = Layout.toFloatArray(g);
            float[] gj = new float[rows * m];
            for (int t = 0; t < steps; t++) {
                for (int e = 0; e < m; e++) {
                    gj[(t + d - delays[e % features]) * m + e] += gy[t * m + e];
                }
            }
            split(gj, x, past, d, m, steps);
        }, parents);
        long[] hShape = {d, b, features};
        float[] kept = Arrays.copyOfRange(joined, steps * m, rows * m);
        history = Tensor.fromOp("delayHistory", Nd4j.create(kept, hShape, 'c'), g -> {
            float[] gh = Layout.toFloatArray(g);
            float[] gj = new float[rows * m];
            System.arraycopy(gh, 0, gj, steps * m, d * m);
            split(gj, x, past, d, m, steps);
        }, parents);
        if (x.isSpikeValued()) {
            out.markSpikeValued();
        }
        return out;
    }

    /** Hands the joined gradient to the input (rows d..) and the earlier history (rows 0..d-1). */
    private static void split(float[] gj, Tensor x, Tensor past, int d, int m, int steps) {
        if (x.requiresGrad()) {
            INDArray gx = Nd4j.create(Arrays.copyOfRange(gj, d * m, (d + steps) * m), x.shape(), 'c');
            x.accumulateGrad(gx.castTo(x.dataType()));
        }
        if (past != null && past.requiresGrad()) {
            past.accumulateGrad(Nd4j.create(Arrays.copyOfRange(gj, 0, d * m), past.shape(), 'c'));
        }
    }

    @Override
    public boolean supportsMultiStep() {
        return false;
    }

    @Override
    public void reset() {
        history = null;
    }

    @Override
    public void detach() {
        if (history != null) {
            history = history.detach();
        }
    }

    @Override
    protected String describe() {
        return "Delay(shape=" + Arrays.toString(featureShape) + ", delays=" + (given.length <= 16
                ? Arrays.toString(given) : given.length + " values up to " + maxDelay) + ")";
    }
}
