package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.nir.module.Threshold;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-neuron-array somas: hand-computed values of the new kinds (I, CubaLI, Threshold), and the fused sequence
 * node against T chained single steps (whose gradients travel through the state from call to call) with spikes
 * firing, for every kind.
 */
class ArraySomaSequenceTest {
    private static final double DT = 1e-3;

    private static float[] run(ArraySoma s, float[][] x) {
        int t = x.length;
        int n = x[0].length;
        float[] flat = new float[t * n];
        for (int i = 0; i < t; i++) {
            System.arraycopy(x[i], 0, flat, i * n, n);
        }
        Tensor y = new Temporal(s).forward(Tensor.of(Nd4j.create(flat, new long[] {t, 1, n}, 'c')));
        return y.value().dup('c').data().asFloat();
    }

    @Test
    void integratorAddsRTimesTheInput() {
        Integrator s = new Integrator(new long[] {2}, DT);
        s.namedParameters().get("r").value().assign(Nd4j.createFromArray(2f, 0.5f));
        float[] y = run(s, new float[][] {{1, 1}, {1, 1}, {-1, -1}});
        assertArrayEquals(new float[] {2, 0.5f, 4, 1, 2, 0.5f}, y, 0f);
    }

    /** dt/tau_syn = 1/2 and dt/tau_mem = 1/4 exactly; i = 0.5, 0.25, 0.125 and v = 0.125, 0.15625, 0.1484375. */
    @Test
    void cubaLiFiltersTheCurrentThenTheMembrane() {
        CubaLI s = new CubaLI(new long[] {1}, DT);
        s.namedParameters().get("tau_syn").value().assign(2e-3);
        s.namedParameters().get("tau_mem").value().assign(4e-3);
        float[] y = run(s, new float[][] {{1}, {0}, {0}});
        assertArrayEquals(new float[] {0.125f, 0.15625f, 0.1484375f}, y, 1e-7f);
        assertNull(s.stateOf("i"), "Temporal resets the state after the sequence");
    }

    @Test
    void thresholdIsAStatelessHeavisideWithSurrogateGradient() {
        Threshold th = new Threshold(new long[] {3}, new Rectangular(2.0));
        th.threshold().value().assign(Nd4j.createFromArray(0.5f, -0.2f, 1f));
        Tensor x = Tensor.variable(Nd4j.createFromArray(new float[][] {{0.5f, -0.3f, 0.2f}, {0.6f, -0.2f, 3f}}));
        Tensor z = th.forward(x);
        assertArrayEquals(new float[] {1, 0, 0, 1, 1, 1}, z.value().dup('c').data().asFloat(), 0f);
        z.sum().backward();
        // Rectangular(a = 2): g(d) = 1/2 for |d| < 1, else 0; d = x - threshold
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0f}, x.grad().dup('c').data().asFloat(), 0f);
        assertArrayEquals(new float[] {-1f, -1f, -0.5f}, th.threshold().grad().dup('c').data().asFloat(), 0f);
        assertThrows(IllegalArgumentException.class, () -> th.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, 2, 4))));
    }

    /** Output, input gradient and parameter gradients of y = soma(x) over T steps, by sequence or by steps. */
    private static List<float[]> gradients(Supplier<ArraySoma> make, INDArray x, INDArray wy, INDArray wv,
            boolean sequence) {
        ArraySoma s = make.get();
        Tensor xt = Tensor.variable(x.dup());
        Tensor y;
        if (sequence) {
            y = s.forwardSequence(xt);
        } else {
            List<Tensor> steps = new ArrayList<>();
            for (int t = 0; t < x.size(0); t++) {
                Tensor yt = s.forward(xt.select(t));
                steps.add(yt.mul(Tensor.of(wy.slice(t).dup())).sum());
            }
            y = null;
            Tensor loss = steps.get(0);
            for (int t = 1; t < steps.size(); t++) {
                loss = loss.add(steps.get(t));
            }
            loss.add(s.stateOf("v").mul(Tensor.of(wv)).sum()).backward();
        }
        if (y != null) {
            y.mul(Tensor.of(wy)).sum().add(s.stateOf("v").mul(Tensor.of(wv)).sum()).backward();
        }
        List<float[]> out = new ArrayList<>();
        out.add(x.dup().data().asFloat());
        out.add(xt.grad().dup('c').data().asFloat());
        for (Map.Entry<String, Tensor> p : s.namedParameters().entrySet()) {
            out.add(p.getValue().grad() == null ? new float[0] : p.getValue().grad().dup('c').data().asFloat());
        }
        return out;
    }

    private static void sequenceEqualsSteps(String kind, Supplier<ArraySoma> make) {
        Nd4j.getRandom().setSeed(kind.hashCode());
        int t = 8;
        INDArray x = Nd4j.rand(DataType.FLOAT, t, 3, 2, 2).muli(3).subi(0.5);
        INDArray wy = Nd4j.rand(DataType.FLOAT, t, 3, 2, 2).subi(0.5);
        INDArray wv = Nd4j.rand(DataType.FLOAT, 3, 2, 2).subi(0.5);
        ArraySoma probe = make.get();
        float[] y = probe.forwardSequence(Tensor.of(x)).value().dup('c').data().asFloat();
        if (probe.kind().spiking()) {
            double rate = 0;
            for (float v : y) {
                rate += v;
            }
            rate /= y.length;
            assertTrue(rate > 0.1 && rate < 0.9, kind + " must fire and stay silent, rate " + rate);
        }
        List<float[]> seq = gradients(make, x, wy, wv, true);
        List<float[]> steps = gradients(make, x, wy, wv, false);
        for (int k = 1; k < seq.size(); k++) {
            float[] a = seq.get(k);
            float[] b = steps.get(k);
            assertEquals(a.length, b.length, kind + " gradient " + k);
            assertTrue(a.length > 0, kind + " gradient " + k + " missing");
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5f * Math.max(1f, Math.abs(a[i])), kind + " gradient " + k + "[" + i + "]");
            }
        }
    }

    private static <S extends ArraySoma> S withTaus(S s) {
        long[] shape = s.neuronShape();
        Nd4j.getRandom().setSeed(42);
        for (String name : new String[] {"tau", "tau_mem", "tau_syn"}) {
            Tensor p = s.namedParameters().get(name);
            if (p != null) {
                p.value().assign(Nd4j.rand(DataType.FLOAT, shape).muli(3e-3).addi(1.5e-3));
            }
        }
        Tensor th = s.namedParameters().get("v_threshold");
        if (th != null) {
            th.value().assign(Nd4j.rand(DataType.FLOAT, shape).muli(0.3).addi(0.3));
            s.namedParameters().get("v_reset").value().assign(-0.1);
        }
        return s;
    }

    @Test
    void fusedSequenceEqualsChainedStepsForEveryKind() {
        long[] shape = {2, 2};
        Rectangular wide = new Rectangular(1.0);
        sequenceEqualsSteps("LI", () -> withTaus(new LI(shape, DT)));
        sequenceEqualsSteps("LIF", () -> withTaus(ArrayLIF.leaky(shape, DT, wide)));
        sequenceEqualsSteps("IF", () -> withTaus(ArrayLIF.nonLeaky(shape, DT, wide)));
        sequenceEqualsSteps("I", () -> withTaus(new Integrator(shape, DT)));
        sequenceEqualsSteps("CubaLI", () -> withTaus(new CubaLI(shape, DT)));
        sequenceEqualsSteps("CubaLIF", () -> withTaus(new CubaLIF(shape, DT, wide)));
    }
}
