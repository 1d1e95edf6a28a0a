package io.matterhorn.snn.soma;

import io.matterhorn.neuron.OutputActivation;
import io.matterhorn.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * An elementwise activation {@code y = act(v)} for {@link LIAF}'s output: a tensor form for the per-step graph and
 * a float form with its derivative for the fused kernel. The two forms must agree.
 *
 * <p>Built in: {@link #relu()} (the 1.0.1 default {@code nn.ReLU()}), {@link #identity()}, {@link #sigmoid()},
 * {@link #tanh()}. Any tensor function can be used with {@link #graphOnly(String, UnaryOperator)}; a soma with such
 * an activation runs sequences step by step instead of through the fused kernel.
 */
public interface Activation extends OutputActivation {

    /**
     * @param v argument, any shape
     * @return act(v) as a graph node, same shape
     */
    Tensor apply(Tensor v);

    /** @return whether {@link #value(float)} and {@link #derivative(float)} are available (fused kernel) */
    default boolean hasScalarForm() {
        return true;
    }

    /**
     * @param v argument
     * @return act(v) in float32, equal to the tensor form
     */
    @Override
    float value(float v);

    /**
     * @param v argument
     * @return d act / dv at v, as the tensor form's backward computes it
     */
    @Override
    float derivative(float v);

    /** @return {@code max(v, 0)}, derivative 1 where v &gt; 0 else 0 (as PyTorch's ReLU) */
    static Activation relu() {
        return Builtin.RELU;
    }

    /** @return {@code v}, derivative 1 */
    static Activation identity() {
        return Builtin.IDENTITY;
    }

    /** @return {@code 1 / (1 + exp(-v))}, derivative s (1 - s) */
    static Activation sigmoid() {
        return Builtin.SIGMOID;
    }

    /** @return {@code tanh(v)}, derivative 1 - tanh^2 */
    static Activation tanh() {
        return Builtin.TANH;
    }

    /**
     * An activation given only as tensor operations (no fused kernel).
     *
     * @param name shown in the soma's description
     * @param f the function, elementwise and shape-preserving
     * @return the activation
     */
    static Activation graphOnly(String name, UnaryOperator<Tensor> f) {
        if (f == null) {
            throw new IllegalArgumentException("Activation.graphOnly: function must not be null");
        }
        return new Activation() {
            @Override
            public Tensor apply(Tensor v) {
                return f.apply(v);
            }

            @Override
            public boolean hasScalarForm() {
                return false;
            }

            @Override
            public float value(float v) {
                throw new UnsupportedOperationException(name + ": graph-only activation has no scalar form");
            }

            @Override
            public float derivative(float v) {
                throw new UnsupportedOperationException(name + ": graph-only activation has no scalar form");
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** The built-in activations. */
    enum Builtin implements Activation {
        /** max(v, 0). */
        RELU {
            @Override
            public Tensor apply(Tensor v) {
                return v.relu();
            }

            @Override
            public float value(float v) {
                return v > 0 ? v : 0f;
            }

            @Override
            public float derivative(float v) {
                return v > 0 ? 1f : 0f;
            }

            @Override
            public String toString() {
                return "ReLU()";
            }
        },
        /** v. */
        IDENTITY {
            @Override
            public Tensor apply(Tensor v) {
                return v;
            }

            @Override
            public float value(float v) {
                return v;
            }

            @Override
            public float derivative(float v) {
                return 1f;
            }

            @Override
            public String toString() {
                return "Identity()";
            }
        },
        /** 1 / (1 + exp(-v)). */
        SIGMOID {
            @Override
            public Tensor apply(Tensor v) {
                return v.sigmoid();
            }

            @Override
            public float value(float v) {
                return (float) (1.0 / (1.0 + Math.exp(-v)));
            }

            @Override
            public float derivative(float v) {
                float s = value(v);
                return s * (1f - s);
            }

            @Override
            public String toString() {
                return "Sigmoid()";
            }
        },
        /** tanh(v). */
        TANH {
            @Override
            public Tensor apply(Tensor v) {
                return v.tanh();
            }

            @Override
            public float value(float v) {
                return (float) Math.tanh(v);
            }

            @Override
            public float derivative(float v) {
                float t = value(v);
                return 1f - t * t;
            }

            @Override
            public String toString() {
                return "Tanh()";
            }
        };
    }
}
