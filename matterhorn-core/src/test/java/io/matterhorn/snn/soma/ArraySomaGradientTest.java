package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-neuron-array somas' autograd gradients (float32) equal float64 central differences of an independent
 * double-precision simulation of the Euler equations, for the input and for every parameter. Thresholds are set
 * out of reach so that the loss (weighted outputs plus weighted final potential) is smooth.
 */
class ArraySomaGradientTest {
    private static final int T = 5;
    private static final int B = 2;
    private static final int N = 3;
    private static final double DT = 1e-3;
    private static final double EPS = 1e-6;

    /** Double-precision parameters and input of one case. */
    private static final class Case {
        final Map<String, double[]> p = new LinkedHashMap<>();
        double[] x = new double[T * B * N];
        final double[] wy = new double[T * B * N];
        final double[] wv = new double[B * N];
    }

    private static Case newCase(long seed, String... params) {
        java.util.Random r = new java.util.Random(seed);
        Case c = new Case();
        for (int i = 0; i < c.x.length; i++) {
            c.x[i] = r.nextDouble() * 2 - 0.5;
            c.wy[i] = r.nextDouble() - 0.5;
        }
        for (int i = 0; i < c.wv.length; i++) {
            c.wv[i] = r.nextDouble() - 0.5;
        }
        for (String name : params) {
            double[] v = new double[N];
            for (int n = 0; n < N; n++) {
                v[n] = name.startsWith("tau") ? (2 + 3 * r.nextDouble()) * DT
                        : name.equals("v_threshold") ? 100 : r.nextDouble() * 1.5 + 0.25;
            }
            c.p.put(name, v);
        }
        return c;
    }

    /** LI / LIF / IF (no spike reached) / I / CubaLI / CubaLIF simulated in double: sum wy*y + sum wv*v_T. */
    private static double simulate(String kind, Case c) {
        double sum = 0;
        for (int b = 0; b < B; b++) {
            for (int n = 0; n < N; n++) {
                double vLeak = c.p.containsKey("v_leak") ? c.p.get("v_leak")[n] : 0;
                double v = kind.equals("IF") ? c.p.get("v_reset")[n] : vLeak;  // I: no v_leak, starts at 0
                double i = 0;
                for (int t = 0; t < T; t++) {
                    double x = c.x[(t * B + b) * N + n];
                    double r = c.p.get("r")[n];
                    switch (kind) {
                        case "LI", "LIF" -> v += DT / c.p.get("tau")[n] * (vLeak - v + r * x);
                        case "IF", "I" -> v += r * x;
                        default -> {
                            i += DT / c.p.get("tau_syn")[n] * (-i + c.p.get("w_in")[n] * x);
                            v += DT / c.p.get("tau_mem")[n] * (vLeak - v + r * i);
                        }
                    }
                    double y = kind.equals("LI") || kind.equals("I") || kind.equals("CubaLI") ? v : 0;
                    sum += c.wy[(t * B + b) * N + n] * y;
                }
                sum += c.wv[b * N + n] * v;
            }
        }
        return sum;
    }

    private static INDArray f32(double[] v, long... shape) {
        return Nd4j.create(v, shape, 'c').castTo(DataType.FLOAT);
    }

    private static void check(String kind, ArraySoma soma, Case c) {
        for (Map.Entry<String, double[]> e : c.p.entrySet()) {
            soma.namedParameters().get(e.getKey()).value().assign(f32(e.getValue(), N));
        }
        Tensor x = Tensor.variable(f32(c.x, T, B, N));
        Tensor y = new Temporal(soma, false).forward(x);
        Tensor vT = soma.stateOf("v");
        y.mul(Tensor.of(f32(c.wy, T, B, N))).sum().add(vT.mul(Tensor.of(f32(c.wv, B, N))).sum()).backward();
        compare(kind + " input", x.grad(), c.x, cc -> simulate(kind, cc), c);
        for (Map.Entry<String, double[]> e : c.p.entrySet()) {
            if (e.getKey().equals("v_threshold") || e.getKey().equals("v_reset") && !kind.equals("IF")) {
                continue;
            }
            INDArray g = soma.namedParameters().get(e.getKey()).grad();
            assertNotNull(g, kind + " " + e.getKey() + " received no gradient");
            compare(kind + " " + e.getKey(), g, e.getValue(), cc -> simulate(kind, cc), c);
        }
    }

    private static void compare(String what, INDArray analytic, double[] values, ToDoubleFunction<Case> f, Case c) {
        double[] a = analytic.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        for (int k = 0; k < values.length; k++) {
            double orig = values[k];
            double h = EPS * Math.max(1, Math.abs(orig));
            values[k] = orig + h;
            double plus = f.applyAsDouble(c);
            values[k] = orig - h;
            double minus = f.applyAsDouble(c);
            values[k] = orig;
            double numeric = (plus - minus) / (2 * h);
            assertEquals(numeric, a[k], 2e-3 * Math.max(1, Math.abs(numeric)), what + " element " + k);
        }
    }

    @Test
    void liGradientsMatchFloat64Differences() {
        check("LI", new LI(new long[] {N}, DT), newCase(1, "tau", "r", "v_leak"));
    }

    @Test
    void lifGradientsMatchFloat64Differences() {
        check("LIF", ArrayLIF.leaky(new long[] {N}, DT, null),
                newCase(2, "tau", "r", "v_leak", "v_threshold", "v_reset"));
    }

    @Test
    void ifGradientsMatchFloat64Differences() {
        check("IF", ArrayLIF.nonLeaky(new long[] {N}, DT, null), newCase(3, "r", "v_threshold", "v_reset"));
    }

    @Test
    void cubaLifGradientsMatchFloat64Differences() {
        check("CubaLIF", new CubaLIF(new long[] {N}, DT, null),
                newCase(4, "tau_syn", "tau_mem", "r", "w_in", "v_leak", "v_threshold", "v_reset"));
    }

    @Test
    void integratorGradientsMatchFloat64Differences() {
        check("I", new Integrator(new long[] {N}, DT), newCase(5, "r"));
    }

    @Test
    void cubaLiGradientsMatchFloat64Differences() {
        check("CubaLI", new CubaLI(new long[] {N}, DT), newCase(6, "tau_syn", "tau_mem", "r", "w_in", "v_leak"));
    }
}
