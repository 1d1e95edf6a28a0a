package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.tensor.Tensor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reference forward traces of 1.0.1's equations: one neuron, single-step calls in sequence from rest, checking the
 * spike and the potential after the reset (Soma.state()) after every step. The same traces are replayed through the
 * fused sequence kernel, one step per call and as one whole sequence.
 */
class SomaGoldenTraceTest {
    private static final float[] X = {0.8f, 0.8f, 0.8f, 2.5f, 0.0f};

    private static final double[] LIF_HARD_O = {0, 0, 0, 1, 0};
    private static final double[] LIF_HARD_U = {0.4, 0.6, 0.7, 0.0, 0.0};
    private static final double[] LIF_SOFT_O = {0, 0, 0, 1, 0};
    private static final double[] LIF_SOFT_U = {0.6, 0.8, 0.9, 1.0, 0.6};
    private static final double[] IF_O = {0, 1, 0, 1, 0};
    private static final double[] IF_U = {0.8, 0.0, 0.8, 0.0, 0.0};

    private static Soma lifHard() {
        return new LIF();
    }

    private static Soma lifSoftRest02() {
        return LIF.builder().tauM(2).uRest(0.2).hardReset(false).build();
    }

    private static Soma newIf() {
        return new IF();
    }

    private static Tensor step(float v) {
        return Tensor.of(Nd4j.create(new float[] {v}, new long[] {1}, 'c'));
    }

    private static void singleSteps(Supplier<Soma> make, double[] o, double[] u) {
        Soma soma = make.get();
        assertNull(soma.state());
        for (int t = 0; t < X.length; t++) {
            Tensor spike = soma.forward(step(X[t]));
            assertEquals(o[t], spike.item(), 0, "spike at step " + t);
            assertEquals(u[t], soma.state().item(), 1e-6, "potential at step " + t);
        }
    }

    private static void fusedOneStepPerCall(Supplier<Soma> make, double[] o, double[] u) {
        Soma soma = make.get();
        Temporal temporal = new Temporal(soma, false);
        for (int t = 0; t < X.length; t++) {
            Tensor spike = temporal.forward(Tensor.of(Nd4j.create(new float[] {X[t]}, new long[] {1, 1}, 'c')));
            assertEquals(o[t], spike.item(), 0, "fused spike at step " + t);
            assertEquals(u[t], soma.state().item(), 1e-6, "fused potential at step " + t);
        }
    }

    private static void fusedWholeSequence(Supplier<Soma> make, double[] o, double[] u) {
        Soma soma = make.get();
        Temporal temporal = new Temporal(soma, false);
        Tensor spikes = temporal.forward(Tensor.of(Nd4j.create(X, new long[] {X.length, 1}, 'c')));
        assertArrayEquals(o, spikes.toDoubleArray(), 0);
        assertEquals(u[X.length - 1], soma.state().item(), 1e-6);
    }

    private static void all(Supplier<Soma> make, double[] o, double[] u) {
        singleSteps(make, o, u);
        fusedOneStepPerCall(make, o, u);
        fusedWholeSequence(make, o, u);
    }

    @Test
    void lifHardReset() {
        all(SomaGoldenTraceTest::lifHard, LIF_HARD_O, LIF_HARD_U);
    }

    @Test
    void lifSoftResetWithRestingPotential() {
        all(SomaGoldenTraceTest::lifSoftRest02, LIF_SOFT_O, LIF_SOFT_U);
    }

    @Test
    void integrateAndFire() {
        all(SomaGoldenTraceTest::newIf, IF_O, IF_U);
    }

    @Test
    void potentialEqualToThresholdFires() {
        Soma soma = new IF();
        assertEquals(1.0, soma.forward(step(1.0f)).item(), 0);
        assertEquals(0.0, soma.state().item(), 0);
    }

    @Test
    void resetReturnsToRest() {
        Soma soma = lifHard();
        soma.forward(step(0.8f));
        soma.reset();
        assertNull(soma.state());
        soma.forward(step(0.8f));
        assertEquals(0.4, soma.state().item(), 1e-6);
    }
}
