package io.matterhorn.snn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Delay}: {@code y[t][j] = x[t - d_j][j]} with zeros before the start, per element, per channel and for all;
 * the same outputs and gradients ({@code dL/dx[t] = dL/dy[t + d]}) whether a sequence comes in one call, in pieces or
 * one step at a time; spikes stay spikes; bad delays and shapes are refused.
 */
class DelayTest {
    private static final int T = 7;
    private static final int B = 2;

    /** x[t][b][j] = 100 (t + 1) + 10 b + j, so every value names its step. */
    private static INDArray ramp(int features) {
        float[] v = new float[T * B * features];
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                for (int j = 0; j < features; j++) {
                    v[(t * B + b) * features + j] = 100 * (t + 1) + 10 * b + j;
                }
            }
        }
        return Nd4j.create(v, new long[] {T, B, features}, 'c');
    }

    @Test
    void perElementDelaysShiftEachElement() {
        int[] d = {0, 1, 3, 6, 9};
        Delay delay = new Delay(new long[] {5}, d);
        INDArray x = ramp(5);
        INDArray y = new Temporal(delay).forward(Tensor.of(x)).value();
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                for (int j = 0; j < 5; j++) {
                    float want = t - d[j] < 0 ? 0f : x.getFloat(t - d[j], b, j);
                    assertEquals(want, y.getFloat(t, b, j), 0f, "t=" + t + " b=" + b + " j=" + j);
                }
            }
        }
        assertEquals(9, delay.maxDelay());
    }

    @Test
    void perChannelAndUniformDelays() {
        Delay perChannel = new Delay(new long[] {2, 3}, 1, 2);
        assertArrayEquals(new int[] {1, 1, 1, 2, 2, 2}, perChannel.elementDelays());
        Delay all = Delay.uniform(new long[] {2, 3}, 4);
        assertArrayEquals(new int[] {4, 4, 4, 4, 4, 4}, all.elementDelays());
        INDArray x = ramp(6).reshape(T, B, 2, 3);
        INDArray y = new Temporal(perChannel).forward(Tensor.of(x)).value();
        assertEquals(0f, y.getFloat(0, 0, 0, 0), 0f);
        assertEquals(x.getFloat(0, 1, 0, 2), y.getFloat(1, 1, 0, 2), 0f);
        assertEquals(0f, y.getFloat(1, 1, 1, 2), 0f);
        assertEquals(x.getFloat(3, 1, 1, 2), y.getFloat(5, 1, 1, 2), 0f);
    }

    private static List<INDArray> pass(int[] chunks, INDArray x, INDArray w) {
        Delay delay = new Delay(new long[] {4}, 0, 2, 3, 5);
        Temporal t = new Temporal(delay, false);
        List<INDArray> ys = new ArrayList<>();
        List<Tensor> ins = new ArrayList<>();
        Tensor loss = null;
        int at = 0;
        for (int len : chunks) {
            var steps = NDArrayIndex.interval(at, at + len);
            Tensor in = Tensor.variable(x.get(steps).dup());
            Tensor y = t.forward(in);
            ins.add(in);
            ys.add(y.value());
            Tensor part = y.mul(Tensor.of(w.get(steps).dup())).sum();
            loss = loss == null ? part : loss.add(part);
            at += len;
        }
        loss.backward();
        List<INDArray> gx = new ArrayList<>();
        for (Tensor in : ins) {
            gx.add(in.grad());
        }
        return List.of(Nd4j.concat(0, ys.toArray(new INDArray[0])), Nd4j.concat(0, gx.toArray(new INDArray[0])));
    }

    @Test
    void piecesAndStepsGiveTheOutputsAndGradientsOfOneCall() {
        INDArray x = ramp(4);
        INDArray w = ramp(4).mul(0.001).add(1);
        List<INDArray> whole = pass(new int[] {T}, x, w);
        int[] d = {0, 2, 3, 5};
        for (int t = 0; t < T; t++) {
            for (int b = 0; b < B; b++) {
                for (int j = 0; j < 4; j++) {
                    float want = t + d[j] < T ? w.getFloat(t + d[j], b, j) : 0f;
                    assertEquals(want, whole.get(1).getFloat(t, b, j), 1e-6f, "dL/dx[t] = w[t + d]");
                }
            }
        }
        for (int[] cut : new int[][] {{3, 4}, {1, 1, 1, 1, 1, 1, 1}, {6, 1}}) {
            List<INDArray> parts = pass(cut, x, w);
            assertEquals(whole.get(0), parts.get(0), "outputs of cut " + java.util.Arrays.toString(cut));
            assertEquals(whole.get(1), parts.get(1), "gradients of cut " + java.util.Arrays.toString(cut));
        }
    }

    @Test
    void spikesStaySpikesBetweenASynapseAndASoma() {
        Sequential net = new Sequential(new Linear(3, 4), new Delay(new long[] {4}, 1, 0, 2, 1), LIF.builder().build(),
                new Delay(new long[] {4}, 2), new Linear(4, 2));
        Tensor x = Tensor.of(Nd4j.ones(T, B, 3)).markSpikeValued();
        assertArrayEquals(new long[] {T, B, 2}, net.forward(x).shape());
        Delay d = new Delay(new long[] {3}, 1);
        assertTrue(new Temporal(d).forward(x).isSpikeValued());
    }

    @Test
    void badDelaysAndShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Delay(new long[] {4}, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Delay(new long[] {4}, -1));
        assertThrows(IllegalArgumentException.class, () -> new Delay(new long[] {0}, 1));
        Delay d = new Delay(new long[] {4}, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.forwardSequence(Tensor.of(Nd4j.zeros(T, B, 5))));
        assertTrue(e.getMessage().contains("Delay"), e.getMessage());
        d.forwardSequence(Tensor.of(Nd4j.zeros(T, B, 4)));
        assertThrows(IllegalStateException.class, () -> d.forwardSequence(Tensor.of(Nd4j.zeros(T, B + 1, 4))));
        d.reset();
        d.forwardSequence(Tensor.of(Nd4j.zeros(T, B + 1, 4)));
    }
}
