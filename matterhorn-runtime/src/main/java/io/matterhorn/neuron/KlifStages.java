package io.matterhorn.neuron;

/**
 * The one definition of KLIF's firing and output stages (as in matterhorn 1.0.1): an analog "spike" that drives
 * the reset and an analog output, both ReLUs of slope k. The response is the LIF's ({@link LifDynamics}); the reset
 * is {@link Reset} with the analog o. Per neuron, float32 in this order:
 *
 * <pre>
 *   o = ReLU((u - u_th) k)      do/du = k [(u - u_th) k &gt; 0],    do/dk = (u - u_th) [(u - u_th) k &gt; 0]
 *   y = ReLU((u - u_rest) k)    dy/du = k [(u - u_rest) k &gt; 0],  dy/dk = (u - u_rest) [(u - u_rest) k &gt; 0],
 *                               dy/do = 0
 * </pre>
 *
 * One stage parameter, k. The per-step graph of {@code io.matterhorn.snn.soma.KLIF} ({@code fire}, {@code output})
 * is the tensor form of these two lines (any floating type, float64 for gradient checks). Immutable.
 *
 * @param k slope k
 * @param uTh threshold u_th
 * @param uRest resting potential u_rest
 */
public record KlifStages(float k, float uTh, float uRest) implements FiringStages {
    @Override
    public float fire(float u) {
        float z = (u - uTh) * k;
        return z > 0 ? z : 0f;
    }

    @Override
    public float dFireDu(float u) {
        return (u - uTh) * k > 0 ? k : 0f;
    }

    @Override
    public float output(float u, float o) {
        float z = (u - uRest) * k;
        return z > 0 ? z : 0f;
    }

    @Override
    public float dOutputDu(float u, float o) {
        return (u - uRest) * k > 0 ? k : 0f;
    }

    @Override
    public float dOutputDo(float u, float o) {
        return 0f;
    }

    @Override
    public int paramCount() {
        return 1;
    }

    @Override
    public void addParamGrads(float u, float o, float go, float gy, double[] acc, int offset) {
        float vo = u - uTh;
        float vy = u - uRest;
        if (vo * k > 0) {
            acc[offset] += (double) go * vo;
        }
        if (vy * k > 0) {
            acc[offset] += (double) gy * vy;
        }
    }
}
