package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused recurrent layers' float32 gradients (BPTT through V, the input, the neuron state and every parameter)
 * equal float64 central differences of an independent double-precision simulation of the equations, for LIF, IF,
 * CubaLIF, the adaptive LIF, matterhorn's one-variable LIF and the analog LI, each with and without the recurrent
 * weight. The neurons do fire, but the surrogate is a rectangle narrower than the distance of every potential from
 * its threshold (checked in the simulation): then the loss {@code sum w_y y + sum w_v v_T} is differentiable at the
 * case and its exact derivative runs through the spikes' effects on the reset, the adaptation and the recurrence,
 * which is what the fused backward computes when the surrogate is zero. The surrogate terms themselves are checked
 * against float64 autograd in {@link RecurrentSurrogateGradientTest}.
 */
class RecurrentGradientTest {
    private static final int T = 6;
    private static final int B = 2;
    private static final int N = 3;
    private static final double DT = 1e-3;
    private static final double EPS = 1e-6;
    /** Surrogate window: g(x) = 1/a for |x| &lt; a/2, else 0. */
    private static final double WINDOW = 1e-3;
    /** Smallest allowed |u - threshold| in a case, so that float32 and float64 fire alike and g = 0 everywhere. */
    private static final double MARGIN = 2e-3;

    /** A case: double-precision input, weights, parameters and loss weighting. */
    static final class Case {
        final String family;
        final boolean recurrent;
        final Map<String, double[]> p = new LinkedHashMap<>();
        final double[] x = new double[T * B * N];
        final double[] v = new double[N * N];
        /** The recurrent bias, or null. */
        double[] bias;
        final double[] wy = new double[T * B * N];
        final double[] wv = new double[B * N];
        double margin;
        int spikes;

        Case(String family, boolean recurrent) {
            this.family = family;
            this.recurrent = recurrent;
        }
    }

    private static String[] params(String family) {
        return switch (family) {
            case "LIF" -> new String[] {"tau", "r", "v_leak", "v_threshold", "v_reset"};
            case "IF" -> new String[] {"r", "v_threshold", "v_reset"};
            case "CubaLIF" -> new String[] {"tau_syn", "tau_mem", "r", "w_in", "v_leak", "v_threshold", "v_reset"};
            case "LI" -> new String[] {"tau", "r", "v_leak"};
            case "ALIF" -> new String[] {"tau_mem", "tau_adp", "v_threshold", "beta"};
            case "SomaLIF" -> new String[] {"tau_m"};
            default -> throw new IllegalArgumentException(family);
        };
    }

    private static Case newCase(String family, boolean recurrent, long seed) {
        Random r = new Random(seed);
        Case c = new Case(family, recurrent);
        for (int i = 0; i < c.x.length; i++) {
            c.x[i] = r.nextDouble() * 1.6 - 0.2;
            c.wy[i] = r.nextDouble() - 0.5;
        }
        for (int i = 0; i < c.wv.length; i++) {
            c.wv[i] = r.nextDouble() - 0.5;
        }
        for (int i = 0; i < c.v.length; i++) {
            c.v[i] = recurrent ? r.nextDouble() - 0.5 : 0;
        }
        for (String name : params(family)) {
            int count = family.equals("SomaLIF") ? 1 : N;
            double[] v = new double[count];
            for (int n = 0; n < count; n++) {
                v[n] = switch (name) {
                    case "tau", "tau_mem", "tau_syn" -> (2 + 3 * r.nextDouble()) * DT;
                    case "tau_adp" -> (5 + 10 * r.nextDouble()) * DT;
                    case "tau_m" -> 1.5 + r.nextDouble();
                    case "r", "w_in" -> 1.5 + 1.5 * r.nextDouble();
                    case "v_threshold" -> family.equals("ALIF") ? 0.4 + 0.4 * r.nextDouble() : 0.8
                            + 0.4 * r.nextDouble();
                    case "beta" -> 0.5 + r.nextDouble();
                    default -> r.nextDouble() * 0.4 - 0.2;
                };
            }
            c.p.put(name, v);
        }
        return c;
    }

