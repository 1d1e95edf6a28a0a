package io.matterhorn.neuron;

/**
 * The one definition of the integrate-and-fire response without leak: {@code u = h + x}; du/dh = 1, du/dx = 1,
 * no trainable scalars (the fixed tau_m that 1.0.1's IF registers takes no part). C++ twin:
 * {@code Response<KIND_IF>} in matterhorn-native's {@code common/soma_math.inc}.
 */
public enum IfDynamics implements NeuronDynamics {
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
