package io.matterhorn.neuron;

import java.util.List;

/**
 * The neuron responses the fused soma kernels implement, with their trainable scalars in a fixed order (the order
 * of {@code io.matterhorn.kernel.SomaSpec#params()} and of the parameter gradients the kernels return). With
 * {@code h} the potential after the previous step's reset and {@code x} the input of this step (float32, evaluated
 * in this order):
 *
 * <pre>
 *   IF : u = h + x                                                     params []
 *   LIF: u = (x - (h - u_rest)) / tau_m + h                            params [tau_m]
 *   QIF: u = h + (1/tau_m) (-a_0 (h - u_rest)(h - u_c) + x)            params [tau_m, a_0, u_c]
 *   EIF: u = h + (1/tau_m) (-(h - u_rest) + delta_t exp((h - u_t)/delta_t) + x)
 *                                                                      params [tau_m, delta_t, u_t]
 * </pre>
 *
 * The QIF sign follows the matterhorn 1.0.1 code (u_c is the stable fixed point; docs/differences-from-1.0.1.md #4).
 * Each kind's maths is written once, in its dynamics record ({@code LifDynamics}, {@code IfDynamics},
 * {@code QifDynamics}, {@code EifDynamics}): {@link #dynamics} gives the Java loop its scalar form (core's per-step
 * tensor graph is the same lines as tensor operations), and {@link #paramNames()} is the parameter layout handed to
 * native code.
 */
public enum NeuronKind {
    /** Integrate-and-fire without leak. */
    IF(0, List.of()),
    /** Leaky integrate-and-fire. */
    LIF(1, List.of("tau_m")),
    /** Quadratic integrate-and-fire (1.0.1 sign). */
    QIF(2, List.of("tau_m", "a_0", "u_c")),
    /** Exponential integrate-and-fire. */
    EIF(3, List.of("tau_m", "delta_t", "u_t"));

    private final int nativeId;
    private final List<String> paramNames;

    NeuronKind(int nativeId, List<String> paramNames) {
        this.nativeId = nativeId;
        this.paramNames = paramNames;
    }

    /** @return the stable number native kernels use: 0 IF, 1 LIF, 2 QIF, 3 EIF */
    public int nativeId() {
        return nativeId;
    }

    /** @return the 1.0.1 names of the trainable scalars, in kernel order */
    public List<String> paramNames() {
        return paramNames;
    }

    /** @return the number of trainable scalars (length of params and of the parameter gradients) */
    public int paramCount() {
        return paramNames.size();
    }

    /**
     * Checks parameter values: the right count, all finite, {@code tau_m} and (EIF) {@code delta_t} within
     * {@link ParameterBounds#requireTimeConstant}.
     *
     * @param params values in {@link #paramNames()} order
     * @throws IllegalArgumentException naming the kind and parameter when a value is invalid
     */
    public void validate(float[] params) {
        if (params == null || params.length != paramCount()) {
            throw new IllegalArgumentException(this + " kernel: expected " + paramCount() + " parameters "
                    + paramNames + ", got " + (params == null ? "null" : params.length));
        }
        for (int k = 0; k < params.length; k++) {
            if (!Float.isFinite(params[k])) {
                throw new IllegalArgumentException(this + " kernel: " + paramNames.get(k)
                        + " must be finite, got " + params[k]);
            }
        }
        if (paramCount() > 0) {
            ParameterBounds.requireTimeConstant(this + " kernel: tau_m", params[0]);
        }
        if (this == EIF) {
            ParameterBounds.requireTimeConstant("EIF kernel: delta_t", params[1]);
        }
    }

    /**
     * The response of this kind for the pure-Java fused kernel.
     *
     * @param params values in {@link #paramNames()} order (validated)
     * @param uRest resting potential
     * @return the dynamics, with parameter gradients in the same order
     */
    public NeuronDynamics dynamics(float[] params, float uRest) {
        validate(params);
        switch (this) {
            case IF:
                return IfDynamics.INSTANCE;
            case LIF:
                return new LifDynamics(params[0], uRest);
            case QIF:
                return new QifDynamics(params[0], params[1], params[2], uRest);
            case EIF:
                return new EifDynamics(params[0], params[1], params[2], uRest);
            default:
                throw new AssertionError(this);
        }
    }
}