    /** A case whose potentials all stay {@link #MARGIN} away from the threshold and that fires (analog LI: any). */
    private static Case fittingCase(String family, boolean recurrent, boolean bias) {
        for (long seed = 1; seed < 500; seed++) {
            Case c = newCase(family, recurrent, seed);
            if (bias) {
                Random r = new Random(seed + 1000);
                c.bias = new double[N];
                for (int o = 0; o < N; o++) {
                    c.bias[o] = r.nextDouble() * 0.4 - 0.2;
                }
            }
            simulate(c);
            if (family.equals("LI") || c.margin > MARGIN && c.spikes > 3 && c.spikes < T * B * N - 3) {
                return c;
            }
        }
        throw new AssertionError(family + ": no case with potentials away from the threshold");
    }

    /** The double-precision simulation: returns sum w_y y + sum w_v v_T, records the margin and the spike count. */
    static double simulate(Case c) {
        double loss = 0;
        c.margin = Double.POSITIVE_INFINITY;
        c.spikes = 0;
        Map<String, double[]> p = c.p;
        for (int b = 0; b < B; b++) {
            double[] v = new double[N];
            double[] i = new double[N];
            double[] a = new double[N];
            double[] z = new double[N];
            double[] yPrev = new double[N];
            for (int n = 0; n < N; n++) {
                v[n] = switch (c.family) {
                    case "LIF", "CubaLIF", "LI" -> p.get("v_leak")[n];
                    case "IF" -> p.get("v_reset")[n];
                    default -> 0;
                };
            }
            for (int t = 0; t < T; t++) {
                double[] y = new double[N];
                for (int o = 0; o < N; o++) {
                    double in = c.x[(t * B + b) * N + o];
                    for (int j = 0; j < N; j++) {
                        in += c.v[o * N + j] * yPrev[j];
                    }
                    if (c.bias != null) {
                        in += c.bias[o];
                    }
                    double u;
                    double th;
                    switch (c.family) {
                        case "LIF", "LI" -> {
                            u = v[o] + DT / p.get("tau")[o] * (p.get("v_leak")[o] - v[o] + p.get("r")[o] * in);
                            th = c.family.equals("LI") ? Double.NaN : p.get("v_threshold")[o];
                        }
                        case "IF" -> {
                            u = v[o] + p.get("r")[o] * in;
                            th = p.get("v_threshold")[o];
                        }
                        case "CubaLIF" -> {
                            i[o] += DT / p.get("tau_syn")[o] * (-i[o] + p.get("w_in")[o] * in);
                            u = v[o] + DT / p.get("tau_mem")[o] * (p.get("v_leak")[o] - v[o] + p.get("r")[o] * i[o]);
                            th = p.get("v_threshold")[o];
                        }
                        case "ALIF" -> {
                            double alpha = Math.exp(-DT / p.get("tau_mem")[o]);
                            double rho = Math.exp(-DT / p.get("tau_adp")[o]);
                            a[o] = rho * a[o] + (1 - rho) * z[o];
                            th = p.get("v_threshold")[o] + p.get("beta")[o] * a[o];
                            u = alpha * v[o] + in - z[o] * th;
                        }
                        default -> { // matterhorn's LIF: u = (x - (h - u_rest)) / tau_m + h, u_rest 0, u_th 1
                            u = (in - v[o]) / p.get("tau_m")[0] + v[o];
                            th = 1.0;
                        }
                    }
                    if (c.family.equals("LI")) {
                        v[o] = u;
                        y[o] = u;
                        continue;
                    }
                    c.margin = Math.min(c.margin, Math.abs(u - th));
                    double fired = u - th >= 0 ? 1 : 0;
                    c.spikes += (int) fired;
                    y[o] = fired;
                    switch (c.family) {
                        case "ALIF" -> {
                            v[o] = u;
                            z[o] = fired;
                        }
                        case "SomaLIF" -> v[o] = fired > 0 ? 0 : u;
                        default -> v[o] = fired > 0 ? p.get("v_reset")[o] : u;
                    }
                }
                for (int o = 0; o < N; o++) {
                    loss += c.wy[(t * B + b) * N + o] * y[o];
                }
                yPrev = y;
            }
            for (int n = 0; n < N; n++) {
                loss += c.wv[b * N + n] * v[n];
            }
        }
        return loss;
    }

    private static INDArray f32(double[] v, long... shape) {
        return Nd4j.create(v, shape, 'c').castTo(DataType.FLOAT);
    }

