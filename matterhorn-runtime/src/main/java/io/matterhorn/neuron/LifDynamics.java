package io.matterhorn.neuron;

/**
 * The one definition of the leaky integrate-and-fire response (LIF, and the response of LIAF and KLIF): one Euler
 * step of {@code tau du/dt = -(u - u_rest) + x}, float32 in this order,
 *
 * <pre>
 *   u = (x - (h - u_rest)) / tau + h
 *   du/dh = 1 - 1/tau,  du/dx = 1/tau,  du/dtau = -(x - (h - u_rest)) / tau^2   (double)
 * </pre>
 *
 * The per-step graph (core's {@code NeuronGraphs.lifResponse}, its tensor form), the fused Java kernel (the methods of
 * {@link NeuronDynamics}) and the parameter layout handed to native code ({@code io.matterhorn.neuron.NeuronKind.LIF}:
 * [tau_m]) all come from here; the C++ twin is {@code Response<KIND_LIF>} in matterhorn-native's {@code
 * common/soma_math.inc}.
 *
 * @param tau membrane time constant, positive
 * @param uRest resting potential
 */
public record LifDynamics(float tau, float uRest) implements NeuronDynamics {
    /**
     * @throws IllegalArgumentException when tau is outside {@link ParameterBounds} or u_rest is not finite
     */
    public LifDynamics {
        ParameterBounds.requireTimeConstant("LIF tau_m", tau);
        ParameterBounds.requireFinite("LIF u_rest", uRest);
    }

    @Override
    public float response(float h, float x) {
        return (x - (h - uRest)) / tau + h;
    }

    @Override
    public float dResponseDh(float h, float x) {
        return 1f - 1f / tau;
    }

    @Override
    public float dResponseDx(float h, float x) {
        return 1f / tau;
    }

    @Override
    public int paramCount() {
        return 1;
    }

    @Override
    public void addParamGrads(float h, float x, float gu, double[] acc) {
        acc[0] += (double) gu * (-(x - (h - uRest)) / ((double) tau * tau));
    }
}
