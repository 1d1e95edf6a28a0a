package io.matterhorn.snn.soma;

import io.matterhorn.snn.InputChecks;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Base of the neurons whose parameters are arrays of the layer's shape (one value per neuron), as NIR states them
 * ({@link LI}, {@link ArrayLIF}, {@link CubaLIF}). Time is continuous: each parameter that is a time constant is
 * in seconds and a step advances the state by forward Euler with the fixed step {@code dt} given at construction.
 *
 * <p>Single-step only: {@code forward} takes one step {@code [B, ...neuronShape]}; a {@code Sequential} wraps the
 * neuron in {@code Temporal}. Every parameter is a trainable float32 tensor of shape {@code neuronShape}
 * (loaded through the state dict); the state starts at rest after {@link #reset()}. Not thread-safe (it keeps
 * state).
 */
public abstract class ArraySoma extends Module {
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

    /**
     * Registers a per-neuron parameter filled with one value.
     *
     * @param name NIR name, e.g. "tau"
     * @param value initial value of every neuron
     * @return the parameter, shape {@code neuronShape}
     */
    protected final Tensor registerArray(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + name + " must be finite, got "
                    + value);
        }
        return registerParameter(name, Tensor.parameter(Nd4j.valueArrayOf(neuronShape, (float) value), true));
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
     * @param name parameter name
     * @return the parameter flattened to {@code [N]} (differentiable view for the per-step graph)
     */
    protected final Tensor flat(String name) {
        return namedParameters().get(name).reshape(neurons);
    }

    /**
     * {@code dt / tau} per neuron, in the dtype of the parameter (float32: {@code float(dt) / tau}, as numpy
     * evaluates {@code dt / tau} on a float32 array).
     *
     * @param tauName name of the time-constant parameter
     * @return [N]
     */
    protected final Tensor stepOver(String tauName) {
        Tensor tau = flat(tauName);
        return Tensor.of(Nd4j.scalar(tau.dataType(), dt)).div(tau);
    }

    /**
     * One Euler step of the flattened neurons.
     *
     * @param x input of this step [B, N]
     * @return output [B, N]
     */
    protected abstract Tensor step(Tensor x);

    /**
     * @param name state variable, e.g. "v"
     * @param rest value at rest per neuron [N] (broadcast over the batch, gradients flow to it), or null for zero
     * @param batch batch size
     * @return the state [B, N] (at rest when not yet set)
     */
    protected final Tensor stateOr(String name, Tensor rest, long batch) {
        Tensor s = state.get(name);
        if (s != null) {
            return s;
        }
        Tensor zero = Tensor.of(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, neurons));
        return rest == null ? zero : zero.add(rest);
    }

    /**
     * @param name state variable
     * @param value its new value [B, N]
     */
    protected final void setState(String name, Tensor value) {
        state.put(name, value);
    }

    /**
     * @param name state variable, e.g. "v"
     * @return its value [B, ...neuronShape] after the last step, or null at rest
     */
    public Tensor stateOf(String name) {
        Tensor s = state.get(name);
        if (s == null) {
            return null;
        }
        long[] shape = new long[neuronShape.length + 1];
        shape[0] = s.size(0);
        System.arraycopy(neuronShape, 0, shape, 1, neuronShape.length);
        return s.reshape(shape);
    }

    /**
     * One step.
     *
     * @param x input [B, ...neuronShape]
     * @return output, same shape
     */
    @Override
    public Tensor forward(Tensor x) {
        String name = getClass().getSimpleName();
        InputChecks.requireFloatingInput(name, x);
        long[] shape = x.shape();
        if (shape.length != neuronShape.length + 1
                || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), neuronShape)) {
            throw new IllegalArgumentException(name + ": expected one step [B, " + Arrays.toString(neuronShape)
                    .replaceAll("[\\[\\]]", "") + "], got " + Arrays.toString(shape));
        }
        for (Tensor s : state.values()) {
            if (s.size(0) != shape[0]) {
                throw new IllegalStateException(name + ": batch " + shape[0] + " does not match the state batch "
                        + s.size(0) + "; call reset() before feeding a different batch size");
            }
        }
        return step(x.reshape(shape[0], neurons)).reshape(shape);
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

    /**
     * Hard reset to a per-neuron value: {@code v' = v (1 - z) + v_reset z} (exactly v or v_reset for z in {0, 1}).
     *
     * @param v potential [B, N]
     * @param z spikes [B, N]
     * @param vReset [N]
     * @return v' [B, N]
     */
    protected static Tensor resetTo(Tensor v, Tensor z, Tensor vReset) {
        return v.mul(z.rsub(1)).add(z.mul(vReset));
    }
}