    /** @return the neuron layer of the family with the case's parameter values */
    static Module neuron(Case c) {
        Rectangular g = new Rectangular(WINDOW);
        Module m = switch (c.family) {
            case "LIF" -> ArrayLIF.leaky(new long[] {N}, DT, g);
            case "IF" -> ArrayLIF.nonLeaky(new long[] {N}, DT, g);
            case "CubaLIF" -> new CubaLIF(new long[] {N}, DT, g);
            case "LI" -> new LI(new long[] {N}, DT);
            case "ALIF" -> AdaptiveLIF.builder(N).dt(DT).spikingFunction(g).trainable(true).build();
            default -> LIF.builder().tauM(c.p.get("tau_m")[0]).trainable(true).spikingFunction(g).build();
        };
        for (Map.Entry<String, double[]> e : c.p.entrySet()) {
            INDArray target = m.namedParameters().get(e.getKey()).value();
            target.assign(c.family.equals("SomaLIF") ? Nd4j.scalar((float) e.getValue()[0])
                    : f32(e.getValue(), N));
        }
        return m;
    }

    private static void check(String family, boolean recurrent) {
        check(family, recurrent, false);
    }

    private static void check(String family, boolean recurrent, boolean bias) {
        Case c = fittingCase(family, recurrent, bias);
        Module neuron = neuron(c);
        Module layer = recurrent ? new Recurrent(N, neuron, bias, new Random(3)) : neuron;
        if (recurrent) {
            ((Recurrent) layer).weight().value().assign(f32(c.v, N, N));
        }
        if (bias) {
            ((Recurrent) layer).bias().value().assign(f32(c.bias, N));
        }
        Tensor x = Tensor.variable(f32(c.x, T, B, N));
        Tensor y = new Temporal(layer, false).forward(x);
        String stateName = family.equals("SomaLIF") ? "h" : "v";
        Tensor vT = recurrent ? ((Recurrent) layer).stateOf(stateName)
                : family.equals("ALIF") ? ((AdaptiveLIF) layer).stateOf("v")
                : family.equals("SomaLIF") ? ((Soma) layer).state() : ((ArraySoma) layer).stateOf("v");
        y.mul(Tensor.of(f32(c.wy, T, B, N))).sum().add(vT.reshape(B, N).mul(Tensor.of(f32(c.wv, B, N))).sum())
                .backward();
        String what = family + (recurrent ? " recurrent" : "");
        compare(what + " input", x.grad(), c.x, c);
        if (recurrent) {
            compare(what + " V", ((Recurrent) layer).weight().grad(), c.v, c);
        }
        if (bias) {
            compare(what + " bias", ((Recurrent) layer).bias().grad(), c.bias, c);
        }
        for (Map.Entry<String, double[]> e : c.p.entrySet()) {
            INDArray g = neuron.namedParameters().get(e.getKey()).grad();
            assertNotNull(g, what + " " + e.getKey() + " received no gradient");
            compare(what + " " + e.getKey(), g, e.getValue(), c);
        }
    }

    private static void compare(String what, INDArray analytic, double[] values, Case c) {
        double[] a = analytic.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        assertEquals(values.length, a.length, what + ": gradient size");
        double largest = 0;
        for (int k = 0; k < values.length; k++) {
            double orig = values[k];
            double h = EPS * Math.max(1, Math.abs(orig));
            values[k] = orig + h;
            double plus = simulate(c);
            values[k] = orig - h;
            double minus = simulate(c);
            values[k] = orig;
            double numeric = (plus - minus) / (2 * h);
            assertEquals(numeric, a[k], 2e-3 * Math.max(1, Math.abs(numeric)), what + " element " + k);
            largest = Math.max(largest, Math.abs(numeric));
        }
        simulate(c);
        assertTrue(largest > 0 || what.endsWith("v_threshold") || what.endsWith("v_reset"),
                what + ": every derivative is zero; the check would see nothing");
    }

    @Test
    void adaptiveLifGradientsMatchFloat64Differences() {
        check("ALIF", false);
        check("ALIF", true);
    }

    @Test
    void recurrentAdaptiveLifWithBiasGradientsMatchFloat64Differences() {
        check("ALIF", true, true);
        check("LI", true, true);
    }

    @Test
    void recurrentLifGradientsMatchFloat64Differences() {
        check("LIF", true);
    }

    @Test
    void recurrentIfGradientsMatchFloat64Differences() {
        check("IF", true);
    }

    @Test
    void recurrentCubaLifGradientsMatchFloat64Differences() {
        check("CubaLIF", true);
    }

    @Test
    void recurrentOneVariableLifGradientsMatchFloat64Differences() {
        check("SomaLIF", true);
    }

    @Test
    void recurrentAnalogLiGradientsMatchFloat64Differences() {
        check("LI", true);
    }
}
