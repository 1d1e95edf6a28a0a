package io.matterhorn.neuron;

/**
 * The scalar form of an elementwise activation {@code y = act(v)} with its derivative, as LIAF's output stage
 * ({@link LiafStages}) uses it. {@code io.matterhorn.snn.soma.Activation} extends it with a tensor form.
 * Implementations must be immutable and thread-safe.
 */
public interface OutputActivation {
    /**
     * @param v argument
     * @return act(v) in float32
     */
    float value(float v);

    /**
     * @param v argument
     * @return d act / dv at v
     */
    float derivative(float v);
}
