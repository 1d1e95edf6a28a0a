package io.matterhorn.snn.soma;

import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A soma with a user-defined response (matterhorn 1.0.1's {@code Response}): each step
 *
 * <pre>
 *   u = f(h, x, params)        (the user's function, written with Tensor operations)
 *   o = H(u - u_th), then the reset of {@link Soma}
 * </pre>
 *
 * The parameters are given as name → initial value; each becomes a registered 0-d scalar parameter
 * ({@link #namedParameters()}, optimisers, {@code zeroGrad}) with {@code requiresGrad = trainable}, and receives
 * its gradient through the graph the function builds. Example (a LIF written by hand):
 *
 * <pre>{@code
 * Map<String, Double> p = new LinkedHashMap<>();
 * p.put("tau", 2.0);
 * ResponseSoma soma = ResponseSoma.builder((h, x, q) -> x.sub(h).div(q.get("tau")).add(h), p)
 *         .trainable(true).build();
 * }</pre>
 *
 * Sequences are stepped through the per-step graph (there is no fused kernel for an arbitrary function).
 * Defaults: {@code u_th = 1}, {@code u_rest = 0}, Rectangular(2), hard reset, not trainable.
 *
 * <p>Difference from 1.0.1 (docs/differences-from-1.0.1.md #20): there the parameters were kept in a plain list, so
 * they were missing from {@code parameters()} and never trained; here they are registered. 1.0.1 also registered an
 * unused {@code tau_m}; this class registers only the parameters given (declare a {@code tau_m} to use one).
 */
public final class ResponseSoma extends Soma {

    /** The user's response. */
    @FunctionalInterface
    public interface ResponseFunction {
        /**
         * @param h potential after the previous reset [B, ...]
         * @param x input of this step [B, ...]
         * @param params the registered parameters by name (0-d tensors; read-only map)
         * @return the charged potential u [B, ...], built from Tensor operations
         */
        Tensor apply(Tensor h, Tensor x, Map<String, Tensor> params);
    }

    private final ResponseFunction function;
    private final Map<String, Tensor> params;

    /**
     * A soma with the 1.0.1 defaults and non-trainable parameters.
     *
     * @param function the response
     * @param initialValues parameter name → initial value, in registration order (use a LinkedHashMap)
     */
    public ResponseSoma(ResponseFunction function, Map<String, Double> initialValues) {
        this(builder(function, initialValues));
    }

    private ResponseSoma(Builder b) {
        super(b.uThreshold(), b.uRest(), b.spikingFunction(), b.hardReset());
        if (b.function == null) {
            throw new IllegalArgumentException("ResponseSoma: response function must not be null");
        }
        if (b.initialValues == null) {
            throw new IllegalArgumentException("ResponseSoma: parameter map must not be null (use Map.of())");
        }
        this.function = b.function;
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : b.initialValues.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.contains(".")) {
                throw new IllegalArgumentException("ResponseSoma: parameter names must be non-empty and contain "
                        + "no '.', got '" + name + "'");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("ResponseSoma: parameter '" + name + "' has no value");
            }
            p.put(name, registerScalar(name, e.getValue(), b.trainable()));
        }
        this.params = Collections.unmodifiableMap(p);
    }

    /**
     * @param function the response, not null
     * @param initialValues parameter name → initial value (finite), in registration order; names non-empty
     *     without '.'; may be empty; read when {@link Builder#build()} is called
     * @return a builder with the 1.0.1 defaults of {@link SomaBuilder}
     */
    public static Builder builder(ResponseFunction function, Map<String, Double> initialValues) {
        return new Builder(function, initialValues);
    }

    /** @return the registered parameters by name (read-only) */
    public Map<String, Tensor> responseParameters() {
        return params;
    }

    @Override
    protected Tensor response(Tensor h, Tensor x) {
        Tensor u = function.apply(h, x, params);
        if (u == null || !Arrays.equals(u.shape(), x.shape())) {
            throw new IllegalStateException("ResponseSoma: the response function must return u of the input's shape "
                    + Arrays.toString(x.shape()) + ", got " + (u == null ? "null" : Arrays.toString(u.shape())));
        }
        return u;
    }

    @Override
    protected String describe() {
        StringBuilder sb = new StringBuilder("ResponseSoma(params={");
        String sep = "";
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue().item());
            sep = ", ";
        }
        return sb.append("}, ").append(describeReset()).append(")").toString();
    }

    /**
     * Builder for {@link ResponseSoma}: the response and its parameters (given to {@link #builder}) and the
     * settings of {@link SomaBuilder}; {@code trainable} trains every parameter. Not thread-safe.
     */
    public static final class Builder extends SomaBuilder<ResponseSoma, Builder> {
        private final ResponseFunction function;
        private final Map<String, Double> initialValues;

        private Builder(ResponseFunction function, Map<String, Double> initialValues) {
            this.function = function;
            this.initialValues = initialValues;
        }

        /** @return the soma */
        @Override
        public ResponseSoma build() {
            return new ResponseSoma(this);
        }
    }
}
