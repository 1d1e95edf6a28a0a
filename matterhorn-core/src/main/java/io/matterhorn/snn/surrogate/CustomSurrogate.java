package io.matterhorn.snn.surrogate;

import java.util.function.DoubleUnaryOperator;

/**
 * A user's surrogate made by {@link Surrogate#of(String, DoubleUnaryOperator)}: Heaviside forward, the given
 * derivative backward. Runs in the pure-Java fused kernel on every backend. Immutable; thread-safe when the
 * function is.
 *
 * @param name name for messages
 * @param function the derivative g(x)
 */
record CustomSurrogate(String name, DoubleUnaryOperator function) implements Surrogate {
    /** Checks the arguments. */
    CustomSurrogate {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Surrogate.of: name must not be null or blank");
        }
        if (function == null) {
            throw new IllegalArgumentException("Surrogate.of: derivative function must not be null");
        }
    }

    @Override
    public double derivative(double x) {
        return function.applyAsDouble(x);
    }

    @Override
    public String toString() {
        return name;
    }
}
