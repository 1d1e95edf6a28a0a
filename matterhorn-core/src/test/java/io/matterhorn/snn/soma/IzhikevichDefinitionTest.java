package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.neuron.IzhikevichNeuron;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-step graphs of both Izhikevich somas (float32) equal their one definition,
 * {@link IzhikevichNeuron#step101} and {@link IzhikevichNeuron#stepStandard}, bit for bit: spikes, potential and
 * recovery after every step.
 */
class IzhikevichDefinitionTest {
    private static final int B = 3;
    private static final int N = 7;
    private static final int T = 40;

    @Test
    void theOneOhOneGraphIsTheDefinition() {
        for (boolean hard : new boolean[] {true, false}) {
            float a = 0.3f;
            float b = -0.7f;
            float uTh = 150f;
            Izhikevich soma = Izhikevich.builder().a(a).b(b).uThreshold(uTh).hardReset(hard).build();
            float[] h = new float[B * N];
            float[] w = new float[B * N];
            float[] y = new float[B * N];
            Random r = new Random(3);
            for (int t = 0; t < T; t++) {
                float[] x = input(r, 8f);
                float[] out = Layout.toFloatArray(soma.forward(Tensor.of(Nd4j.create(x, new long[] {B, N}, 'c')))
                        .value());
                IzhikevichNeuron.step101(x, h, w, y, B * N, a, b, uTh, hard);
                assertArrayEquals(y, out, 0f, "spikes at step " + t);
                assertArrayEquals(h, Layout.toFloatArray(soma.state().value()), 0f, "potential at step " + t);
                assertArrayEquals(w, Layout.toFloatArray(soma.recovery().value()), 0f, "recovery at step " + t);
            }
        }
    }

    @Test
    void theStandardGraphIsTheDefinition() {
        float a = 0.02f;
        float b = 0.2f;
        float c = -65f;
        float d = 8f;
        float vPeak = 30f;
        float dt = 0.5f;
        IzhikevichStandard soma = IzhikevichStandard.builder().a(a).b(b).c(c).d(d).vPeak(vPeak).dt(dt).build();
        float[] h = new float[B * N];
        float[] w = new float[B * N];
        float[] y = new float[B * N];
        java.util.Arrays.fill(h, c);
        java.util.Arrays.fill(w, IzhikevichNeuron.restRecoveryStandard(c, b));
        Random r = new Random(5);
        int spikes = 0;
        for (int t = 0; t < 4 * T; t++) {
            float[] x = input(r, 30f);
            float[] out = Layout.toFloatArray(soma.forward(Tensor.of(Nd4j.create(x, new long[] {B, N}, 'c')))
                    .value());
            IzhikevichNeuron.stepStandard(x, h, w, y, B * N, a, b, c, d, vPeak, dt);
            assertArrayEquals(y, out, 0f, "spikes at step " + t);
            assertArrayEquals(h, Layout.toFloatArray(soma.state().value()), 0f, "potential at step " + t);
            assertArrayEquals(w, Layout.toFloatArray(soma.recovery().value()), 0f, "recovery at step " + t);
            for (float o : y) {
                spikes += (int) o;
            }
        }
        assertTrue(spikes > 0, "the neurons fired");
    }

    private static float[] input(Random r, float scale) {
        float[] x = new float[B * N];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (scale * r.nextDouble());
        }
        return x;
    }
}
