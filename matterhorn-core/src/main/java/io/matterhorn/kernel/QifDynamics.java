package io.matterhorn.kernel;

import io.matterhorn.tensor.Tensor;

/**
 * The one definition of the quadratic integrate-and-fire response (1.0.1 sign; C++ twin {@code Response<KIND_QIF>}
 * in matterhorn-native's {@code common/soma_math.inc}), float32 in this order, with {@code s = -a_0 (h - u_rest)(h - u_c) + x}:
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
record QifDynamics(float tau, float a0, float uC, float uRest) implements NeuronDynamics {
    /**
     * The per-step graph, in the float32 order above: {@code h + (1/tau) ((h - u_rest)(-a_0)(h - u_c) + x)}.
     *
     * @param h potential after the previous reset [B, ...]
     * @param x input [B, ...]
     * @param tau tau_m, 0-d
     * @param a0 a_0, 0-d
     * @param uC u_c, 0-d
     * @param uRest resting potential
     * @return u [B, ...]
     */
    static Tensor graph(Tensor h, Tensor x, Tensor tau, Tensor a0, Tensor uC, float uRest) {
        Tensor s = h.sub(uRest).mul(a0.neg()).mul(h.sub(uC)).add(x);
        return h.add(s.mul(Tensor.scalar(1.0).div(tau)));
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
