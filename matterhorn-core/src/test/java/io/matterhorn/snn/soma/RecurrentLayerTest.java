package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Behaviour of the recurrent layer and the adaptive LIF beyond their gradients: a sequence cut into several calls
 * (or fed one step at a time) gives the outputs and gradients of one call, the state reads back, the recurrence and
 * the adaptation change the outputs, and unsupported neurons or shapes are refused with their names.
 */
class RecurrentLayerTest {
    private static final int T = 9;
    private static final int B = 2;
    private static final int N = 6;
    private static final double DT = 1e-3;

    private static INDArray input(long seed) {
        Random r = new Random(seed);
        float[] v = new float[T * B * N];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 1.6 - 0.1);
        }
        return Nd4j.create(v, new long[] {T, B, N}, 'c');
    }

    private static AdaptiveLIF alif() {
        return AdaptiveLIF.builder(N).dt(DT).tauMem(4 * DT).tauAdp(20 * DT).threshold(0.7).beta(1.5)
                .spikingFunction(new Sigmoid()).trainable(true).build();
    }

    private static ArrayLIF lif() {
        ArrayLIF m = ArrayLIF.leaky(new long[] {N}, DT, new Sigmoid());
        m.namedParameters().get("tau").value().assign(3 * DT);
        m.namedParameters().get("r").value().assign(2.5);
        return m;
    }

    /** Output and every gradient of one pass over the whole sequence, in calls of the given lengths. */
    private static List<INDArray> run(Module layer, INDArray x, int... chunks) {
        INDArray w = GradientWeights.of(x.shape());
        Temporal t = new Temporal(layer, false);
        List<Tensor> ins = new ArrayList<>();
        List<Tensor> outs = new ArrayList<>();
        Tensor loss = null;
        int at = 0;
        for (int len : chunks) {
            INDArrayIndex steps = NDArrayIndex.interval(at, at + len);
            Tensor in = Tensor.variable(x.get(steps).dup());
            Tensor out = t.forward(in);
            ins.add(in);
            outs.add(out);
            Tensor part = out.mul(Tensor.of(w.get(steps).dup())).sum();
            loss = loss == null ? part : loss.add(part);
            at += len;
        }
        layer.zeroGrad();
        loss.backward();
        List<INDArray> ys = new ArrayList<>();
        List<INDArray> gx = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) {
            ys.add(outs.get(i).value());
            gx.add(ins.get(i).grad());
        }
        List<INDArray> result = new ArrayList<>();
        result.add(Nd4j.concat(0, ys.toArray(new INDArray[0])));
        result.add(Nd4j.concat(0, gx.toArray(new INDArray[0])));
        for (Map.Entry<String, Tensor> e : layer.namedParameters().entrySet()) {
            if (e.getValue().requiresGrad()) {
                result.add(e.getValue().grad().dup());
            }
        }
        layer.reset();
        return result;
    }

    /** Fixed loss weights in [-1, 1) over the whole sequence. */
    private static final class GradientWeights {
        static INDArray of(long[] shape) {
            Random r = new Random(77);
            float[] v = new float[(int) (shape[0] * shape[1] * shape[2])];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextDouble() * 2 - 1);
            }
            return Nd4j.create(v, shape, 'c');
        }
    }

    private static void assertCutsAgree(String what, Supplier<Module> make, INDArray x) {
        List<INDArray> whole = run(make.get(), x, T);
        for (int[] cut : new int[][] {{4, 5}, {1, 1, 1, 1, 1, 1, 1, 1, 1}, {2, 7}}) {
            List<INDArray> parts = run(make.get(), x, cut);
            assertEquals(whole.size(), parts.size(), what);
            for (int i = 0; i < whole.size(); i++) {
                float[] a = whole.get(i).dup('c').data().asFloat();
                float[] b = parts.get(i).dup('c').data().asFloat();
                assertEquals(a.length, b.length, what);
                for (int k = 0; k < a.length; k++) {
                    // parameter gradients are summed per call, so their float rounding may differ
                    assertEquals(a[k], b[k], 1e-5 * Math.max(1, Math.abs(a[k])), what + " cut "
                            + java.util.Arrays.toString(cut) + " result " + i + " element " + k);
                }
            }
        }
        float spikes = whole.get(0).sumNumber().floatValue();
        assertTrue(spikes > 0 && spikes < T * B * N, what + ": the case must fire and stay silent");
    }

    @Test
    void recurrentSequenceCutIntoCallsEqualsOneCall() {
        INDArray x = input(1);
        assertCutsAgree("Recurrent(AdaptiveLIF)", () -> new Recurrent(N, alif(), new Random(2)), x);
        assertCutsAgree("Recurrent(ArrayLIF)", () -> new Recurrent(N, lif(), new Random(2)), x);
        assertCutsAgree("Recurrent(CubaLIF)", () -> new Recurrent(N, new CubaLIF(new long[] {N}, DT, new Sigmoid()),
                new Random(2)), x.mul(3));
        assertCutsAgree("Recurrent(LIF)", () -> new Recurrent(N, LIF.builder().trainable(true)
                .spikingFunction(new Sigmoid()).build(), new Random(2)), x.mul(2));
        assertCutsAgree("AdaptiveLIF", RecurrentLayerTest::alif, x);
    }

    @Test
    void recurrenceAndAdaptationChangeTheOutput() {
        INDArray x = input(3);
        Recurrent rec = new Recurrent(N, alif(), new Random(4));
        rec.weight().value().muli(3);
        float[] withV;
        float[] withoutV;
        float[] withoutAdaptation;
        try (var g = Grad.disabled()) {
            withV = new Temporal(rec).forward(Tensor.of(x)).value().dup('c').data().asFloat();
            rec.weight().value().assign(0);
            withoutV = new Temporal(rec).forward(Tensor.of(x)).value().dup('c').data().asFloat();
            AdaptiveLIF plain = alif();
            plain.namedParameters().get("beta").value().assign(0);
            withoutAdaptation = new Temporal(plain).forward(Tensor.of(x)).value().dup('c').data().asFloat();
        }
        assertFalse(java.util.Arrays.equals(withV, withoutV), "V changed nothing");
        assertFalse(java.util.Arrays.equals(withoutV, withoutAdaptation), "the adaptation changed nothing");
    }

    @Test
    void stateReadsBackAfterASequence() {
        Recurrent rec = new Recurrent(N, alif(), new Random(5));
        Tensor y = new Temporal(rec, false).forward(Tensor.of(input(6)));
        for (String name : new String[] {"v", "a", "z", "output"}) {
            assertArrayEquals(new long[] {B, N}, rec.stateOf(name).shape(), name);
        }
        assertArrayEquals(y.value().slice(T - 1).dup('c').data().asFloat(),
                rec.stateOf("output").value().dup('c').data().asFloat(), 0f, "the last output is the state V reads");
        assertArrayEquals(rec.stateOf("z").value().dup('c').data().asFloat(),
                rec.stateOf("output").value().dup('c').data().asFloat(), 0f, "the ALIF's z is its output");
        rec.reset();
        assertEquals(null, rec.stateOf("v"));
    }

    @Test
    void unsupportedNeuronsAndShapesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Recurrent(N, new Linear(N, N)));
        assertTrue(e.getMessage().contains("Linear"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Recurrent(N, new Izhikevich()));
        assertTrue(e.getMessage().contains("Izhikevich"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Recurrent(N + 1, alif()));
        assertTrue(e.getMessage().contains("has " + N + " neurons"), e.getMessage());
        Recurrent rec = new Recurrent(N, alif());
        e = assertThrows(IllegalArgumentException.class, () -> rec.forwardSequence(Tensor.of(Nd4j.zeros(T, B,
                N + 1))));
        assertTrue(e.getMessage().contains("Recurrent(" + N + ")"), e.getMessage());
        rec.forwardSequence(Tensor.of(Nd4j.zeros(T, B, N)));
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> rec.forwardSequence(Tensor.of(Nd4j.zeros(T, B + 1, N))));
        assertTrue(s.getMessage().contains("reset()"), s.getMessage());
    }

    @Test
    void adaptiveLifParametersFollowThePaperUnlessTrainable() {
        AdaptiveLIF fixed = AdaptiveLIF.builder(N).build();
        assertTrue(fixed.trainableParameters().isEmpty(), "the paper trains the synapses only");
        Module net = new Sequential(new Linear(4, N), new Recurrent(N, fixed));
        List<String> trained = new ArrayList<>();
        net.namedParameters().forEach((k, v) -> {
            if (v.requiresGrad()) {
                trained.add(k);
            }
        });
        assertEquals(List.of("0.weight", "0.bias", "1.module.weight"), trained);
        assertEquals(4, AdaptiveLIF.builder(N).trainable(true).build().trainableParameters().size());
    }
}
