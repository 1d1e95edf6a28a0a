package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The 1.0.1 Izhikevich soma (constructs, two-variable state, gradients to a and b) and the standard model. */
class IzhikevichTest {

    private static Tensor step(float v) {
        return Tensor.of(Nd4j.create(new float[] {v}, new long[] {1}, 'c'));
    }

    @Test
    void constructsAndRegistersTauAAndB() {
        Izhikevich soma = new Izhikevich();
        assertEquals(List.of("tau_m", "a", "b"), List.copyOf(soma.namedParameters().keySet()));
        assertNull(soma.recovery());
        assertTrue(soma.toString().contains("Izhikevich"));
    }

    /**
     * Soft reset, inputs that keep u a few units above the threshold (always firing, surrogate zero there): h_2 is
     * a smooth function of a and b with dh_2/da = -(h_1) b and dh_2/db = -(h_1) a.
     */
    @Test
    void recoveryCarriesGradientsToAAndB() {
        Izhikevich soma = Izhikevich.builder().a(0.5).b(0.3).hardReset(false).trainable(true).build();
        Tensor x = Tensor.of(Nd4j.create(new float[] {-135f, -160f}, new long[] {2, 1}, 'c'));
        Tensor o = new Temporal(soma, false).forward(x);
        assertArrayEquals(new double[] {1, 1}, o.toDoubleArray(), 0);
        // u1 = 140 - 135 = 5, h1 = 4; w2 = a b h1 = 0.6; u2 = 4 + 0.64 + 20 + 140 - 0.6 - 160 = 4.04, h2 = 3.04
        assertEquals(3.04, soma.state().item(), 1e-4);
        assertEquals(0.6, soma.recovery().item(), 1e-6);
        soma.state().sum().backward();
        assertEquals(-4 * 0.3, soma.a().grad().getDouble(0), 1e-5);
        assertEquals(-4 * 0.5, soma.b().grad().getDouble(0), 1e-5);
        assertTrue(soma.tauM().grad() == null || soma.tauM().grad().getDouble(0) == 0, "tau_m is unused");
    }

    @Test
    void resetAndDetachHandleBothVariables() {
        Izhikevich soma = Izhikevich.builder().a(0.5).b(0.3).hardReset(false).trainable(true).build();
        soma.forward(step(-135f));
        soma.forward(step(-160f));
        soma.detach();
        assertTrue(soma.state().isLeaf() && soma.recovery().isLeaf());
        assertEquals(0.6, soma.recovery().item(), 1e-6);
        soma.reset();
        assertNull(soma.state());
        assertNull(soma.recovery());
    }

    /** Plain double Euler simulation of the standard model; returns the spike steps. */
    private static List<Integer> reference(double a, double b, double c, double d, double input, int steps) {
        List<Integer> spikes = new ArrayList<>();
        double v = c;
        double w = b * c;
        for (int t = 0; t < steps; t++) {
            double vn = v + (0.04 * v * v + 5 * v + 140 - w + input);
            double wn = w + a * (b * v - w);
            if (vn >= 30) {
                vn = c;
                wn += d;
                spikes.add(t);
            }
            v = vn;
            w = wn;
        }
        return spikes;
    }

    @Test
    void regularSpikingNeuronFiresPeriodicallyUnderConstantInput() {
        int steps = 200;
        IzhikevichStandard soma = new IzhikevichStandard();
        Tensor x = Tensor.of(Nd4j.valueArrayOf(new long[] {steps, 1}, 10f, DataType.FLOAT));
        double[] o = new Temporal(soma).forward(x).toDoubleArray();
        List<Integer> spikes = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            assertTrue(o[t] == 0 || o[t] == 1);
            if (o[t] == 1) {
                spikes.add(t);
            }
        }
        assertEquals(reference(0.02, 0.2, -65, 8, 10, steps), spikes);
        assertTrue(spikes.size() >= 5, "spikes at " + spikes);
        // regular spiking: the intervals grow (adaptation) and settle to a constant period
        int n = spikes.size();
        int last = spikes.get(n - 1) - spikes.get(n - 2);
        int before = spikes.get(n - 2) - spikes.get(n - 3);
        assertTrue(Math.abs(last - before) <= 1, "intervals " + spikes);
        assertTrue(spikes.get(1) - spikes.get(0) <= last, "no adaptation: " + spikes);
    }

    @Test
    void standardNeuronRestsWithoutInputAndTrainsD() {
        IzhikevichStandard quiet = new IzhikevichStandard();
        Tensor zero = Tensor.of(Nd4j.zeros(DataType.FLOAT, 100, 1));
        assertEquals(0.0, new Temporal(quiet).forward(zero).sum().item(), 0);

        IzhikevichStandard soma = IzhikevichStandard.builder().trainable(true).spikingFunction(new Rectangular(10))
                .build();
        Tensor x = Tensor.of(Nd4j.valueArrayOf(new long[] {60, 1}, 10f, DataType.FLOAT));
        Temporal temporal = new Temporal(soma, false);
        temporal.forward(x);
        soma.state().sum().backward();
        assertNotNull(soma.namedParameters().get("d").grad(), "d must receive a gradient through w");
        assertTrue(Math.abs(soma.namedParameters().get("d").grad().getDouble(0)) > 1e-6);
    }
}
