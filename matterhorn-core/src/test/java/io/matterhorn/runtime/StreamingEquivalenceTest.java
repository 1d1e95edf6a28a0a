package io.matterhorn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.Matterhorn;
import io.matterhorn.io.Architecture;
import io.matterhorn.io.Models;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.AdditiveGraph;
import io.matterhorn.snn.container.Plain;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.decoder.SumSpikeDecoder;
import io.matterhorn.snn.encoder.DirectEncoder;
import io.matterhorn.snn.layer.AvgPool2d;
import io.matterhorn.snn.layer.Dropout;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.layer.MaxPool2d;
import io.matterhorn.snn.soma.ArrayLIF;
import io.matterhorn.snn.soma.CubaLI;
import io.matterhorn.snn.soma.CubaLIF;
import io.matterhorn.snn.soma.EIF;
import io.matterhorn.snn.soma.IF;
import io.matterhorn.snn.soma.Integrator;
import io.matterhorn.snn.soma.LI;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.soma.QIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.BatchNorm1d;
import io.matterhorn.snn.synapse.BatchNorm2d;
import io.matterhorn.snn.synapse.Conv1d;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.nir.module.Scale;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The streaming runtime against the training graph: a model's evaluation forward over {@code [T, B, ...]} and the
 * same model compiled by {@link Models#streaming} and stepped one step of one stream at a time, every sample its
 * own stream, the streams interleaved (step t of every stream before step t + 1). A model that starts with a
 * {@code DirectEncoder} takes its training input batch-major; the stream gets the same steps. Spikes must be equal;
 * analog
 * values equal within 1e-5 relative. Each model is scaled so that its neurons really fire (checked).
 */
class StreamingEquivalenceTest {
    private static final int T = 12;
    private static final int B = 3;

    /** Every test builds its modules from the same seed, whatever ran before it. */
    @BeforeEach
    void seed() {
        Matterhorn.seed(42);
    }

    @Test
    void linearLifStackLikeExampleOne() throws Exception {
        Module m = new Sequential(new Flatten(), new Linear(64, 40, false), LIF.builder().tauM(2.0).build(),
                new Linear(40, 10, true), LIF.builder().tauM(1.5).hardReset(false).build());
        check(m, new int[] {8, 8}, 0.3, false, 8.0);
    }

    @Test
    void everyOneVariableSoma() throws Exception {
        for (Module soma : new Module[] {new IF(), LIF.builder().tauM(3.0).uRest(-0.1).build(), new QIF(), new EIF()}) {
            Module m = new Sequential(new Linear(30, 20, true), soma, new Linear(20, 6, false), new IF());
            check(m, new int[] {30}, 0.3, false, 8.0);
        }
    }

    @Test
    void convolutionsBatchNormsAndPools() throws Exception {
        Module m = new Sequential(new DirectEncoder(), new Conv2d(2, 6, 3, 2, 1), new BatchNorm2d(6),
                LIF.builder().tauM(2.0).build(), new MaxPool2d(2), new Conv2d(6, 4, 3, 1, 1),
                LIF.builder().build(), new AvgPool2d(2), new Flatten(), new Linear(4 * 2 * 2, 5, true),
                new BatchNorm1d(5), LIF.builder().uThreshold(0.3).build());
        check(m, new int[] {2, 16, 16}, 0.3, false, 6.0);
    }

    @Test
    void conv1dAnalogInputDropoutAndScale() throws Exception {
        Module m = new Sequential(new Conv1d(3, 4, 3, 1, 1), new Dropout(0.3, 1), new Scale(new long[] {4, 10}),
                LIF.builder().build(), new Flatten(), new Linear(40, 7, false), new IF());
        check(m, new int[] {3, 10}, 1.0, true, 2.0);
    }

    @Test
    void perNeuronArraySomas() throws Exception {
        long[] n = {12};
        for (Module soma : new Module[] {new LI(n, 1e-3), ArrayLIF.leaky(n, 1e-3, new Sigmoid()),
                ArrayLIF.nonLeaky(n, 1e-3, new Sigmoid()), new Integrator(n, 1e-3), new CubaLI(n, 1e-3),
                new CubaLIF(n, 1e-3, new Sigmoid())}) {
            Module m = new Sequential(new Linear(20, 12, true), soma, new Linear(12, 5, false), new IF());
            check(m, new int[] {20}, 0.4, false, 8.0);
        }
    }

    @Test
    void residualGraphs() throws Exception {
        Module m = new Sequential(new Linear(20, 16, true), LIF.builder().build(), new AdditiveGraph(List.of(
                new AdditiveGraph.Node("a", new Sequential(new Linear(16, 16, true), LIF.builder().build()),
                        List.of(AdditiveGraph.INPUT)),
                new AdditiveGraph.Node("b", new Sequential(new Linear(16, 16, false), new IF()),
                        List.of(AdditiveGraph.INPUT, "a"))), List.of("a", "b")),
                new Linear(16, 5, false), new IF());
        check(m, new int[] {20}, 0.3, false, 6.0);
    }

    @Test
    void decodersAndTheHeadAfterThem() throws Exception {
        Architecture.registerFunction("flatten", x -> x.reshape(x.size(0), -1));
        Module avg = new Sequential(new Linear(16, 8, false), LIF.builder().build(), new AvgSpikeDecoder(),
                Plain.function("flatten", x -> x.reshape(x.size(0), 8)), Plain.of(new Linear(8, 3, true)));
        checkDecoded(avg, 16);
        Module sum = new Sequential(new Linear(16, 8, false), new IF(), new SumSpikeDecoder());
        checkDecoded(sum, 16);
    }

    // ------------------------------------------------------------------ helpers

    /** Scales every synapse weight so that the neurons fire, and fills batch-norm statistics by one training pass. */
    private static void prepare(Module m, int[] shape, double gain) {
        for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
            if (e.getKey().endsWith("weight") && e.getValue().rank() >= 2 || e.getKey().endsWith("scale")) {
                e.getValue().value().muli(gain);
            }
        }
        m.train();
        try (var g = Grad.disabled()) {
            m.forward(Tensor.of(input(shape, 0.5, false, 99)));
        }
        m.eval();
        m.reset();
    }

    private static INDArray input(int[] shape, double density, boolean analog, long seed) {
        Random r = new Random(seed);
        long[] full = new long[shape.length + 2];
        full[0] = T;
        full[1] = B;
        int per = 1;
        for (int i = 0; i < shape.length; i++) {
            full[i + 2] = shape[i];
            per *= shape[i];
        }
        float[] v = new float[T * B * per];
        for (int i = 0; i < v.length; i++) {
            v[i] = analog ? (float) r.nextGaussian() : r.nextDouble() < density ? 1f : 0f;
        }
        return Nd4j.createFromArray(v).reshape(full);
    }

    /** [T, B, ...] to [B, T, ...], the layout a DirectEncoder takes. */
    private static INDArray swapTimeAndBatch(INDArray x) {
        int[] order = new int[x.rank()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        order[0] = 1;
        order[1] = 0;
        return x.permute(order).dup('c');
    }

    private static void check(Module m, int[] shape, double density, boolean analog, double gain) throws Exception {
        prepare(m, shape, gain);
        INDArray x = input(shape, density, analog, 7);
        INDArray y;
        boolean batchMajor = !m.children().isEmpty() && m.children().get(0) instanceof DirectEncoder;
        try (var g = Grad.disabled()) {
            Tensor in = Tensor.of(batchMajor ? swapTimeAndBatch(x) : x.dup());
            y = m.forward(analog ? in : in.markSpikeValued()).value().castTo(DataType.FLOAT);
        }
        m.reset();
        StreamingNetwork net = Models.streaming(m, shape);
        StreamComparison.assertStepsEqual(net, x.reshape(x.length()).toFloatVector(),
                y.reshape(y.length()).toFloatVector(), T, B);
    }

    private static void checkDecoded(Module m, int inputs) throws Exception {
        int[] shape = {inputs};
        prepare(m, shape, 3.0);
        INDArray x = input(shape, 0.3, false, 5);
        INDArray y;
        try (var g = Grad.disabled()) {
            y = m.forward(Tensor.of(x.dup()).markSpikeValued()).value();
        }
        StreamingNetwork net = Models.streaming(m, shape);
        float[] xs = x.reshape(T * B * inputs).toFloatVector();
        float[] want = y.reshape(y.length()).toFloatVector();
        int d = net.decodedSize();
        float[] step = new float[inputs];
        double magnitude = 0;
        for (int b = 0; b < B; b++) {
            StreamState s = net.newState();
            for (int t = 0; t < T; t++) {
                System.arraycopy(xs, (t * B + b) * inputs, step, 0, inputs);
                net.step(step, s, null);
            }
            float[] got = net.decoded(s, new float[d]);
            for (int j = 0; j < d; j++) {
                assertEquals(want[b * d + j], got[j], 1e-5 * Math.max(1, Math.abs(want[b * d + j])), net + " b=" + b);
                magnitude += Math.abs(got[j]);
            }
        }
        assertTrue(magnitude > 0, "the decoded value is zero everywhere; the test would not see a wrong one");
    }
}
