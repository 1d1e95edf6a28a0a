package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.tensor.GradientCheck;
import io.matterhorn.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ResponseSoma registers the user's parameters (docs/differences-from-1.0.1.md #20) and trains them through the user's
 * graph.
 */
class ResponseSomaTest {

    /** LIF with its own leak gain and input gain: u = h + (g_in x - (h - u_rest)) / tau. */
    private static ResponseSoma leaky(double tau, double gain, boolean trainable, double uRest) {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("tau", tau);
        p.put("gain", gain);
        return ResponseSoma.builder((h, x, q) -> x.mul(q.get("gain")).sub(h.sub(uRest)).div(q.get("tau")).add(h), p)
                .uRest(uRest).spikingFunction(new Rectangular(0.01)).hardReset(false).trainable(trainable).build();
    }

    @Test
    void parametersAreRegisteredInOrder() {
        ResponseSoma soma = leaky(2.0, 1.0, true, 0.0);
        assertEquals(List.of("tau", "gain"), List.copyOf(soma.namedParameters().keySet()));
        assertTrue(soma.namedParameters().get("tau").requiresGrad());
        assertEquals(2, soma.trainableParameters().size());
        assertFalse(leaky(2.0, 1.0, false, 0.0).namedParameters().get("gain").requiresGrad());
        assertEquals(2.0, soma.responseParameters().get("tau").item(), 0);
    }

    @Test
    void equalsAHandBuiltLifIncludingTheTauGradient() {
        Nd4j.getRandom().setSeed(3);
        long[] shape = {8, 2, 6};
        INDArray xv = Nd4j.rand(DataType.FLOAT, shape).muli(2f).subi(0.2f);
        INDArray w = GradientCheck.randomWeights(shape, 4).castTo(DataType.FLOAT);

        Map<String, Double> p = new LinkedHashMap<>();
        p.put("tau_m", 2.5);
        ResponseSoma custom = ResponseSoma.builder((h, x, q) -> x.sub(h.sub(0.1)).div(q.get("tau_m")).add(h), p)
                .uRest(0.1).spikingFunction(new Sigmoid()).trainable(true).build();
        LIF lif = LIF.builder().tauM(2.5).uRest(0.1).spikingFunction(new Sigmoid()).trainable(true).build();

        Tensor x1 = Tensor.variable(xv.dup());
        Tensor o1 = new Temporal(custom).forward(x1);
        o1.mul(Tensor.of(w)).sum().backward();
        Tensor x2 = Tensor.variable(xv.dup());
        Tensor o2 = new Temporal(lif).forward(x2);
        o2.mul(Tensor.of(w)).sum().backward();

        assertArrayEquals(o2.toFloatArray(), o1.toFloatArray(), 0f);
        assertArrayEquals(x2.grad().dup('c').data().asFloat(), x1.grad().dup('c').data().asFloat(), 1e-5f);
        double ref = lif.tauM().grad().getDouble(0);
        assertEquals(ref, custom.namedParameters().get("tau_m").grad().getDouble(0), 1e-5 * Math.max(1, Math.abs(ref)));
        assertTrue(Math.abs(ref) > 1e-3);
    }

