package io.matterhorn.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link AdaptiveLif}: four steps computed by hand, the layer step, and the refusals of bad parameters. */
class AdaptiveLifTest {
    private static final double DT = 1.0;
    /** tau_mem and tau_adp with exp(-dt/tau) = 0.5 and 0.75. */
    private static final float TAU_MEM = (float) (1 / Math.log(2));
    private static final float TAU_ADP = (float) (1 / Math.log(4.0 / 3.0));

    @Test
    void fourStepsByHand() {
        AdaptiveLif n = new AdaptiveLif(DT, new float[][] {{TAU_MEM}, {TAU_ADP}, {1f}, {2f}});
        float[] state = new float[3];
        float[] y = new float[1];
        // a = 0.75 a + 0.25 z;  th = 1 + 2 a;  v = 0.5 v + x - z th;  z = v >= th
        float[][] expected = { // x, a, th, v, z
            {1.2f, 0f, 1f, 1.2f, 1f},
            {0.3f, 0.25f, 1.5f, -0.6f, 0f},
            {0.9f, 0.1875f, 1.375f, 0.6f, 0f},
            {0.0f, 0.140625f, 1.28125f, 0.3f, 0f}};
        for (float[] e : expected) {
            n.step(new float[] {e[0]}, 0, state, 0, state, 1, state, 2, y, 0, 0, 1);
            assertEquals(e[1], state[1], 1e-6, "a");
            assertEquals(e[3], state[0], 1e-6, "v");
            assertEquals(e[4], state[2], 0, "z");
            assertEquals(e[4], y[0], 0, "y");
            assertEquals(e[2], AdaptiveLif.threshold(1f, 2f, state[1]), 1e-6, "th");
        }
    }

    @Test
    void theLayerStepUsesEachNeuronsParameters() {
        AdaptiveLif n = new AdaptiveLif(DT, new float[][] {{TAU_MEM, TAU_MEM}, {TAU_ADP, TAU_ADP}, {1f, 0.5f},
            {0f, 0f}});
        float[] v = new float[4];
        float[] a = new float[4];
        float[] z = new float[4];
        float[] y = new float[4];
        n.step(new float[] {0.7f, 0.7f, 0.4f, 0.6f}, 0, v, 0, a, 0, z, 0, y, 0, 0, 4);
        assertEquals(0f, y[0], 0f);
        assertEquals(1f, y[1], 0f);
        assertEquals(0f, y[2], 0f);
        assertEquals(1f, y[3], 0f);
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveLif(DT, new float[][] {{0f}, {1f}, {1f}, {1f}}));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveLif(DT, new float[][] {{1f}, {1f}, {1f}}));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveLif(0, new float[][] {{1f}, {1f}, {1f}, {1f}}));
        assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveLif(DT, new float[][] {{1f}, {1f}, {Float.NaN}, {1f}}));
    }

    @Test
    void layerBackwardIsThePerElementBackwardSummedPerNeuron() {
        float[][] params = {{2f, 3f}, {4f, 5f}, {0.5f, 0.6f}, {0.2f, 0.3f}};
        AdaptiveLif n = new AdaptiveLif(DT, params);
        SurrogateDerivative g = x -> 1.0 / (1.0 + x * x);
        float[] vPrev = {0.3f, 0.1f, 0.4f, -0.2f};
        float[] aPrev = {0.1f, 0.2f, 0.0f, 0.3f};
        float[] zPrev = {1f, 0f, 0f, 1f};
        float[] v = {0.6f, 0.2f, 0.55f, 0.1f};
        float[] gy = {0.5f, -1f, 0.25f, 2f};
        float[] gv = {0.1f, 0.2f, 0.3f, 0.4f};
        float[] ga = {0.05f, 0f, -0.1f, 0.2f};
        float[] gz = {0f, 0.3f, 0.1f, 0f};
        float[][] expected = new float[4][4];
        double[] sums = new double[8];
        for (int j = 0; j < 4; j++) {
            int q = j % 2;
            float alpha = AdaptiveLif.decay(DT, params[AdaptiveLif.TAU_MEM][q]);
            float rho = AdaptiveLif.decay(DT, params[AdaptiveLif.TAU_ADP][q]);
            double[] p = new double[4];
            AdaptiveLif.backward(vPrev[j], aPrev[j], zPrev[j], v[j], alpha, rho, params[2][q], params[3][q], g, gy[j],
                    gv[j], ga[j], gz[j], expected[j], p);
            for (int k = 0; k < 4; k++) {
                sums[k * 2 + q] += p[k];
            }
        }
        float[] gx = new float[4];
        double[] acc = new double[8];
        n.backward(vPrev, aPrev, zPrev, v, g, gy, gv, ga, gz, gx, 0, 4, acc);
        for (int j = 0; j < 4; j++) {
            assertEquals(expected[j][0], gx[j], 0f, "dx " + j);
            assertEquals(expected[j][1], gv[j], 0f, "dv " + j);
            assertEquals(expected[j][2], ga[j], 0f, "da " + j);
            assertEquals(expected[j][3], gz[j], 0f, "dz " + j);
        }
        for (int k = 0; k < 8; k++) {
            assertEquals(sums[k], acc[k], 1e-12, "sum " + k);
        }
        double[][] grads = new double[4][2];
        n.paramGradients(acc, grads);
        for (int q = 0; q < 2; q++) {
            float alpha = AdaptiveLif.decay(DT, params[AdaptiveLif.TAU_MEM][q]);
            assertEquals(acc[q] * AdaptiveLif.dDecayDtau(alpha, DT, params[AdaptiveLif.TAU_MEM][q]),
                    grads[AdaptiveLif.TAU_MEM][q], 1e-15);
            assertEquals(acc[2 * 2 + q], grads[AdaptiveLif.V_THRESHOLD][q], 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> n.backward(vPrev, aPrev, zPrev, v, g, gy, gv, ga, gz,
                new float[3], 0, 4, null));
    }
}
