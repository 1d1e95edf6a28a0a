package io.matterhorn.neuron;

/**
 * The one definition of the exponential integrate-and-fire response (C++ twin {@code Response<KIND_EIF>} in
 * matterhorn-native's {@code common/soma_math.inc}), float32 in this order, with {@code e = exp((h - u_t) / delta_t)}
 * (exp in double, rounded to
 * float) and {@code s = -(h - u_rest) + delta_t e + x}:
 *
 * <pre>
 *   u = h + (1/tau) s
 *   du/dh = 1 + (1/tau) (-1 + e),  du/dx = 1/tau
 *   du/dtau = -s / tau^2,  du/ddelta_t = e (1 - (h - u_t)/delta_t) / tau,  du/du_t = -e / tau   (double)
 * </pre>
 *
 * @param tau membrane time constant, positive
 * @param deltaT sharpness delta_t, positive
 * @param uT rheobase potential u_t
 * @param uRest resting potential
 */
public record EifDynamics(float tau, float deltaT, float uT, float uRest) implements NeuronDynamics {
    /**
     * @throws IllegalArgumentException when tau or delta_t is outside {@link ParameterBounds} or another value is not
     *     finite
     */
    public EifDynamics {
        ParameterBounds.requireTimeConstant("EIF tau_m", tau);
        ParameterBounds.requireTimeConstant("EIF delta_t", deltaT);
        ParameterBounds.requireFinite("EIF u_t", uT);
        ParameterBounds.requireFinite("EIF u_rest", uRest);
    }

    @Override
    public float response(float h, float x) {
        return h + (1f / tau) * (-(h - uRest) + deltaT * expTerm(h) + x);
    }

    @Override
    public float dResponseDh(float h, float x) {
        return 1f + (1f / tau) * (-1f + expTerm(h));
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
        double e = expTerm(h);
        double z = ((double) h - uT) / deltaT;
        double s = -((double) h - uRest) + (double) deltaT * e + x;
        double t = tau;
        acc[0] += gu * (-s / (t * t));
        acc[1] += gu * (e * (1 - z) / t);
        acc[2] += gu * (-e / t);
    }

    private float expTerm(float h) {
        return (float) Math.exp((h - uT) / deltaT);
    }
}
