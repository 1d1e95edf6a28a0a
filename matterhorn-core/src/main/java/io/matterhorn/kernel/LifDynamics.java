package io.matterhorn.kernel;

import io.matterhorn.snn.soma.NeuronDynamics;

/**
 * LIF response, float32 in this order: {@code u = (x - (h - u_rest)) / tau + h};
 * {@code du/dh = 1 - 1/tau}, {@code du/dx = 1/tau}, {@code du/dtau = -(x - (h - u_rest)) / tau^2} (double).
 *
 * @param tau membrane time constant, positive
 * @param uRest resting potential
 */
record LifDynamics(float tau, float uRest) implements NeuronDynamics {
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
