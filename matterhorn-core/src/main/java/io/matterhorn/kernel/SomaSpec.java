package io.matterhorn.kernel;

import io.matterhorn.neuron.NeuronKind;

import io.matterhorn.neuron.SurrogateDerivative;

import io.matterhorn.neuron.SomaNeuron;
import io.matterhorn.neuron.SpikeStages;

import java.util.Arrays;
import java.util.Objects;

/**
 * Everything a fused multi-step soma kernel needs besides the arrays: the response kind with its parameter
 * values, the surrogate, threshold, resting potential and reset mode. Immutable and validated on construction.
 *
 * <p>Native kernels implement the four built-in surrogates by {@link #surrogateId()}, with {@code g(x)}
 * evaluated in double:
 * <pre>
 *   0 Rectangular  g = 1/a if |x| &lt; a/2 else 0
 *   1 Polynomial   g = max(0, sqrt(a)/2 - (a/4)|x|)        (the fixed triangle, docs/differences-from-1.0.1.md #5)
 *   2 Sigmoid      g = s (1 - s) / a,  s = 1 / (1 + exp(-x/a))   (stable form, docs/differences-from-1.0.1.md #6)
 *   3 Gaussian     g = exp(-x^2 / (2a)) / sqrt(2 pi a)
 * </pre>
 * Any other surrogate ({@link SurrogateDerivative#CUSTOM}) runs in the pure-Java kernel, which calls
 * {@link SurrogateDerivative#derivative(double)}.
 *
 * @param kind response kind
 * @param params trainable scalar values in {@link NeuronKind#paramNames()} order (copied)
 * @param surrogate the surrogate derivative of the firing stage, not null
 * @param uThreshold firing threshold u_th, finite
 * @param uRest resting potential u_rest (initial state when h0 is null, hard-reset value), finite
 * @param hardReset true: {@code h = u (1 - o) + u_rest o}; false: {@code h = u - (u_th - u_rest) o}
 */
public record SomaSpec(NeuronKind kind, float[] params, SurrogateDerivative surrogate, float uThreshold,
        float uRest, boolean hardReset) {

    /**
     * Validates and copies the parameters.
     *
     * @param kind response kind, not null
     * @param params trainable scalar values in {@link NeuronKind#paramNames()} order, as many as the kind has
     *     (copied)
     * @param surrogate the surrogate derivative of the firing stage, not null; a built-in one needs a positive,
     *     finite parameter a
     * @param uThreshold firing threshold u_th, finite
     * @param uRest resting potential u_rest (initial state when h0 is null, hard-reset value), finite
     * @param hardReset true: {@code h = u (1 - o) + u_rest o}; false: {@code h = u - (u_th - u_rest) o}
     * @throws IllegalArgumentException if a value is null, out of range or does not fit the kind
     */
    public SomaSpec {
        if (kind == null) {
            throw new IllegalArgumentException("SomaSpec: kind must not be null");
        }
        params = params == null ? null : params.clone();
        kind.validate(params);
        if (surrogate == null) {
            throw new IllegalArgumentException("SomaSpec: surrogate must not be null");
        }
        if (surrogate.builtIn() && (!(surrogate.a() > 0) || Double.isInfinite(surrogate.a()))) {
            throw new IllegalArgumentException("SomaSpec: the surrogate's parameter a must be positive and finite, "
                    + "got " + surrogate.a());
        }
        if (!Float.isFinite(uThreshold) || !Float.isFinite(uRest)) {
            throw new IllegalArgumentException("SomaSpec: u_threshold and u_rest must be finite, got "
                    + uThreshold + " and " + uRest);
        }
    }

    /** @return a copy of the parameter values */
    @Override
    public float[] params() {
        return params.clone();
    }

    /**
     * @param k index in {@link NeuronKind#paramNames()} order
     * @return the value of parameter k
     */
    public float param(int k) {
        return params[k];
    }

    /** @return the native surrogate id (0..3), or {@link SurrogateDerivative#CUSTOM} */
    public int surrogateId() {
        return surrogate.builtIn() ? surrogate.kernelId() : SurrogateDerivative.CUSTOM;
    }

    /** @return the surrogate's shape parameter a (NaN for a custom surrogate without one) */
    public double surrogateA() {
        return surrogate.a();
    }

    /** @return the neuron of this spec for the Java loop (the kind's dynamics and the spike stages) */
    public SomaNeuron javaNeuron() {
        return new SomaNeuron(kind.dynamics(params, uRest), new SpikeStages(surrogate, uThreshold), uThreshold,
                uRest, hardReset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SomaSpec s && kind == s.kind && Arrays.equals(params, s.params)
                && surrogate.equals(s.surrogate) && Float.compare(uThreshold, s.uThreshold) == 0
                && Float.compare(uRest, s.uRest) == 0 && hardReset == s.hardReset;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(params) * 31 + Objects.hash(kind, surrogate, uThreshold, uRest, hardReset);
    }

    @Override
    public String toString() {
        return "SomaSpec[" + kind + " " + kind.paramNames() + "=" + Arrays.toString(params) + ", " + surrogate
                + ", u_th=" + uThreshold + ", u_rest=" + uRest + ", " + (hardReset ? "hard" : "soft") + " reset]";
    }
}
