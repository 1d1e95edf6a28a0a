package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * With spikes firing, the fused kernel's outputs and surrogate gradients (including those of v_threshold and
 * v_reset, which the float64 checks cannot reach) equal an independent per-step graph of tensor operations built
 * here from the equations of docs/nir.md and differentiated by autograd.
 */
class ArraySomaAutogradReferenceTest {
    private static final int T = 10;
    private static final int B = 3;
    private static final int N = 4;
    private static final double DT = 1e-3;

    private static Tensor euler(Tensor state, Tensor drive, Tensor tau) {
        Tensor k = Tensor.of(Nd4j.scalar(DataType.FLOAT, DT)).div(tau);
        return state.add(drive.mul(k));
    }

    /** The per-step graph: returns sum(wy * y) + sum(wv * v_T). */
    private static Tensor reference(String kind, Map<String, Tensor> p, Tensor x, INDArray wy, INDArray wv,
            Surrogate s) {
        boolean cuba = kind.equals("CubaLIF");
        boolean leaky = !kind.equals("IF");
        Tensor zero = Tensor.of(Nd4j.zeros(DataType.FLOAT, B, N));
        Tensor v = zero.add(leaky ? p.get("v_leak") : p.get("v_reset"));
        Tensor i = zero;
        Tensor loss = Tensor.of(Nd4j.scalar(DataType.FLOAT, 0));
        for (int t = 0; t < T; t++) {
            Tensor xt = x.select(t);
            Tensor in;
            if (cuba) {
                i = euler(i, i.neg().add(xt.mul(p.get("w_in"))), p.get("tau_syn"));
                in = i;
            } else {
                in = xt;
            }
            Tensor ri = in.mul(p.get("r"));
            v = leaky ? euler(v, p.get("v_leak").sub(v).add(ri), p.get(cuba ? "tau_mem" : "tau")) : v.add(ri);
            Tensor z = s.apply(v.sub(p.get("v_threshold")));
            v = v.mul(z.rsub(1)).add(z.mul(p.get("v_reset")));
            loss = loss.add(z.mul(Tensor.of(wy.slice(t).dup())).sum());
        }
        return loss.add(v.mul(Tensor.of(wv)).sum());
    }

    private static void compare(String kind, ArraySoma soma, Surrogate s) {
        Nd4j.getRandom().setSeed(kind.hashCode());
        Map<String, Tensor> ref = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : soma.namedParameters().entrySet()) {
            String name = e.getKey();
            INDArray value = name.startsWith("tau") ? Nd4j.rand(DataType.FLOAT, N).muli(3e-3).addi(1.5e-3)
                    : name.equals("v_threshold") ? Nd4j.rand(DataType.FLOAT, N).muli(0.3).addi(0.3)
                    : name.equals("v_reset") || name.equals("v_leak")
                            ? Nd4j.rand(DataType.FLOAT, N).muli(0.2).subi(0.15)
                    : Nd4j.rand(DataType.FLOAT, N).muli(0.8).addi(0.6);
            e.getValue().value().assign(value);
            ref.put(name, Tensor.parameter(value, true));
        }
        INDArray xv = Nd4j.rand(DataType.FLOAT, T, B, N).muli(2).subi(0.3);
        INDArray wy = Nd4j.rand(DataType.FLOAT, T, B, N).subi(0.5);
        INDArray wv = Nd4j.rand(DataType.FLOAT, B, N).subi(0.5);
        Tensor xRef = Tensor.variable(xv.dup());
        Tensor lossRef = reference(kind, ref, xRef, wy, wv, s);
        lossRef.backward();
        Tensor x = Tensor.variable(xv.dup());
        Tensor y = new Temporal(soma, false).forward(x);
        double rate = y.value().meanNumber().doubleValue();
        assertTrue(rate > 0.1 && rate < 0.9, kind + " must fire and stay silent, rate " + rate);
        Tensor loss = y.mul(Tensor.of(wy)).sum().add(soma.stateOf("v").mul(Tensor.of(wv)).sum());
        assertEquals(lossRef.item(), loss.item(), 1e-5 * Math.max(1, Math.abs(lossRef.item())), kind + " loss");
        loss.backward();
        assertClose(kind + " dL/dx", xRef.grad(), x.grad());
        for (String name : ref.keySet()) {
            INDArray g = soma.namedParameters().get(name).grad();
            assertNotNull(g, kind + " " + name + " received no gradient");
            assertClose(kind + " dL/d" + name, ref.get(name).grad(), g);
        }
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        float[] e = expected.dup('c').data().asFloat();
        float[] a = actual.dup('c').data().asFloat();
        assertEquals(e.length, a.length, what);
        double scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + " is zero everywhere");
        for (int k = 0; k < e.length; k++) {
            assertEquals(e[k], a[k], 1e-4 * Math.max(1, scale), what + " element " + k);
        }
    }

    @Test
    void lifMatchesTheAutogradGraph() {
        Surrogate s = new Sigmoid(0.5);
        compare("LIF", ArrayLIF.leaky(new long[] {N}, DT, s), s);
    }

    @Test
    void ifMatchesTheAutogradGraph() {
        Surrogate s = new Sigmoid(0.5);
        compare("IF", ArrayLIF.nonLeaky(new long[] {N}, DT, s), s);
    }

    @Test
    void cubaLifMatchesTheAutogradGraph() {
        Surrogate s = new Sigmoid(0.5);
        compare("CubaLIF", new CubaLIF(new long[] {N}, DT, s), s);
    }
}
