package io.matterhorn.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** The one generic loop over time, for both kinds of neuron definition (scalar and per-neuron parameters). */
class NeuronSequencesTest {
    private static final SurrogateDerivative BOX = x -> Math.abs(x) < 0.5 ? 1.0 : 0.0;

    @Test
    void lifSequenceMatchesHandComputedSteps() {
        // 1.0.1 LIF, tau_m = 2, u_rest = 0, u_th = 1, hard reset: u = h + (x - h) / 2
        SomaNeuron lif = new SomaNeuron(new LifDynamics(2f, 0f), new SpikeStages(BOX, 1f), 1f, 0f, true);
        float[] x = {1.5f, 1.5f, 0.5f};
        float[] y = new float[3];
        float[] u = new float[3];
        float[] last = new float[1];
        NeuronSequences.forward(lif, FloatBuffer.wrap(x), 0, null, null, 3, 1, FloatBuffer.wrap(y), u, null, null,
                last);
        // t0: u = 0.75, no spike; t1: u = 0.75 + (1.5 - 0.75)/2 = 1.125, spike, h = 0; t2: u = 0.25
        assertArrayEquals(new float[] {0.75f, 1.125f, 0.25f}, u);
        assertArrayEquals(new float[] {0f, 1f, 0f}, y);
        assertEquals(0.25f, last[0]);
    }

    @Test
    void perNeuronParametersSelectNeuronByElementModuloWidth() {
        // two LI neurons with different tau; batch of 2 -> 4 elements; dt = 1
        float[][] params = {{2f, 4f}, {1f, 1f}, {0f, 0f}}; // tau, r, v_leak
        EulerNeuron li = new EulerNeuron(EulerKind.LI, 1.0, params);
        SequenceNeuron seq = li.sequence(null);
        float[] x = {1f, 1f, 1f, 1f};
        float[] y = new float[4];
        NeuronSequences.forward(seq, FloatBuffer.wrap(x), 0, null, null, 1, 4, FloatBuffer.wrap(y), new float[4],
                null, null, new float[4]);
        // u = v + ((v_leak - v) + r x) dt / tau from v = 0: 1/2 for neuron 0, 1/4 for neuron 1
        assertArrayEquals(new float[] {0.5f, 0.25f, 0.5f, 0.25f}, y);
    }

    @Test
    void backwardOfAnalogFamilyMatchesFiniteDifferences() {
        // CubaLI (current and potential, smooth): loss = sum_t w_t y_t; check dL/dx, dL/dv0, dL/di0 and dL/dtau
        float[][] params = {{5f}, {3f}, {1.5f}, {0.2f}, {0.8f}}; // tau_syn, tau_mem, r, w_in, v_leak
        int steps = 4;
        float[] x = {0.3f, -0.2f, 0.9f, 0.4f};
        float[] w = {0.5f, -1f, 2f, 1f};
        float[] i0 = {0.1f};
        float[] v0 = {0.6f};
        SequenceNeuron seq = new EulerNeuron(EulerKind.CUBA_LI, 1.0, params).sequence(null);
        float[] u = new float[steps];
        float[] cur = new float[steps];
        NeuronSequences.forward(seq, FloatBuffer.wrap(x), 0, i0, v0, steps, 1, FloatBuffer.wrap(new float[steps]), u,
                cur, new float[1], new float[1]);
        float[] gx = new float[steps];
        float[] gi0 = new float[1];
        float[] gv0 = new float[1];
        double[] dp = NeuronSequences.backward(seq, FloatBuffer.wrap(x), 0, i0, v0, u, cur, FloatBuffer.wrap(w), 0,
                null, null, steps, 1, FloatBuffer.wrap(gx), gi0, gv0, true);
        double h = 1e-3;
        for (int t = 0; t < steps; t++) {
            float[] xp = x.clone();
            float[] xm = x.clone();
            xp[t] += (float) h;
            xm[t] -= (float) h;
            double fd = (loss(params, xp, i0, v0, w) - loss(params, xm, i0, v0, w)) / (2 * h);
            assertEquals(fd, gx[t], 2e-3, "dL/dx_" + t);
        }
        double fdV = (loss(params, x, i0, new float[] {v0[0] + (float) h}, w)
                - loss(params, x, i0, new float[] {v0[0] - (float) h}, w)) / (2 * h);
        assertEquals(fdV, gv0[0], 2e-3, "dL/dv0");
        double fdI = (loss(params, x, new float[] {i0[0] + (float) h}, v0, w)
                - loss(params, x, new float[] {i0[0] - (float) h}, v0, w)) / (2 * h);
        assertEquals(fdI, gi0[0], 2e-3, "dL/di0");
        float[][] pp = copy(params);
        float[][] pm = copy(params);
        pp[1][0] += 0.01f;
        pm[1][0] -= 0.01f;
        double fdTau = (loss(pp, x, i0, v0, w) - loss(pm, x, i0, v0, w)) / 0.02;
        assertEquals(fdTau, dp[1], 2e-3, "dL/dtau_mem");
    }

