package io.matterhorn.kernel;

import io.matterhorn.neuron.FiringStages;

import io.matterhorn.neuron.NeuronDynamics;

/**
 * Wrappers for the fused kernels when every parameter of a soma is frozen: the same response and stages, but
 * reporting no parameters, so the backward passes skip all parameter-gradient work.
 */
final class FrozenParameters {
    private FrozenParameters() {
    }

    /**
     * @param d the soma's response
     * @return the same response without parameters
     */
    static NeuronDynamics of(NeuronDynamics d) {
        return new NeuronDynamics() {
            @Override
            public float response(float h, float x) {
                return d.response(h, x);
            }

            @Override
            public float dResponseDh(float h, float x) {
                return d.dResponseDh(h, x);
            }

            @Override
            public float dResponseDx(float h, float x) {
                return d.dResponseDx(h, x);
            }

            @Override
            public int paramCount() {
                return 0;
            }

            @Override
            public void addParamGrads(float h, float x, float gu, double[] acc) {
            }
        };
    }

    /**
     * @param s the soma's firing and output stages
     * @return the same stages without parameters
     */
    static FiringStages of(FiringStages s) {
        return new FiringStages() {
            @Override
            public float fire(float u) {
                return s.fire(u);
            }

            @Override
            public float dFireDu(float u) {
                return s.dFireDu(u);
            }

            @Override
            public float output(float u, float o) {
                return s.output(u, o);
            }

            @Override
            public float dOutputDu(float u, float o) {
                return s.dOutputDu(u, o);
            }

            @Override
            public float dOutputDo(float u, float o) {
                return s.dOutputDo(u, o);
            }

            @Override
            public int paramCount() {
                return 0;
            }

            @Override
            public void addParamGrads(float u, float o, float go, float gy, double[] acc) {
            }
        };
    }
}
