package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.tensor.Tensor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reference forward traces of 1.0.1's equations for QIF, EIF, KLIF, LIAF and Izhikevich (defaults, one neuron, from
 * rest): the output and the potential after the reset after every step, single-step calls and the fused sequence (one
 * step per call and the whole sequence in one call).
 */
class NonlinearAndAnalogSomaGoldenTraceTest {

    private static Tensor step(float v) {
        return Tensor.of(Nd4j.create(new float[] {v}, new long[] {1}, 'c'));
    }

    /** Checks y and h' per step, through the three paths. */
    private static void trace(Supplier<Soma> make, float[] x, double[] y, double[] h, double tol) {
        Soma a = make.get();
        assertNull(a.state());
        for (int t = 0; t < x.length; t++) {
            Tensor out = a.forward(step(x[t]));
            assertEquals(y[t], out.item(), tol, "output at step " + t);
            assertEquals(h[t], a.state().item(), tol, "potential at step " + t);
        }
        Soma b = make.get();
        Temporal perCall = new Temporal(b, false);
        for (int t = 0; t < x.length; t++) {
            Tensor out = perCall.forward(Tensor.of(Nd4j.create(new float[] {x[t]}, new long[] {1, 1}, 'c')));
            assertEquals(y[t], out.item(), tol, "sequence output at step " + t);
            assertEquals(h[t], b.state().item(), tol, "sequence potential at step " + t);
        }
        Soma c = make.get();
        Tensor out = new Temporal(c, false).forward(Tensor.of(Nd4j.create(x, new long[] {x.length, 1}, 'c')));
        assertArrayEquals(y, out.toDoubleArray(), tol, "whole-sequence outputs");
        assertEquals(h[x.length - 1], c.state().item(), tol, "whole-sequence final potential");
    }

    @Test
    void qifDriftsTowardsTheStableCriticalPotential() {
        trace(QIF::new, new float[] {0.5f, 0, 0, 0, 0}, new double[5],
                new double[] {0.25, 0.31875, 0.395449, 0.475439, 0.552593}, 1e-6);
    }

    @Test
    void eifWithTheDefaultRheobase() {
        trace(EIF::new, new float[] {0.5f, 0.5f, 0.5f, 0.5f}, new double[4],
                new double[] {0.250168, 0.375299, 0.437894, 0.469207}, 1e-6);
    }

    @Test
    void klifAnalogOutputAndPartialReset() {
        trace(KLIF::new, new float[] {0.5f, 2.0f, 6.0f, 0.0f}, new double[] {0.1, 0.4, 1.2, 0.0},
                new double[] {0.5, 1.6, 0.0, 0.0}, 1e-6);
    }

    @Test
    void liafActivationOfThePotential() {
        trace(LIAF::new, new float[] {0.5f, 2.0f, -1.0f}, new double[] {0.5, 2.0, 0.0},
                new double[] {0.5, 0.0, -1.0}, 1e-6);
    }

    @Test
    void liafWithAGraphOnlyActivationSteps() {
        Supplier<Soma> make = () -> LIAF.builder().activation(Activation.graphOnly("square", Tensor::square)).build();
        trace(make, new float[] {0.5f, 2.0f, -1.0f}, new double[] {0.25, 4.0, 1.0}, new double[] {0.5, 0.0, -1.0},
                1e-6);
    }

    @Test
    void izhikevichDefaultsFireEveryStep() {
        float[] x = {0, 0, 0, 0.5f, -0.5f};
        trace(Izhikevich::new, x, new double[] {1, 1, 1, 1, 1}, new double[5], 0);
        Izhikevich soma = new Izhikevich();
        soma.forward(step(0));
        // w := w + a (b h - w) with h = 0, w = 0 stays 0, so u = 140 > 1 every time
        assertEquals(0.0, soma.recovery().item(), 0);
    }

    @Test
    void klifAndLiafOutputsAreNotMarkedAsSpikes() {
        Tensor x = Tensor.of(Nd4j.create(new float[] {0.5f, 2f, 6f}, new long[] {3, 1}, 'c'));
        assertFalse(new Temporal(new KLIF()).forward(x).isSpikeValued());
        assertFalse(new Temporal(new LIAF()).forward(x).isSpikeValued());
        assertFalse(new KLIF().forward(step(0.5f)).isSpikeValued());
    }
}
