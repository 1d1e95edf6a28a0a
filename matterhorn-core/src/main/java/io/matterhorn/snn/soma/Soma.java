package io.matterhorn.snn.soma;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A spiking neuron ("soma") with the three stages of matterhorn 1.0.1 for each step:
 *
 * <pre>
 *   response: u = f(h, x)                  (subclass; h is the potential after the previous reset)
 *   firing:   o = H(u - u_th)              (surrogate gradient in the backward pass)
 *   reset:    hard  h' = u (1 - o) + u_rest o
 *             soft  h' = u - (u_th - u_rest) o
 * </pre>
 *
 * <p>A soma is single-step only ({@code forward} takes {@code [B, ...]}, one step, and keeps {@code h}); a
 * {@code Sequential} wraps it in {@code Temporal}, which calls {@link #forwardSequence(Tensor)}: the whole
 * sequence as one fused graph node (pure-Java kernel, float32), equal to stepping one step at a time. The state
 * starts at {@code u_rest} and takes the shape of the first input after {@link #reset()}.
 */
public abstract class Soma extends Module {
    /** Firing threshold u_th. */
    protected final float uThreshold;
    /** Resting potential u_rest (initial state and hard-reset value). */
    protected final float uRest;
    /** Spiking function (Heaviside forward, surrogate backward). */
    protected final Surrogate spikingFunction;
    /** Hard (to u_rest) or soft (subtract u_th - u_rest) reset. */
    protected final boolean hardReset;
    private final List<Tensor> scalarParameters = new ArrayList<>();
    private Tensor state;

    /**
     * @param uThreshold firing threshold
     * @param uRest resting potential
     * @param spikingFunction surrogate; not null
     * @param hardReset true for hard reset
     */
    protected Soma(double uThreshold, double uRest, Surrogate spikingFunction, boolean hardReset) {
        requireFinite("u_threshold", uThreshold);
        requireFinite("u_rest", uRest);
        if (spikingFunction == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": spiking function must not be null");
        }
        this.uThreshold = (float) uThreshold;
        this.uRest = (float) uRest;
        this.spikingFunction = spikingFunction;
        this.hardReset = hardReset;
    }

    /**
     * Registers a scalar parameter (such as {@code tau_m}) that the response uses; its gradient is computed by
     * both the per-step graph and the fused kernel.
     *
     * @param name Python name, e.g. "tau_m"
     * @param value initial value
     * @param trainable whether it receives gradients
     * @return the 0-d parameter tensor
     */
    protected final Tensor registerScalar(String name, double value, boolean trainable) {
        requireFinite(name, value);
        Tensor p = registerParameter(name, Tensor.parameter(Nd4j.scalar((float) value), trainable));
        scalarParameters.add(p);
        return p;
    }

    /** @return the registered scalar parameters, in the order {@link NeuronDynamics} reports gradients */
    protected final List<Tensor> scalarParameters() {
        return scalarParameters;
    }

    /**
     * @param x input of this step
     * @param h potential after the previous reset, same shape
     * @return the charged potential u as a graph of tensor operations (the per-step path)
     */
    protected abstract Tensor response(Tensor h, Tensor x);

    /**
     * @return the response with the current parameter values captured, for the fused kernel; null if this soma
     *     has no fused kernel (then sequences are stepped one step at a time)
     */
    protected abstract NeuronDynamics dynamics();

    @Override
    public boolean supportsMultiStep() {
        return false;
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

    /** @return whether the reset is hard */
    public boolean hardReset() {
        return hardReset;
    }

    /** @return the current potential after the last reset, or null when at rest (after {@link #reset()}) */
    public Tensor state() {
        return state;
    }

    /**
     * One step.
     *
     * @param x input potential, shape [B, ...]
     * @return spikes, same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        checkStateShape(x.shape(), x.shape());
        Tensor h = state != null ? state : Tensor.of(Nd4j.valueArrayOf(x.shape(), uRest, x.dataType()));
        Tensor u = response(h, x);
        Tensor o = spikingFunction.apply(u.sub(uThreshold));
        state = hardReset ? u.mul(o.rsub(1)).add(o.mul(uRest)) : u.sub(o.mul(uThreshold - uRest));
        return o;
    }

    /**
     * A whole sequence as one fused node (when the soma has a kernel and x is float32), else step by step.
     *
     * @param x input potentials, shape [T, B, ...]
     * @return spikes, shape [T, B, ...]
     */
    public Tensor forwardSequence(Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": a sequence must be [T, B, ...], got "
                    + Arrays.toString(x.shape()));
        }
        long[] step = Arrays.copyOfRange(x.shape(), 1, x.rank());
        checkStateShape(step, x.shape());
        NeuronDynamics d = dynamics();
        if (d == null || x.dataType() != DataType.FLOAT) {
            List<Tensor> out = new ArrayList<>();
            for (long t = 0; t < x.size(0); t++) {
                out.add(forward(x.select(t)));
            }
            return Tensor.stack(out);
        }
        return fusedSequence(x, step, d);
    }

    private Tensor fusedSequence(Tensor x, long[] step, NeuronDynamics d) {
        int steps = (int) x.size(0);
        long n = 1;
        for (long s : step) {
            n *= s;
        }
        if ((long) steps * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": sequence too large for the fused "
                    + "kernel: " + Arrays.toString(x.shape()));
        }
        int neurons = (int) n;
        SomaSequenceKernel.Config cfg = new SomaSequenceKernel.Config(d, spikingFunction, uThreshold, uRest,
                hardReset);
        INDArray xv = Layout.contiguous(x.value());
        Tensor h0 = state;
        float[] h0v = h0 == null ? null : Layout.contiguous(h0.value()).data().asFloat();
        INDArray spikes = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        float[] u = new float[steps * neurons];
        float[] hLast = new float[neurons];
        FloatBuffer xb = Layout.floats(xv);
        int xOff = Layout.offset(xv);
        try {
            SomaSequenceKernel.forward(cfg, xb, xOff, h0v, steps, neurons, Layout.floats(spikes), u, hLast);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + e.getMessage() + " (input shape "
                    + Arrays.toString(x.shape()) + ")", e);
        }

        List<Tensor> parents = new ArrayList<>();
        parents.add(x);
        if (h0 != null) {
            parents.add(h0);
        }
        parents.addAll(scalarParameters);
        List<Tensor> params = List.copyOf(scalarParameters);
        float[][] gradHLast = new float[1][];
        Tensor[] node = new Tensor[1];
        node[0] = Tensor.fromOp("somaSequence(" + getClass().getSimpleName() + ")", spikes, g -> {
            INDArray gc = Layout.contiguous(g);
            INDArray gx = x.requiresGrad() ? Nd4j.createUninitialized(DataType.FLOAT, x.shape()) : null;
            float[] gh0 = h0 != null && h0.requiresGrad() ? new float[neurons] : null;
            double[] dp = SomaSequenceKernel.backward(cfg, xb, xOff, h0v, u, Layout.floats(gc), Layout.offset(gc),
                    gradHLast[0], steps, neurons, gx == null ? null : Layout.floats(gx), gh0);
            if (gx != null) {
                x.accumulateGrad(gx);
            }
            if (gh0 != null) {
                h0.accumulateGrad(Nd4j.create(gh0, step, 'c'));
            }
            for (int k = 0; k < params.size(); k++) {
                Tensor p = params.get(k);
                if (p.requiresGrad()) {
                    p.accumulateGrad(Nd4j.scalar(p.dataType(), dp[k]));
                }
            }
        }, parents.toArray(new Tensor[0])).markSpikeValued();
        Tensor spikesNode = node[0];
        INDArray hv = Nd4j.create(hLast, step, 'c');
        state = Tensor.fromOp("somaFinalState", hv, g -> {
            gradHLast[0] = Layout.contiguous(g).data().asFloat();
            if (spikesNode.grad() == null) {
                spikesNode.accumulateGrad(Nd4j.zeros(DataType.FLOAT, x.shape()));
            }
        }, spikesNode);
        return spikesNode;
    }

    private void checkStateShape(long[] stepShape, long[] inputShape) {
        if (state != null && !Arrays.equals(state.shape(), stepShape)) {
            throw new IllegalStateException(getClass().getSimpleName() + ": input " + Arrays.toString(inputShape)
                    + " does not match the neuron state " + Arrays.toString(state.shape())
                    + "; call reset() before feeding a different batch size");
        }
    }

    /** Returns the neuron to rest: the state is rebuilt from {@code u_rest} on the next call. */
    @Override
    public void reset() {
        state = null;
    }

    /** Keeps the state's values but cuts its gradient history (truncated BPTT). */
    @Override
    public void detach() {
        if (state != null) {
            state = state.detach();
        }
    }

    /**
     * @param name parameter name for the message
     * @param v value to check
     */
    protected static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + v);
        }
    }

    /**
     * @param name parameter name for the message
     * @param v value to check
     */
    protected static void requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
        }
    }

    /** @return common part of {@link #describe()} */
    protected String describeReset() {
        return "u_threshold=" + uThreshold + ", u_rest=" + uRest + ", spiking_function=" + spikingFunction
                + ", hard_reset=" + hardReset;
    }
}
