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
 * <p>Somas with another firing function or an analog output (KLIF, LIAF) override {@link #fire(Tensor)},
 * {@link #output(Tensor, Tensor)} and {@link #analogStages()}: then each step computes {@code o = fire(u)},
 * returns {@code y = output(u, o)} and resets with o as above (an analog o gives a partial reset).
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
    /** Spiking function (Heaviside forward, surrogate backward); null for somas with their own {@link #fire}. */
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
     * For somas whose firing function is not a surrogate spike (KLIF): {@link #spikingFunction()} is null and the
     * subclass must override {@link #fire(Tensor)} and {@link #analogStages()}.
     *
     * @param uThreshold firing threshold
     * @param uRest resting potential
     * @param hardReset true for hard reset
     */
    protected Soma(double uThreshold, double uRest, boolean hardReset) {
        requireFinite("u_threshold", uThreshold);
        requireFinite("u_rest", uRest);
        this.uThreshold = (float) uThreshold;
        this.uRest = (float) uRest;
        this.spikingFunction = null;
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

    /**
     * The description of this soma for the pluggable kernels ({@link io.matterhorn.kernel.Backends}: pure Java,
     * native C++ or CUDA), with the current parameter values. Somas that return one run their fused sequences on the
     * selected backend; the others use {@link #dynamics()} with the pure-Java kernel.
     *
     * @return the kernel description, or null when no backend kernel exists for this soma
     */
    protected io.matterhorn.kernel.SomaSpec kernelSpec() {
        return null;
    }

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

    /** @return the spiking function, or null for a soma with its own firing function (KLIF) */
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
     * The firing stage of the per-step graph; by default {@code o = H(u - u_th)} with the surrogate gradient.
     *
     * @param u charged potential [B, ...]
     * @return the value o that drives the reset, same shape
     */
    protected Tensor fire(Tensor u) {
        if (spikingFunction == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no spiking function and must "
                    + "override fire(Tensor)");
        }
        return spikingFunction.apply(u.sub(uThreshold));
    }

    /**
     * The output stage of the per-step graph; by default the spikes themselves.
     *
     * @param u charged potential [B, ...]
     * @param o result of {@link #fire(Tensor)}, same shape
     * @return what the soma returns for this step, same shape
     */
    protected Tensor output(Tensor u, Tensor o) {
        return o;
    }

    /**
     * @return the firing and output stages for the fused kernel of a soma that overrides {@link #fire(Tensor)} or
     *     {@link #output(Tensor, Tensor)} (evaluated with the current parameter values); null (the default) for
     *     somas that output their Heaviside spikes, which use {@link SomaSequenceKernel}
     */
    protected AnalogStages analogStages() {
        return null;
    }

    /**
     * One step: {@code u = response(h, x)}, {@code o = fire(u)}, {@code y = output(u, o)}, then the reset.
     *
     * @param x input potential, shape [B, ...]
     * @return y (spikes for spiking somas), same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        checkStateShape(x.shape(), x.shape());
        Tensor h = state != null ? state : Tensor.of(Nd4j.valueArrayOf(x.shape(), uRest, x.dataType()));
        Tensor u = response(h, x);
        Tensor o = fire(u);
        Tensor y = output(u, o);
        state = hardReset ? u.mul(o.rsub(1)).add(o.mul(uRest)) : u.sub(o.mul(uThreshold - uRest));
        return y;
    }

    /**
     * A whole sequence as one fused node (when the soma has a kernel and x is float32), else step by step.
     *
     * @param x input potentials, shape [T, B, ...]
     * @return outputs (spikes for spiking somas), shape [T, B, ...]
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
        AnalogStages stages = analogStages();
        if (stages != null) {
            int neurons = fusedNeurons(x, step);
            AnalogSequenceNode.Result r = AnalogSequenceNode.run(getClass().getSimpleName(), x, step, neurons, state,
                    new AnalogSequenceKernel.Config(d, stages, uThreshold, uRest, hardReset), scalarParameters);
            state = r.finalState();
            return r.output();
        }
        return fusedSequence(x, step, d);
    }

    private int fusedNeurons(Tensor x, long[] step) {
        long n = 1;
        for (long s : step) {
            n *= s;
        }
        if (x.size(0) * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": sequence too large for the fused "
                    + "kernel: " + Arrays.toString(x.shape()));
        }
        return (int) n;
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
        float[] h0v = h0 == null ? null : Layout.toFloatArray(h0.value());
        INDArray spikes = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        float[] u = new float[steps * neurons];
        float[] hLast = new float[neurons];
        FloatBuffer xb = Layout.floats(xv);
        int xOff = Layout.offset(xv);
        io.matterhorn.kernel.SomaSpec spec = kernelSpec();
        io.matterhorn.kernel.SomaKernels kernels = spec == null ? null : io.matterhorn.kernel.Backends.soma();
        try {
            if (kernels != null) {
                kernels.forward(spec, xb, xOff, h0v, steps, neurons, Layout.floats(spikes), u, hLast);
            } else {
                SomaSequenceKernel.forward(cfg, xb, xOff, h0v, steps, neurons, Layout.floats(spikes), u, hLast);
            }
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
        List<Tensor> params = spec == null ? List.copyOf(scalarParameters) : kernelParameters(spec);
        float[][] gradHLast = new float[1][];
        Tensor[] node = new Tensor[1];
        node[0] = Tensor.fromOp("somaSequence(" + getClass().getSimpleName() + ")", spikes, g -> {
            INDArray gc = Layout.contiguous(g);
            INDArray gx = x.requiresGrad() ? Nd4j.createUninitialized(DataType.FLOAT, x.shape()) : null;
            float[] gh0 = h0 != null && h0.requiresGrad() ? new float[neurons] : null;
            // dL/d(final state) was handed over by the final-state node in this backward pass; consume it so a
            // later backward pass that does not reach the final state cannot reuse it
            float[] gLast = gradHLast[0];
            gradHLast[0] = null;
            // frozen parameters: when none of the scalars requires gradients, the kernels skip that work
            boolean paramGrads = params.stream().anyMatch(Tensor::requiresGrad);
            FloatBuffer gxb = gx == null ? null : Layout.floats(gx);
            double[] dp = null;
            if (kernels != null && paramGrads) {
                dp = kernels.backward(spec, xb, xOff, h0v, u, Layout.floats(gc), Layout.offset(gc), gLast, steps,
                        neurons, gxb, gh0);
            } else if (kernels != null) {
                kernels.backwardInputs(spec, xb, xOff, h0v, u, Layout.floats(gc), Layout.offset(gc), gLast, steps,
                        neurons, gxb, gh0);
            } else {
                dp = SomaSequenceKernel.backward(paramGrads ? cfg : cfg.withoutParameterGradients(), xb, xOff, h0v,
                        u, Layout.floats(gc), Layout.offset(gc), gLast, steps, neurons, gxb, gh0);
            }
            if (gx != null) {
                x.accumulateGrad(gx);
            }
            if (gh0 != null) {
                h0.accumulateGrad(Nd4j.create(gh0, step, 'c'));
            }
            for (int k = 0; paramGrads && k < params.size(); k++) {
                Tensor p = params.get(k);
                if (p.requiresGrad()) {
                    p.accumulateGrad(Nd4j.scalar(p.dataType(), dp[k]));
                }
            }
        }, parents.toArray(new Tensor[0])).markSpikeValued();
        Tensor spikesNode = node[0];
        INDArray hv = Nd4j.create(hLast, step, 'c');
        state = Tensor.fromOp("somaFinalState", hv, g -> {
            gradHLast[0] = Layout.toFloatArray(g);
            if (spikesNode.grad() == null) {
                spikesNode.accumulateGrad(Nd4j.zeros(DataType.FLOAT, x.shape()));
            }
        }, spikesNode);
        return spikesNode;
    }

    /** The registered scalars in the order the kernel reports their gradients ({@code NeuronKind.paramNames()}). */
    private List<Tensor> kernelParameters(io.matterhorn.kernel.SomaSpec spec) {
        java.util.Map<String, Tensor> own = namedParameters();
        List<Tensor> out = new ArrayList<>();
        for (String name : spec.kind().paramNames()) {
            Tensor p = own.get(name);
            if (p == null) {
                throw new IllegalStateException(getClass().getSimpleName() + " has no parameter '" + name
                        + "' that its kernel " + spec.kind() + " reports a gradient for");
            }
            out.add(p);
        }
        return out;
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
        return "u_threshold=" + uThreshold + ", u_rest=" + uRest
                + (spikingFunction == null ? "" : ", spiking_function=" + spikingFunction)
                + ", hard_reset=" + hardReset;
    }
}
