package io.matterhorn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.io.Models;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.layer.Delay;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.synapse.Conv1d;
import io.matterhorn.snn.soma.AdaptiveLIF;
import io.matterhorn.snn.soma.ArrayLIF;
import io.matterhorn.snn.soma.CubaLIF;
import io.matterhorn.snn.soma.EIF;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.LI;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.soma.Recurrent;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The streaming runtime against the training graph for networks with memory: recurrent layers of every neuron
 * family the runtime steps, the adaptive LIF with and without recurrence, delays per element, per channel and for
 * all, and the sequential-MNIST network with its decoder. The model's evaluation forward over {@code [T, B, ...]}
 * against {@link Models#streaming} stepped one step of one stream at a time, streams interleaved: spikes equal,
 * analog values within 1e-5 relative; the output must fire. A copy of a stream and its state bytes continue
 * identically.
 */
class StreamingMemoryEquivalenceTest {
    private static final int T = 16;
    private static final int B = 3;
    private static final double DT = 1e-3;

    private static ArrayLIF arrayLif(int n) {
        ArrayLIF m = ArrayLIF.leaky(new long[] {n}, DT, new Sigmoid());
        m.namedParameters().get("tau").value().assign(3 * DT);
        return m;
    }

    private static CubaLIF cubaLif(int n) {
        CubaLIF m = new CubaLIF(new long[] {n}, DT, new Sigmoid());
        m.namedParameters().get("tau_syn").value().assign(2 * DT);
        m.namedParameters().get("tau_mem").value().assign(3 * DT);
        m.namedParameters().get("w_in").value().assign(2);
        return m;
    }

    private static AdaptiveLIF alif(int n) {
        return AdaptiveLIF.builder(n).dt(DT).tauMem(5 * DT).tauAdp(30 * DT).threshold(0.8).beta(2.0)
                .spikingFunction(new Sigmoid()).build();
    }

    @Test
    void recurrentAdaptiveLif() throws Exception {
        Random init = new Random(1);
        check(new Sequential(new Linear(20, 12, true, false, init), new Recurrent(12, alif(12), init),
                new Linear(12, 5, false, false, init), new IF()), new int[] {20}, 4.0);
    }

    @Test
    void recurrentLayerWithBias() throws Exception {
        Random init = new Random(9);
        check(new Sequential(new Linear(20, 10, true, false, init), new Recurrent(10, arrayLif(10), true, init),
                new Linear(10, 5, false, false, init), new IF()), new int[] {20}, 4.0);
    }

    @Test
    void adaptiveLifWithoutRecurrence() throws Exception {
        Random init = new Random(2);
        check(new Sequential(new Linear(20, 12, true, false, init), alif(12), new Linear(12, 5, false, false, init),
                LIF.builder().build()), new int[] {20}, 4.0);
    }

    @Test
    void recurrentLayersOfEveryFamily() throws Exception {
        Module[] neurons = {arrayLif(10), ArrayLIF.nonLeaky(new long[] {10}, DT, new Sigmoid()), cubaLif(10),
                LIF.builder().tauM(2.0).build(), new IF(), new EIF(), new LI(new long[] {10}, DT)};
        for (Module neuron : neurons) {
            Random init = new Random(3);
            check(new Sequential(new Linear(20, 10, true, false, init), new Recurrent(10, neuron, init),
                    new Linear(10, 5, false, false, init), new IF()), new int[] {20}, 4.0);
        }
    }

    @Test
    void delaysPerElementAndForAll() throws Exception {
        Random init = new Random(4);
        check(new Sequential(new Linear(20, 8, true, false, init), new Delay(new long[] {8}, 0, 1, 2, 3, 4, 3, 2, 1),
                LIF.builder().build(), new Linear(8, 6, false, false, init), arrayLif(6), new Delay(new long[] {6}, 2),
                new Linear(6, 4, false, false, init), new IF()), new int[] {20}, 5.0);
    }

    @Test
    void delaysPerChannelAfterAConvolution() throws Exception {
        Random init = new Random(8);
        check(new Sequential(Conv1d.builder(2, 3, 3).padding(1).random(init).build(),
                new Delay(new long[] {3, 5}, 0, 2, 1), LIF.builder().build(), new Flatten(),
                new Linear(15, 4, false, false, init), new IF()), new int[] {2, 5}, 3.0);
    }

    @Test
    void sequentialMnistNetworkDecoded() throws Exception {
        Random init = new Random(5);
        AdaptiveLIF hidden = AdaptiveLIF.builder(16).dt(DT).tauMem(-DT / Math.log(0.9))
                .tauAdp(-DT / Math.log(0.97)).threshold(1.0).beta(5.0).spikingFunction(new Sigmoid(0.25)).build();
        LI readout = new LI(new long[] {10}, DT);
        readout.namedParameters().get("r").value().assign(10);
        Module m = new Sequential(new Linear(28, 16, true, false, init), new Recurrent(16, hidden, init),
                new Linear(16, 10, true, false, init), readout, new AvgSpikeDecoder());
        scale(m, 3.0);
        INDArray x = analog(28, 28, 6);
        INDArray y;
        try (var g = Grad.disabled()) {
            y = m.eval().forward(Tensor.of(x.dup())).value();
        }
        m.reset();
        StreamingNetwork net = Models.streaming(m, 28);
        float[] xs = x.dup('c').data().asFloat();
        float[] want = y.dup('c').data().asFloat();
        float[] step = new float[28];
        double magnitude = 0;
        for (int b = 0; b < B; b++) {
            StreamState s = net.newState();
            for (int t = 0; t < 28; t++) {
                System.arraycopy(xs, (t * B + b) * 28, step, 0, 28);
                net.step(step, s, null);
            }
            float[] got = net.decoded(s, new float[net.decodedSize()]);
            for (int j = 0; j < 10; j++) {
                float w = want[b * 10 + j];
                assertEquals(w, got[j], 1e-5 * Math.max(1, Math.abs(w)), "b=" + b + " j=" + j);
                magnitude += Math.abs(got[j]);
            }
        }
        assertTrue(magnitude > 0, "the decoded scores are zero; the test would not see a wrong one");
    }

    // ------------------------------------------------------------------ helpers

    private static void scale(Module m, double gain) {
        for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
            if (e.getKey().endsWith("weight")) {
                e.getValue().value().muli(gain);
            }
        }
    }

    private static INDArray spikes(int steps, int[] shape, long seed) {
        Random r = new Random(seed);
        long[] full = new long[shape.length + 2];
        full[0] = steps;
        full[1] = B;
        int n = 1;
        for (int i = 0; i < shape.length; i++) {
            full[i + 2] = shape[i];
            n *= shape[i];
        }
        float[] v = new float[steps * B * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() < 0.35 ? 1f : 0f;
        }
        return Nd4j.create(v, full, 'c');
    }

    private static INDArray analog(int steps, int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[steps * B * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() < 0.5 ? 0f : (float) r.nextDouble();
        }
        return Nd4j.create(v, new long[] {steps, B, n}, 'c');
    }

    private static void check(Module m, int[] shape, double gain) throws Exception {
        scale(m, gain);
        m.eval();
        INDArray x = spikes(T, shape, 7);
        int inputs = (int) (x.length() / (T * B));
        INDArray y;
        try (var g = Grad.disabled()) {
            y = m.forward(Tensor.of(x.dup()).markSpikeValued()).value().castTo(DataType.FLOAT);
        }
        m.reset();
        StreamingNetwork net = Models.streaming(m, shape);
        int out = net.outputSize();
        float[] xs = x.dup('c').data().asFloat();
        StreamState[] streams = StreamComparison.assertStepsEqual(net, xs, y.dup('c').data().asFloat(), T, B);
        float[] step = new float[inputs];
        // the copy of a stream and its bytes continue identically
        StreamState copy = streams[0].copy();
        StreamState restored = net.restoreState(streams[0].toBytes());
        float[] a = new float[out];
        float[] c = new float[out];
        float[] r = new float[out];
        for (int t = 0; t < 4; t++) {
            System.arraycopy(xs, t * inputs, step, 0, inputs);
            net.step(step, streams[0], a);
            net.step(step, copy, c);
            net.step(step, restored, r);
            for (int j = 0; j < out; j++) {
                assertEquals(a[j], c[j], 0.0, "copy");
                assertEquals(a[j], r[j], 0.0, "restored");
            }
        }
    }
}
