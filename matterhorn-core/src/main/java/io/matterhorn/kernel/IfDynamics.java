package io.matterhorn.kernel;

import io.matterhorn.snn.soma.NeuronDynamics;

/** IF response {@code u = h + x}: du/dh = 1, du/dx = 1, no trainable scalars. */
enum IfDynamics implements NeuronDynamics {
    INSTANCE;

    @Override
    public float response(float h, float x) {
        return h + x;
    }

    @Override
    public float dResponseDh(float h, float x) {
        return 1f;
    }

    @Override
    public float dResponseDx(float h, float x) {
        return 1f;
    }

    @Override
    public int paramCount() {
        return 0;
    }

    @Override
    public void addParamGrads(float h, float x, float gu, double[] acc) {
        // no trainable scalars
    }
}
