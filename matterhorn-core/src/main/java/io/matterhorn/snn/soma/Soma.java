package io.matterhorn.snn.soma;

import io.matterhorn.kernel.Backends;
import io.matterhorn.neuron.FiringStages;
import io.matterhorn.neuron.NeuronDynamics;
import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.kernel.SomaSpec;
import io.matterhorn.neuron.SomaNeuron;
import io.matterhorn.neuron.SpikeStages;
import io.matterhorn.snn.InputChecks;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.SequenceModule;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
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
 * <p>The response of the built-in neurons is defined once, by a {@link NeuronKind} ({@link #neuronKind()}): it
 * builds the per-step graph, gives the fused kernels their scalar form and fixes the parameter order handed to
 * native code. Somas with another firing function or an analog output (KLIF, LIAF) override
 * {@link #fire(Tensor)}, {@link #output(Tensor, Tensor)} and {@link #firingStages()}: then each step computes
 * {@code o = fire(u)}, returns {@code y = output(u, o)} and resets with o as above (an analog o gives a partial
 * reset).
 *
 * <p>A soma is single-step only ({@code forward} takes {@code [B, ...]}, one step, and keeps {@code h}); a
 * {@code Sequential} wraps it in {@code Temporal}, which calls {@link #forwardSequence(Tensor)}: the whole
 * sequence as one fused graph node (float32; on the selected kernel backend for a {@link NeuronKind} soma with a
 * Heaviside spike, else the pure-Java kernel), equal to stepping one step at a time. The state starts at
 * {@code u_rest} and takes the shape of the first input after {@link #reset()}. Not thread-safe (it keeps state).
 *
 * <p>Each built-in soma is made by its builder, which extends {@link SomaBuilder} (the shared settings u_th,
 * u_rest, spiking function, reset and trainable flag) with the soma's own parameters, or by its no-argument
 * constructor with the 1.0.1 defaults.
 */
public abstract class Soma extends Module implements SequenceModule {
    /** Firing threshold u_th. */
    protected final float uThreshold;
    /** Resting potential u_rest (initial state and hard-reset value). */
    protected final float uRest;
    /** Spiking function (Heaviside forward, surrogate backward); null for somas with their own {@link #fire}. */
    protected final Surrogate spikingFunction;
    /** Hard (to u_rest) or soft (subtract u_th - u_rest) reset. */
    protected final boolean hardReset;
    private final List<Tensor> scalarParameters = new ArrayList<>();
    private List<Tensor> kindParameters;
    private Tensor state;

    /**
     * @param uThreshold firing threshold
     * @param uRest resting potential
     * @param spikingFunction surrogate; not null
     * @param hardReset true for hard reset
     */
    protected Soma(double uThreshold, double uRest, Surrogate spikingFunction, boolean hardReset) {
        requireFinite(getClass().getSimpleName() + " u_threshold", uThreshold);
        requireFinite(getClass().getSimpleName() + " u_rest", uRest);
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
     * subclass must override {@link #fire(Tensor)} and {@link #firingStages()}.
     *
     * @param uThreshold firing threshold
     * @param uRest resting potential
     * @param hardReset true for hard reset
     */
    protected Soma(double uThreshold, double uRest, boolean hardReset) {
        requireFinite(getClass().getSimpleName() + " u_threshold", uThreshold);
        requireFinite(getClass().getSimpleName() + " u_rest", uRest);
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

    /** @return the registered scalar parameters, in registration order */
    protected final List<Tensor> scalarParameters() {
        return scalarParameters;
    }

    /**
     * @return the kind whose one definition is this soma's response (LIF for LIF, LIAF and KLIF), or null for a
     *     soma that defines its own {@link #response} and {@link #dynamics()} (Izhikevich, ResponseSoma); the
     *     soma must have registered a scalar for every name of {@link NeuronKind#paramNames()}
     */
    protected NeuronKind neuronKind() {
        return null;
    }

    /**
     * The per-step response; by default the {@link #neuronKind()}'s graph.
     *
     * @param x input of this step
     * @param h potential after the previous reset, same shape
     * @return the charged potential u as a graph of tensor operations (the per-step path)
     */
    protected Tensor response(Tensor h, Tensor x) {
        NeuronKind kind = requireKind();
        return NeuronGraphs.response(kind, h, x, kindParameters(kind), uRest);
    }

    /**
     * @return the response with the current parameter values captured, for the fused kernel (by default the
     *     {@link #neuronKind()}'s); null if this soma has no fused kernel (then sequences are stepped)
     */
    protected NeuronDynamics dynamics() {
        NeuronKind kind = neuronKind();
        return kind == null ? null : kind.dynamics(kindValues(kind), uRest);
    }

    /**
     * The description of this soma for the pluggable kernels ({@link Backends}: pure Java, native C++ or CUDA),
     * with the current parameter values: its {@link #neuronKind()} and spiking function. Somas with their own
     * {@link #firingStages()} or without a kind run the pure-Java kernel instead.
     *
     * @return the kernel description, or null when no backend kernel exists for this soma
     */
    protected SomaSpec kernelSpec() {
        NeuronKind kind = neuronKind();
        if (kind == null || spikingFunction == null) {
            return null;
        }
        return new SomaSpec(kind, kindValues(kind), spikingFunction, uThreshold, uRest, hardReset);
    }

    private NeuronKind requireKind() {
        NeuronKind kind = neuronKind();
        if (kind == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no NeuronKind and must override "
                    + "response(Tensor, Tensor)");
        }
        return kind;
    }

    /** The registered scalars named by {@code kind.paramNames()}, in that order (the kernels' gradient order). */
    private List<Tensor> kindParameters(NeuronKind kind) {
        if (kindParameters == null) {
            Map<String, Tensor> own = namedParameters();
            List<Tensor> out = new ArrayList<>();
            for (String name : kind.paramNames()) {
                Tensor p = own.get(name);
                if (p == null) {
                    throw new IllegalStateException(getClass().getSimpleName() + " has no parameter '" + name
                            + "' that its kind " + kind + " needs");
                }
                out.add(p);
            }
            kindParameters = List.copyOf(out);
        }
        return kindParameters;
    }

    private float[] kindValues(NeuronKind kind) {
        List<Tensor> ps = kindParameters(kind);
        float[] v = new float[ps.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) ps.get(k).item();
        }
        return v;
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
     *     somas that output their Heaviside spikes ({@link SpikeStages} with the spiking function)
     */
    protected FiringStages firingStages() {
        return null;
    }

    /** @return the registered scalars of {@link #firingStages()}, in the order it reports gradients (default none) */
    protected List<Tensor> stageParameters() {
        return List.of();
    }

    /**
     * One step: {@code u = response(h, x)}, {@code o = fire(u)}, {@code y = output(u, o)}, then the reset. A float32
     * step of a soma with a fused kernel runs that kernel with T = 1 (the neuron's one definition in
     * {@code io.matterhorn.neuron}); other types (float64 for gradient checks) and somas without a kernel run the
     * per-step graph of {@link #response}, {@link #fire} and {@link #output}.
     *
     * @param x input potential, shape [B, ...]
     * @return y (spikes for spiking somas), same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.dataType() == DataType.FLOAT && dynamics() != null) {
            // the fused kernel checks the values in its own pass (forwardSequence)
            InputChecks.requireFloatingNonEmpty(getClass().getSimpleName(), x);
            checkStateShape(x.shape(), x.shape());
            return forwardSequence(InputChecks.asOneStep(x)).reshape(x.shape());
        }
        InputChecks.requireFloatingInput(getClass().getSimpleName(), x);
        checkStateShape(x.shape(), x.shape());
        return forwardGraph(x);
    }

    /**
     * One step as the graph of tensor operations {@link #response}, {@link #fire}, {@link #output} and the reset,
     * differentiated by autograd: the path of non-float32 inputs and of somas without a fused kernel, and the
     * independent reference that tests compare the fused kernel's hand-written backward with.
     *
     * @param x input potential, shape [B, ...] (checked by the caller)
     * @return y, same shape
     */
    Tensor forwardGraph(Tensor x) {
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
    @Override
    public Tensor forwardSequence(Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": a sequence must be [T, B, ...], got "
                    + Arrays.toString(x.shape()));
        }
        String name = getClass().getSimpleName();
        InputChecks.requireFloatingNonEmpty(name, x);
        long[] step = Arrays.copyOfRange(x.shape(), 1, x.rank());
        checkStateShape(step, x.shape());
        NeuronDynamics d = dynamics();
        if (d == null || x.dataType() != DataType.FLOAT) {
            // the whole sequence before the first step changes the state
            InputChecks.requireFinite(name, x);
            List<Tensor> out = new ArrayList<>();
            for (long t = 0; t < x.size(0); t++) {
                out.add(forward(x.select(t)));
            }
            return Tensor.stack(out);
        }
        int neurons = fusedNeurons(x, step);
        Fused f = fused(d);
        SomaSequenceNode.Result r;
        try {
            // NaN and infinities are found by the kernel's own pass over x (no scan of x first); the state is
            // only replaced below, so a refused input leaves it as it was
            r = SomaSequenceNode.run(name, x, step, neurons, state, f.kernel(), f.parameters(), f.spikeValued());
        } catch (IllegalArgumentException e) {
            InputChecks.requireFinite(name, x); // names the value when that was the cause
            throw e;
        }
        state = r.finalState();
        return r.output();
    }

    /**
     * The fused kernel of this soma with its current parameter values.
     *
     * @param kernel forward and backward over [T, N]
     * @param parameters the scalars whose gradients the kernel returns, in its order
     * @param spikeValued whether the output holds 0/1 spikes
     */
    record Fused(SomaSequenceNode.Kernel kernel, List<Tensor> parameters, boolean spikeValued) {
    }

    /**
     * @return the fused kernel of this soma (the selected backend's for a {@link NeuronKind} soma with a Heaviside
     *     spike, else the pure-Java one), or null when the soma has none (then it is stepped)
     */
    Fused fused() {
        NeuronDynamics d = dynamics();
        return d == null ? null : fused(d);
    }

    private Fused fused(NeuronDynamics d) {
        FiringStages stages = firingStages();
        SomaSpec spec = stages == null ? kernelSpec() : null;
        SomaSequenceNode.Kernel kernel = spec != null ? SomaSequenceNode.backend(Backends.soma(), spec)
                : SomaSequenceNode.java(new SomaNeuron(d,
                        stages != null ? stages : new SpikeStages(spikingFunction, uThreshold), uThreshold, uRest,
                        hardReset));
        List<Tensor> params = new ArrayList<>(neuronKind() != null ? kindParameters(neuronKind()) : scalarParameters);
        params.addAll(stageParameters());
        int expected = d.paramCount() + (stages == null ? 0 : stages.paramCount());
        if (params.size() != expected) {
            throw new IllegalStateException(getClass().getSimpleName() + ": " + params.size() + " scalars, but the "
                    + "fused kernel reports " + expected + " parameter gradients");
        }
        return new Fused(kernel, List.copyOf(params), stages == null);
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
