package io.matterhorn.kernel;

import io.matterhorn.snn.surrogate.Gaussian;
import io.matterhorn.snn.surrogate.Polynomial;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import java.util.Arrays;

/**
 * Everything a fused multi-step soma kernel needs besides the arrays: the response kind with its parameter
 * values, the surrogate, threshold, resting potential and reset mode. Immutable and validated on construction.
 *
 * <p>Surrogate ids (as {@link Surrogate#kernelId()}), with {@code g(x)} evaluated in double:
 * <pre>
 *   0 Rectangular  g = 1/a if |x| &lt; a/2 else 0
 *   1 Polynomial   g = max(0, sqrt(a)/2 - (a/4)|x|)        (the fixed triangle, spec defect 5)
 *   2 Sigmoid      g = s (1 - s) / a,  s = 1 / (1 + exp(-x/a))   (stable form, spec defect 6)
 *   3 Gaussian     g = exp(-x^2 / (2a)) / sqrt(2 pi a)
 * </pre>
 *
 * @param kind response kind
 * @param params trainable scalar values in {@link NeuronKind#paramNames()} order (copied)
 * @param surrogateId 0 Rectangular, 1 Polynomial, 2 Sigmoid, 3 Gaussian
 * @param surrogateA the surrogate's shape parameter a, positive and finite
 * @param uThreshold firing threshold u_th, finite
 * @param uRest resting potential u_rest (initial state when h0 is null, hard-reset value), finite
 * @param hardReset true: {@code h = u (1 - o) + u_rest o}; false: {@code h = u - (u_th - u_rest) o}
 */
public record SomaSpec(NeuronKind kind, float[] params, int surrogateId, double surrogateA, float uThreshold,
        float uRest, boolean hardReset) {

    /** Validates and copies the parameters. */
    public SomaSpec {
        if (kind == null) {
            throw new IllegalArgumentException("SomaSpec: kind must not be null");
        }
        params = params == null ? null : params.clone();
        kind.validate(params);
        if (surrogateId < 0 || surrogateId > 3) {
            throw new IllegalArgumentException("SomaSpec: surrogate id must be 0 (Rectangular), 1 (Polynomial), "
                    + "2 (Sigmoid) or 3 (Gaussian), got " + surrogateId);
        }
        Surrogate.requirePositive(surrogateA, "SomaSpec surrogate");
        if (!Float.isFinite(uThreshold) || !Float.isFinite(uRest)) {
            throw new IllegalArgumentException("SomaSpec: u_threshold and u_rest must be finite, got "
                    + uThreshold + " and " + uRest);
        }
    }

    /**
     * A spec from a surrogate object.
     *
     * @param kind response kind
     * @param params parameter values in {@link NeuronKind#paramNames()} order
     * @param surrogate spiking function (its {@link Surrogate#kernelId()} and {@link Surrogate#a()})
     * @param uThreshold threshold
     * @param uRest resting potential
     * @param hardReset reset mode
     * @return the spec
     */
    public static SomaSpec of(NeuronKind kind, float[] params, Surrogate surrogate, float uThreshold, float uRest,
            boolean hardReset) {
        if (surrogate == null) {
            throw new IllegalArgumentException("SomaSpec: surrogate must not be null");
        }
        return new SomaSpec(kind, params, surrogate.kernelId(), surrogate.a(), uThreshold, uRest, hardReset);
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

    /** @return the surrogate object for {@link #surrogateId()} and {@link #surrogateA()} */
    public Surrogate surrogate() {
        switch (surrogateId) {
            case 0:
                return new Rectangular(surrogateA);
            case 1:
                return new Polynomial(surrogateA);
            case 2:
                return new Sigmoid(surrogateA);
            default:
                return new Gaussian(surrogateA);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SomaSpec s && kind == s.kind && Arrays.equals(params, s.params)
                && surrogateId == s.surrogateId && Double.compare(surrogateA, s.surrogateA) == 0
                && Float.compare(uThreshold, s.uThreshold) == 0 && Float.compare(uRest, s.uRest) == 0
                && hardReset == s.hardReset;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(params) * 31 + java.util.Objects.hash(kind, surrogateId, surrogateA, uThreshold,
                uRest, hardReset);
    }

    @Override
    public String toString() {
        return "SomaSpec[" + kind + " " + kind.paramNames() + "=" + Arrays.toString(params) + ", " + surrogate()
                + ", u_th=" + uThreshold + ", u_rest=" + uRest + ", " + (hardReset ? "hard" : "soft") + " reset]";
    }
}