    @Test
    void stateGradientArraysMayAliasTheIncomingOnes() {
        SomaNeuron lif = new SomaNeuron(new LifDynamics(2f, 0f), new SpikeStages(BOX, 1f), 1f, 0f, true);
        float[] x = {0.2f, 0.4f};
        float[] h0 = {0.1f, 0.3f};
        float[] u = new float[2];
        NeuronSequences.forward(lif, FloatBuffer.wrap(x), 0, null, h0, 1, 2, FloatBuffer.wrap(new float[2]), u, null,
                null, new float[2]);
        float[] g = {1f, 2f};
        NeuronSequences.backward(lif, FloatBuffer.wrap(x), 0, null, h0, u, null, FloatBuffer.wrap(new float[2]), 0,
                null, g, 1, 2, null, null, g, false);
        // no spike: h' = u = h + (x - h) / 2, dh'/dh = 1/2
        assertArrayEquals(new float[] {0.5f, 1f}, g);
    }

    @Test
    void refusesNonFiniteInputAndAWidthThatDoesNotDivideTheElements() {
        SomaNeuron lif = new SomaNeuron(new LifDynamics(2f, 0f), new SpikeStages(BOX, 1f), 1f, 0f, true);
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            // the bad value in the last step of the last neuron: found in the pass that reads it
            float[] x = {0.5f, 0.25f, 0.75f, bad};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeuronSequences.forward(
                    lif, FloatBuffer.wrap(x), 0, null, null, 2, 2, FloatBuffer.wrap(new float[4]), new float[4], null,
                    null, new float[2]));
            assertEquals("soma input contains NaN or an infinity", e.getMessage(), "x = " + bad);
        }
        float[] largest = {Float.MAX_VALUE, -Float.MAX_VALUE};
        NeuronSequences.forward(lif, FloatBuffer.wrap(largest), 0, null, null, 1, 2, FloatBuffer.wrap(new float[2]),
                new float[2], null, null, new float[2]); // finite: accepted
        SequenceNeuron two = new EulerNeuron(EulerKind.LI, 1.0, new float[][] {{2f, 2f}, {1f, 1f}, {0f, 0f}})
                .sequence(null);
        assertThrows(IllegalArgumentException.class, () -> NeuronSequences.forward(two,
                FloatBuffer.wrap(new float[3]), 0, null, null, 1, 3, FloatBuffer.wrap(new float[3]), new float[3],
                null, null, new float[3]));
    }

    @Test
    void backwardRefusesArraysShorterThanTheSequence() {
        SomaNeuron lif = new SomaNeuron(new LifDynamics(2f, 0f), new SpikeStages(BOX, 1f), 1f, 0f, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeuronSequences.backward(
                lif, FloatBuffer.wrap(new float[4]), 0, null, null, new float[3], null, FloatBuffer.wrap(new float[4]),
                0, null, null, 2, 2, null, null, null, true));
        assertEquals("NeuronSequences.backward: arrays must hold [T=2, M=2] with M a multiple of 1 neurons",
                e.getMessage());
    }

    private static double loss(float[][] params, float[] x, float[] i0, float[] v0, float[] w) {
        SequenceNeuron seq = new EulerNeuron(EulerKind.CUBA_LI, 1.0, params).sequence(null);
        float[] y = new float[x.length];
        NeuronSequences.forward(seq, FloatBuffer.wrap(x), 0, i0, v0, x.length, 1, FloatBuffer.wrap(y),
                new float[x.length], new float[x.length], new float[1], new float[1]);
        double l = 0;
        for (int t = 0; t < x.length; t++) {
            l += (double) w[t] * y[t];
        }
        return l;
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int k = 0; k < a.length; k++) {
            c[k] = a[k].clone();
        }
        return c;
    }
}
