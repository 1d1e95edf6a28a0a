package io.matterhorn.snn.soma;

import io.matterhorn.neuron.EulerKind;

import io.matterhorn.snn.InputChecks;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.SequenceModule;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Base of the neurons whose parameters are arrays of the layer's shape (one value per neuron), as NIR states them
 * ({@link LI}, {@link ArrayLIF}, {@link CubaLIF}, {@link CubaLI}, {@link Integrator}). Time is continuous: each
 * parameter that is a time constant is in seconds and a step advances the state by forward Euler with the fixed
 * step {@code dt} given at construction. The equations, their float32 evaluation order and their gradients are
 * defined once, in {@link io.matterhorn.neuron.EulerNeuron}; one step and a whole sequence both run the one loop
 * {@link io.matterhorn.neuron.NeuronSequences} over it.
 *
 * <p>Single-step mode: {@code forward} takes one step {@code [B, ...neuronShape]}; a {@code Sequential} wraps the
 * neuron in {@code Temporal}, which hands it the whole sequence ({@link #forwardSequence}) as one fused graph node.
 * Every parameter is a trainable float32 tensor of shape {@code neuronShape} (loaded through the state dict); the
 * state ({@code v}, and {@code i} for the current-based kinds) starts at rest after {@link #reset()}, and gradients
 * flow through the state from one call to the next until {@link #detach()}. Not thread-safe (it keeps state).
 */
public abstract class ArraySoma extends Module implements SequenceModule {
    private final long[] neuronShape;
    private final int neurons;
    private final double dt;
    private final Map<String, Tensor> state = new LinkedHashMap<>();

    /**
     * @param neuronShape shape of one sample's neurons, e.g. {@code [40]} or {@code [4, 8, 8]}
     * @param dt Euler step in seconds, positive
     */
    protected ArraySoma(long[] neuronShape, double dt) {
        if (neuronShape == null || neuronShape.length == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": neuron shape must have at least one "
                    + "dimension, got " + Arrays.toString(neuronShape));
        }
        long n = 1;
        for (long s : neuronShape) {
            if (s < 1) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": neuron shape must be positive, got "
                        + Arrays.toString(neuronShape));
            }
            n *= s;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": too many neurons "
                    + Arrays.toString(neuronShape));
        }
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": dt must be positive and finite, got "
                    + dt);
        }
        this.neuronShape = neuronShape.clone();
        this.neurons = (int) n;
        this.dt = dt;
    }

    /** Registers every parameter of {@link #kind()} with its default (tau 10 dt, tau_syn 5 dt, r 1, w_in 1,
     * v_threshold 1, others 0); subclasses call it once from their constructor. */
    protected final void registerKindParameters() {
        for (String name : kind().paramNames()) {
            double value = switch (name) {
                case "tau", "tau_mem" -> 10 * dt;
                case "tau_syn" -> 5 * dt;
                case "r", "w_in", "v_threshold" -> 1.0;
                default -> 0.0;
            };
            registerParameter(name, Tensor.parameter(Nd4j.valueArrayOf(neuronShape, (float) value), true));
        }
    }

    /** @return which family of {@link io.matterhorn.neuron.EulerNeuron} this is */
    public abstract EulerKind kind();

    /** @return the surrogate of the firing step (spiking kinds), or null */
    protected Surrogate surrogate() {
        return null;
    }

    /** @return shape of one sample's neurons (a copy) */
    public long[] neuronShape() {
        return neuronShape.clone();
    }

    /** @return the Euler step in seconds */
    public double dt() {
        return dt;
    }

    /**
     * @param name state variable, "v" or (current-based kinds) "i"
     * @return its value [B, ...neuronShape] after the last step, or null at rest
     */
    public Tensor stateOf(String name) {
        Tensor s = state.get(name);
        if (s == null) {
            return null;
        }
        return s.reshape(InputChecks.withLeading(s.size(0), neuronShape));
    }

    /**
     * One step.
     *
     * @param x input [B, ...neuronShape]
     * @return output, same shape (spikes for spiking kinds, v otherwise)
     */
    @Override
    public Tensor forward(Tensor x) {
        requireShape(x, 1);
        return run(InputChecks.asOneStep(x)).reshape(x.shape());
    }

    /**
     * A whole sequence as one fused graph node (what {@code Temporal} calls); the same results and gradients as
     * T single steps.
     *
     * @param x input [T, B, ...neuronShape], T &gt;= 1
     * @return output [T, B, ...neuronShape]
     */
    @Override
    public Tensor forwardSequence(Tensor x) {
        requireShape(x, 2);
        return run(x);
    }

    private void requireShape(Tensor x, int lead) {
        long batch = InputChecks.requireSteps(getClass().getSimpleName(), x, neuronShape, lead);
        for (Tensor s : state.values()) {
            if (s.size(0) != batch) {
                throw new IllegalStateException(getClass().getSimpleName() + ": batch " + batch + " does not match "
                        + "the state batch " + s.size(0) + "; call reset() before feeding a different batch size");
            }
        }
    }

    private Tensor run(Tensor x) {
        EulerKind k = kind();
        List<Tensor> params = new ArrayList<>();
        for (String name : k.paramNames()) {
            params.add(namedParameters().get(name));
        }
        ArraySequenceNode.Result r = ArraySequenceNode.run(getClass().getSimpleName(), k, dt, surrogate(), x,
                neurons, state.get("i"), state.get("v"), params);
        if (k.current()) {
            state.put("i", r.current());
        }
        state.put("v", r.potential());
        return r.output();
    }

    @Override
    public boolean supportsMultiStep() {
        return false;
    }

    @Override
    public void reset() {
        state.clear();
    }

    @Override
    public void detach() {
        state.replaceAll((k, v) -> v.detach());
    }

    @Override
    protected String describe() {
        Surrogate s = surrogate();
        return getClass().getSimpleName() + "(kind=" + kind() + ", shape=" + Arrays.toString(neuronShape)
                + ", dt=" + dt
                + (s == null ? "" : ", spiking_function=" + s) + ")";
    }
}
