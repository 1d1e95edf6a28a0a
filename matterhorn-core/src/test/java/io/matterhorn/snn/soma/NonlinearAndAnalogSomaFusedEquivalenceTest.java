package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Gaussian;
import io.matterhorn.snn.surrogate.Polynomial;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.GradientCheck;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * QIF, EIF, KLIF and LIAF through the fused sequence node ({@code Temporal(soma)}) must give the same outputs, input
 * gradients and gradients of every trainable scalar as stepping the soma through the tensor graph (float32, random
 * inputs, non-default parameters so that every term of the derivatives contributes).
 */
class NonlinearAndAnalogSomaFusedEquivalenceTest {
    private static final long[] SHAPE = {9, 3, 17};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        Surrogate[] surrogates = {new Rectangular(), new Polynomial(), new Sigmoid(0.5), new Gaussian()};
        for (Surrogate s : surrogates) {
            for (boolean hard : new boolean[] {true, false}) {
                out.add(Arguments.of("QIF", s, hard));
                out.add(Arguments.of("EIF", s, hard));
                out.add(Arguments.of("LIAF", s, hard));
            }
        }
        out.add(Arguments.of("KLIF", null, true));
        out.add(Arguments.of("KLIF", null, false));
        return out.stream();
    }

    static Supplier<Soma> factory(String kind, Surrogate s, boolean hard) {
        switch (kind) {
            case "QIF":
                return () -> QIF.builder().tauM(1.5).uRest(0.1).uC(0.7).a0(0.8).spikingFunction(s).hardReset(hard)
                        .trainable(true).build();
            case "EIF":
                return () -> EIF.builder().tauM(2.0).uRest(0.1).uT(0.8).deltaT(0.5).spikingFunction(s)
                        .hardReset(hard).trainable(true).build();
            case "LIAF":
                return () -> LIAF.builder().tauM(2.0).uRest(0.1).spikingFunction(s).hardReset(hard).trainable(true)
                        .build();
            case "KLIF":
                return () -> KLIF.builder().tauM(2.0).uRest(0.1).k(0.6).hardReset(hard).trainable(true).build();
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    /** Outputs, dL/dx and dL/dparam for every registered scalar. */
    private record Run(float[] y, float[] dx, Map<String, Double> dp) {
    }

    private static Run fused(Soma soma, INDArray xv, INDArray w) {
        Tensor x = Tensor.variable(xv.dup());
        Tensor y = new Temporal(soma).forward(x);
        y.mul(Tensor.of(w)).sum().backward();
        return new Run(y.toFloatArray(), x.grad().dup('c').data().asFloat(), paramGrads(soma));
    }

    private static Run perStep(Soma soma, INDArray xv, INDArray w) {
        Tensor x = Tensor.variable(xv.dup());
        List<Tensor> steps = new ArrayList<>();
        for (long t = 0; t < x.size(0); t++) {
            steps.add(soma.forwardGraph(x.select(t)));
        }
        Tensor y = Tensor.stack(steps);
        y.mul(Tensor.of(w)).sum().backward();
        return new Run(y.toFloatArray(), x.grad().dup('c').data().asFloat(), paramGrads(soma));
    }

    private static Map<String, Double> paramGrads(Soma soma) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : soma.namedParameters().entrySet()) {
            assertNotNull(e.getValue().grad(), e.getKey() + " received no gradient");
            out.put(e.getKey(), e.getValue().grad().getDouble(0));
        }
        return out;
    }

    private static INDArray input(long[] shape, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape).muli(2.4f).subi(0.4f);
    }

    private static void compare(String label, Run ref, Run got) {
        assertArrayEquals(ref.y(), got.y(), 1e-6f, label + " outputs");
        assertArrayEquals(ref.dx(), got.dx(), 1e-5f, label + " dx");
        assertEquals(ref.dp().keySet(), got.dp().keySet(), label + " parameters");
        for (String name : ref.dp().keySet()) {
            double r = ref.dp().get(name);
            assertEquals(r, got.dp().get(name), 1e-5 * Math.max(1, Math.abs(r)), label + " d" + name);
            assertTrue(Math.abs(r) > 1e-4, label + ": d" + name + " is trivially zero");
        }
    }

    private static void check(Supplier<Soma> make, long[] shape, long seed, String label) {
        INDArray x = input(shape, seed);
        INDArray w = GradientCheck.randomWeights(shape, seed + 1).castTo(DataType.FLOAT);
        Soma probe = make.get();
        Run a = fused(probe, x, w);
        Run b = perStep(make.get(), x, w);
        if (probe.spikingFunction() != null || probe instanceof KLIF) {
            float[] resets = resetDrivers(make.get(), x);
            int active = 0;
            for (float o : resets) {
                active += o > 0 ? 1 : 0;
            }
            double rate = active / (double) resets.length;
            assertTrue(rate > 0.05 && rate < 0.95, label + ": reset rate " + rate + " does not exercise both branches");
        }
        compare(label, b, a);
    }

    /** The reset-driving values o of every step (per-step path, no gradient needed). */
    private static float[] resetDrivers(Soma soma, INDArray x) {
        List<Float> out = new ArrayList<>();
        for (long t = 0; t < x.size(0); t++) {
            Tensor xt = Tensor.of(x.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all()).dup('c'));
            Tensor h = soma.state() != null ? soma.state()
                    : Tensor.of(Nd4j.valueArrayOf(xt.shape(), soma.uRest(), DataType.FLOAT));
            for (float v : soma.fire(soma.response(h, xt)).toFloatArray()) {
                out.add(v);
            }
            soma.forward(xt);
        }
        float[] r = new float[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    @ParameterizedTest(name = "{0} {1} hard={2}")
    @MethodSource("cases")
    void fusedMatchesPerStep(String kind, Surrogate s, boolean hard) {
        check(factory(kind, s, hard), SHAPE, 21, kind + " " + s + " hard=" + hard);
    }

    @Test
    void manyNeuronsUseTheMultiThreadedKernel() {
        long[] big = {4, 64, 200};
        check(factory("KLIF", null, true), big, 3, "KLIF large");
        check(factory("LIAF", new Sigmoid(), false), big, 4, "LIAF large");
        check(factory("QIF", new Gaussian(), true), big, 5, "QIF large");
    }

    @Test
    void analogStateCarriesGradientsAcrossCalls() {
        for (String kind : new String[] {"KLIF", "LIAF"}) {
            Supplier<Soma> make = factory(kind, new Sigmoid(), true);
            INDArray xv = input(SHAPE, 9);
            INDArray w = GradientCheck.randomWeights(SHAPE, 10).castTo(DataType.FLOAT);
            Run whole = perStep(make.get(), xv, w);

            Soma streamed = make.get();
            Temporal temporal = new Temporal(streamed, false);
            Tensor x1 = Tensor.variable(rows(xv, 0, 4));
            Tensor x2 = Tensor.variable(rows(xv, 4, SHAPE[0]));
            Tensor y1 = temporal.forward(x1);
            Tensor y2 = temporal.forward(x2);
            y1.mul(Tensor.of(rows(w, 0, 4))).sum().add(y2.mul(Tensor.of(rows(w, 4, SHAPE[0]))).sum()).backward();
            float[] dx = new float[whole.dx().length];
            float[] d1 = x1.grad().dup('c').data().asFloat();
            float[] d2 = x2.grad().dup('c').data().asFloat();
            System.arraycopy(d1, 0, dx, 0, d1.length);
            System.arraycopy(d2, 0, dx, d1.length, d2.length);
            float[] y = new float[whole.y().length];
            System.arraycopy(y1.toFloatArray(), 0, y, 0, d1.length);
            System.arraycopy(y2.toFloatArray(), 0, y, d1.length, d2.length);
            compare(kind + " streamed", whole, new Run(y, dx, paramGrads(streamed)));
        }
    }

    @Test
    void gradientOnlyThroughTheFinalStateReachesTheInput() {
        KLIF soma = KLIF.builder().tauM(2.0).k(0.6).trainable(true).build();
        Tensor x = Tensor.variable(input(new long[] {3, 2, 4}, 11));
        new Temporal(soma, false).forward(x);
        soma.state().sum().backward();
        assertNotNull(x.grad());
        assertTrue(x.grad().amaxNumber().doubleValue() > 0, "dh_T/dx must not vanish");
        assertFalse(Double.isNaN(soma.k().grad().getDouble(0)));
    }

    private static INDArray rows(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
    }
}
