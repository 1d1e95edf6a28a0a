package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Functional;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused recurrent layers' surrogate gradients equal float64 autograd through a per-step graph of the same
 * equations built from tensor operations ({@link Surrogate#apply} for the spike): every path through the surrogate
 * (firing, reset, adaptation, recurrence) is exercised, with neurons close to and far from their thresholds. The
 * forward spikes must agree exactly (float32 and float64 fire alike in these cases); the gradients to 1e-3 relative.
 */
class RecurrentSurrogateGradientTest {
    private static final int T = 8;
    private static final int B = 3;
    private static final int N = 5;
    private static final double DT = 1e-3;
    private static final Surrogate SURROGATE = new Sigmoid(0.25);

    private static INDArray f64(double[] v, long... shape) {
        return Nd4j.create(v, shape, 'c');
    }

    private static double[] random(Random r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return v;
    }

    /** The reference graph of one family, float64: returns [y [T, B, N] stacked, v_T [B, N]]. */
    private static Tensor[] reference(String family, Tensor x, Tensor v, Map<String, Tensor> p) {
        Tensor vt = Tensor.of(Nd4j.zeros(DataType.DOUBLE, B, N)).add(family.equals("LIF") || family.equals("CubaLIF")
                ? p.get("v_leak")
                : Tensor.of(Nd4j.zeros(DataType.DOUBLE, N)));
        Tensor i = Tensor.of(Nd4j.zeros(DataType.DOUBLE, B, N));
        Tensor a = Tensor.of(Nd4j.zeros(DataType.DOUBLE, B, N));
        Tensor z = Tensor.of(Nd4j.zeros(DataType.DOUBLE, B, N));
        Tensor prev = Tensor.of(Nd4j.zeros(DataType.DOUBLE, B, N));
        List<Tensor> ys = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            Tensor in = x.select(t).add(Functional.matmul(prev, v.transpose()));
            Tensor y;
            switch (family) {
                case "LIF" -> {
                    Tensor k = p.get("tau").pow(-1).mul(DT);
                    Tensor u = vt.add(k.mul(p.get("v_leak").sub(vt).add(p.get("r").mul(in))));
                    y = SURROGATE.apply(u.sub(p.get("v_threshold"))).mul(1.0);
                    vt = u.mul(y.rsub(1)).add(p.get("v_reset").mul(y));
                }
                case "CubaLIF" -> {
                    Tensor ks = p.get("tau_syn").pow(-1).mul(DT);
                    Tensor km = p.get("tau_mem").pow(-1).mul(DT);
                    i = i.add(ks.mul(i.neg().add(p.get("w_in").mul(in))));
                    Tensor u = vt.add(km.mul(p.get("v_leak").sub(vt).add(p.get("r").mul(i))));
                    y = SURROGATE.apply(u.sub(p.get("v_threshold"))).mul(1.0);
                    vt = u.mul(y.rsub(1)).add(p.get("v_reset").mul(y));
                }
                case "ALIF" -> {
                    Tensor alpha = p.get("tau_mem").pow(-1).mul(-DT).exp();
                    Tensor rho = p.get("tau_adp").pow(-1).mul(-DT).exp();
                    a = a.mul(rho).add(z.mul(rho.rsub(1)));
                    Tensor th = a.mul(p.get("beta")).add(p.get("v_threshold"));
                    vt = vt.mul(alpha).add(in).sub(z.mul(th));
                    y = SURROGATE.apply(vt.sub(th)).mul(1.0);
                    z = y;
                }
                default -> { // matterhorn's LIF, u_rest 0, u_th 1, hard reset
                    Tensor u = in.sub(vt).div(p.get("tau_m")).add(vt);
                    y = SURROGATE.apply(u.sub(1.0)).mul(1.0);
                    vt = u.mul(y.rsub(1));
                }
            }
            ys.add(y);
            prev = y;
        }
        return new Tensor[] {Tensor.stack(ys), vt};
    }

    private static void check(String family, long seed) {
        Random r = new Random(seed);
        double[] x = random(r, T * B * N, -0.2, family.equals("SomaLIF") ? 2.2 : 1.4);
        double[] v = random(r, N * N, -0.6, 0.6);
        double[] wy = random(r, T * B * N, -0.5, 0.5);
        double[] wv = random(r, B * N, -0.5, 0.5);
        Map<String, double[]> p = new LinkedHashMap<>();
        switch (family) {
            case "LIF" -> {
                p.put("tau", random(r, N, 2 * DT, 5 * DT));
                p.put("r", random(r, N, 1.5, 3));
                p.put("v_leak", random(r, N, -0.2, 0.2));
                p.put("v_threshold", random(r, N, 0.8, 1.2));
                p.put("v_reset", random(r, N, -0.2, 0.2));
            }
            case "CubaLIF" -> {
                p.put("tau_syn", random(r, N, 2 * DT, 5 * DT));
                p.put("tau_mem", random(r, N, 2 * DT, 5 * DT));
                p.put("r", random(r, N, 1.5, 3));
                p.put("w_in", random(r, N, 1.5, 3));
                p.put("v_leak", random(r, N, -0.2, 0.2));
                p.put("v_threshold", random(r, N, 0.8, 1.2));
                p.put("v_reset", random(r, N, -0.2, 0.2));
            }
            case "ALIF" -> {
                p.put("tau_mem", random(r, N, 2 * DT, 5 * DT));
                p.put("tau_adp", random(r, N, 5 * DT, 15 * DT));
                p.put("v_threshold", random(r, N, 0.4, 0.8));
                p.put("beta", random(r, N, 0.5, 1.5));
            }
            default -> p.put("tau_m", new double[] {1.5 + r.nextDouble()});
        }
        // the reference, float64
        Tensor xr = Tensor.variable(f64(x, T, B, N));
        Tensor vr = Tensor.variable(f64(v, N, N));
        Map<String, Tensor> pr = new LinkedHashMap<>();
        p.forEach((k, val) -> pr.put(k, Tensor.variable(family.equals("SomaLIF") ? Nd4j.scalar(val[0])
                : f64(val, N))));
        Tensor[] ref = reference(family, xr, vr, pr);
        ref[0].mul(Tensor.of(f64(wy, T, B, N))).sum().add(ref[1].mul(Tensor.of(f64(wv, B, N))).sum()).backward();
        // the fused layer, float32
        Recurrent layer = new Recurrent(N, neuron(family, p), new Random(1));
        layer.weight().value().assign(f64(v, N, N).castTo(DataType.FLOAT));
        Tensor xf = Tensor.variable(f64(x, T, B, N).castTo(DataType.FLOAT));
        Tensor y = new Temporal(layer, false).forward(xf);
        Tensor vT = layer.stateOf(family.equals("SomaLIF") ? "h" : "v");
        y.mul(Tensor.of(f64(wy, T, B, N).castTo(DataType.FLOAT))).sum()
                .add(vT.mul(Tensor.of(f64(wv, B, N).castTo(DataType.FLOAT))).sum()).backward();
        double[] ys = y.value().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] yr = ref[0].value().dup('c').data().asDouble();
        int spikes = 0;
        for (int k = 0; k < ys.length; k++) {
            assertEquals(yr[k], ys[k], 0.0, family + ": spike " + k);
            spikes += (int) ys[k];
        }
        assertTrue(spikes > 5 && spikes < ys.length - 5, family + ": the case must fire and stay silent, "
                + spikes + " spikes");
        compare(family + " input", xr.grad(), xf.grad());
        compare(family + " V", vr.grad(), layer.weight().grad());
        Module inner = layer.neuron();
        for (String name : p.keySet()) {
            INDArray g = inner.namedParameters().get(name).grad();
            assertNotNull(g, family + " " + name + " received no gradient");
            compare(family + " " + name, pr.get(name).grad(), g);
        }
    }

    /** @return the fused neuron layer of the family with the smooth surrogate and the given parameter values */
    private static Module neuron(String family, Map<String, double[]> p) {
        Module m = switch (family) {
            case "LIF" -> ArrayLIF.leaky(new long[] {N}, DT, SURROGATE);
            case "CubaLIF" -> new CubaLIF(new long[] {N}, DT, SURROGATE);
            case "ALIF" -> AdaptiveLIF.builder(N).dt(DT).spikingFunction(SURROGATE).trainable(true).build();
            default -> LIF.builder().trainable(true).spikingFunction(SURROGATE).build();
        };
        for (Map.Entry<String, double[]> e : p.entrySet()) {
            INDArray target = m.namedParameters().get(e.getKey()).value();
            target.assign(family.equals("SomaLIF") ? Nd4j.scalar((float) e.getValue()[0])
                    : f64(e.getValue(), N).castTo(DataType.FLOAT));
        }
        return m;
    }

    private static void compare(String what, INDArray reference, INDArray fused) {
        assertNotNull(reference, what + ": the reference has no gradient");
        double[] a = reference.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double[] b = fused.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        assertEquals(a.length, b.length, what + ": size");
        double scale = 0;
        for (double d : a) {
            scale = Math.max(scale, Math.abs(d));
        }
        assertTrue(scale > 0, what + ": the reference gradient is zero everywhere");
        for (int k = 0; k < a.length; k++) {
            assertEquals(a[k], b[k], 1e-3 * Math.max(Math.abs(a[k]), 1e-2 * scale) + 1e-6, what + " element " + k);
        }
    }

    @Test
    void adaptiveLifSurrogateGradientsMatchFloat64Autograd() {
        check("ALIF", 11);
    }

    @Test
    void lifSurrogateGradientsMatchFloat64Autograd() {
        check("LIF", 12);
    }

    @Test
    void cubaLifSurrogateGradientsMatchFloat64Autograd() {
        check("CubaLIF", 13);
    }

    @Test
    void oneVariableLifSurrogateGradientsMatchFloat64Autograd() {
        check("SomaLIF", 14);
    }
}
