package io.matterhorn.neuron;

/**
 * The one definition of the quadratic integrate-and-fire response (1.0.1 sign; C++ twin {@code Response<KIND_QIF>}
 * in matterhorn-native's {@code common/soma_math.inc}), float32 in this order, with {@code s = -a_0 (h - u_rest)(h -
 * u_c) + x}:
 *
 * <pre>
 *   u = h + (1/tau) s
 *   du/dh = 1 + (1/tau) (-a_0 ((h - u_c) + (h - u_rest))),  du/dx = 1/tau
 *   du/dtau = -s / tau^2,  du/da_0 = -(h - u_rest)(h - u_c) / tau,  du/du_c = a_0 (h - u_rest) / tau   (double)
 * </pre>
 *
 * @param tau membrane time constant, positive
 * @param a0 curvature a_0
 * @param uC critical potential u_c
 * @param uRest resting potential
 */
public record QifDynamics(float tau, float a0, float uC, float uRest) implements NeuronDynamics {
    /**
     * @throws IllegalArgumentException when tau is outside {@link ParameterBounds} or another value is not finite
     */
    public QifDynamics {
        ParameterBounds.requireTimeConstant("QIF tau_m", tau);
        ParameterBounds.requireFinite("QIF a_0", a0);
        ParameterBounds.requireFinite("QIF u_c", uC);
        ParameterBounds.requireFinite("QIF u_rest", uRest);
    }

    @Override
    public float response(float h, float x) {
        return h + (1f / tau) * (-a0 * (h - uRest) * (h - uC) + x);
    }

    @Override
    public float dResponseDh(float h, float x) {
        return 1f + (1f / tau) * (-a0 * ((h - uC) + (h - uRest)));
    }

    @Override
    public float dResponseDx(float h, float x) {
        return 1f / tau;
    }

    @Override
    public int paramCount() {
        return 3;
    }

    @Override
    public void addParamGrads(float h, float x, float gu, double[] acc) {
        double dr = (double) h - uRest;
        double dc = (double) h - uC;
        double s = -(double) a0 * dr * dc + x;
        double t = tau;
        acc[0] += gu * (-s / (t * t));
        acc[1] += gu * (-dr * dc / t);
        acc[2] += gu * (a0 * dr / t);
    }
}