    /** sum_n w_n h_T[n] of the soma simulated in double (soft reset), for finite differences. */
    private static double finalStateLoss(double[] x, double[] w, int steps, double tau, double gain, double uRest) {
        int n = w.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double h = uRest;
            for (int t = 0; t < steps; t++) {
                double u = h + (gain * x[t * n + i] - (h - uRest)) / tau;
                double o = u >= 1.0 ? 1 : 0;
                h = u - (1.0 - uRest) * o;
            }
            sum += h * w[i];
        }
        return sum;
    }

    @Test
    void parameterGradientsMatchFiniteDifferencesWhereTheSpikesAreStable() {
        int steps = 6;
        int n = 8;
        double tau = 1.8;
        double gain = 0.9;
        double uRest = 0.05;
        Nd4j.getRandom().setSeed(12);
        INDArray xv = Nd4j.rand(DataType.FLOAT, steps, n).muli(1.6f);
        double[] x = xv.dup('c').data().asDouble();
        double[] w = GradientCheck.randomWeights(new long[] {n}, 13).data().asDouble();

        ResponseSoma soma = leaky(tau, gain, true, uRest);
        Temporal temporal = new Temporal(soma, false);
        Tensor o = temporal.forward(Tensor.of(xv));
        double spikes = o.sum().item();
        assertTrue(spikes > 2 && spikes < steps * n - 2, "spike count " + spikes);
        // Rectangular(0.01) is zero unless |u - u_th| < 0.005; the check below requires the potentials to stay out
        // of that window, so the surrogate terms vanish and the graph gradient is the true derivative
        assertMarginFromThreshold(x, steps, n, tau, gain, uRest, 0.01);
        soma.state().mul(Tensor.of(Nd4j.create(w, new long[] {n}, 'c').castTo(DataType.FLOAT))).sum().backward();

        double eps = 1e-6;
        double dTau = (finalStateLoss(x, w, steps, tau + eps, gain, uRest)
                - finalStateLoss(x, w, steps, tau - eps, gain, uRest)) / (2 * eps);
        double dGain = (finalStateLoss(x, w, steps, tau, gain + eps, uRest)
                - finalStateLoss(x, w, steps, tau, gain - eps, uRest)) / (2 * eps);
        assertEquals(dTau, soma.namedParameters().get("tau").grad().getDouble(0), 1e-4 * Math.max(1, Math.abs(dTau)));
        assertEquals(dGain, soma.namedParameters().get("gain").grad().getDouble(0),
                1e-4 * Math.max(1, Math.abs(dGain)));
        assertTrue(Math.abs(dTau) > 1e-3 && Math.abs(dGain) > 1e-3);
    }

    private static void assertMarginFromThreshold(double[] x, int steps, int n, double tau, double gain, double uRest,
            double margin) {
        for (int i = 0; i < n; i++) {
            double h = uRest;
            for (int t = 0; t < steps; t++) {
                double u = h + (gain * x[t * n + i] - (h - uRest)) / tau;
                assertTrue(Math.abs(u - 1.0) > margin, "potential " + u + " too close to the threshold");
                h = u >= 1.0 ? u - (1.0 - uRest) : u;
            }
        }
    }

    @Test
    void optimiserUpdatesAndZeroesTheParameters() {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("gain", 1.0);
        ResponseSoma soma = ResponseSoma.builder((h, x, q) -> x.mul(q.get("gain")).sub(h).div(2.0).add(h), p)
                .spikingFunction(new Sigmoid()).trainable(true).build();
        Nd4j.getRandom().setSeed(2);
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 4, 3, 2).muli(2f));
        new Temporal(soma).forward(x).sum().backward();
        Tensor gain = soma.namedParameters().get("gain");
        assertTrue(Math.abs(gain.grad().getDouble(0)) > 1e-3, "gain received no gradient");
        new io.matterhorn.optim.SGD(soma.trainableParameters(), 0.1, 0, 0).step();
        assertTrue(Math.abs(gain.item() - 1.0) > 1e-4, "gain was not updated: " + gain.item());
        soma.zeroGrad();
        assertTrue(gain.grad() == null || gain.grad().getDouble(0) == 0, "gradient not cleared");
    }

    @Test
    void badArgumentsAndBadFunctionsAreReported() {
        assertThrows(IllegalArgumentException.class, () -> new ResponseSoma(null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new ResponseSoma((h, x, q) -> h, Map.of("a.b", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> new ResponseSoma((h, x, q) -> h, Map.of("a", Double.NaN)));
        ResponseSoma wrong = new ResponseSoma((h, x, q) -> h.sum(), Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> wrong.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 2, 3))));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }
}
