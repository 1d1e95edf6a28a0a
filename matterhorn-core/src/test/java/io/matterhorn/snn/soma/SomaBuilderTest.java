package io.matterhorn.snn.soma;

import static io.matterhorn.BuilderAssertions.rejects;
import static io.matterhorn.BuilderAssertions.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The shared soma builder: its defaults, that every setter reaches the soma, and the messages of build(). */
class SomaBuilderTest {

    private static void assertShared(Soma s, double uTh, double uRest, Surrogate f, boolean hard) {
        assertEquals(uTh, s.uThreshold(), 0, "u_threshold");
        assertEquals(uRest, s.uRest(), 0, "u_rest");
        assertEquals(f, s.spikingFunction(), "spiking function");
        assertEquals(hard, s.hardReset(), "hard reset");
    }

    private static void assertScalars(Soma s, Map<String, Double> expected, boolean trainable) {
        Map<String, Tensor> named = s.namedParameters();
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(named.keySet()), "parameter names and order");
        expected.forEach((name, value) -> {
            assertEquals(value, named.get(name).item(), 1e-6, name);
            assertEquals(trainable, named.get(name).requiresGrad(), name + " trainable");
        });
    }

    @Test
    void theSharedDefaultsAreThoseOfOneOhOne() {
        Rectangular rect = new Rectangular();
        for (Supplier<Soma> s : List.<Supplier<Soma>>of(() -> LIF.builder().build(), () -> IF.builder().build(),
                () -> QIF.builder().build(), () -> EIF.builder().build(), () -> LIAF.builder().build(),
                () -> ResponseSoma.builder((h, x, p) -> x, Map.of()).build())) {
            assertShared(s.get(), 1.0, 0.0, rect, true);
        }
        assertShared(KLIF.builder().build(), 1.0, 0.0, null, true);
        assertShared(Izhikevich.builder().build(), 1.0, 0.0, rect, true);
        assertShared(IzhikevichStandard.builder().build(), 30.0, -65.0, rect, true);
    }

    @Test
    void eachSomasOwnDefaultsMatchItsNoArgumentConstructor() {
        assertScalars(LIF.builder().build(), values("tau_m", 2), false);
        assertScalars(IF.builder().build(), values("tau_m", 1), false);
        assertScalars(QIF.builder().build(), values("tau_m", 2, "a_0", 1, "u_c", 0.8), false);
        assertScalars(EIF.builder().build(), values("tau_m", 2, "delta_t", 1, "u_t", 8), false);
        assertScalars(KLIF.builder().build(), values("tau_m", 1, "k", 0.2), false);
        assertScalars(LIAF.builder().build(), values("tau_m", 1), false);
        assertSame(Activation.relu(), LIAF.builder().build().activation());
        assertScalars(Izhikevich.builder().build(), values("tau_m", 1, "a", 1, "b", 1), false);
        IzhikevichStandard rs = IzhikevichStandard.builder().build();
        assertScalars(rs, values("a", 0.02, "b", 0.2, "d", 8), false);
        assertEquals(1.0, rs.dt(), 0);
        for (Soma[] pair : new Soma[][] {{new LIF(), LIF.builder().build()}, {new IF(), IF.builder().build()},
                {new QIF(), QIF.builder().build()}, {new EIF(), EIF.builder().build()},
                {new KLIF(), KLIF.builder().build()}, {new LIAF(), LIAF.builder().build()},
                {new Izhikevich(), Izhikevich.builder().build()},
                {new IzhikevichStandard(), IzhikevichStandard.builder().build()}}) {
            assertEquals(pair[0].toString(), pair[1].toString(), pair[0].getClass().getSimpleName());
        }
    }

    @Test
    void everySharedSetterReachesEverySoma() {
        Sigmoid sigmoid = new Sigmoid();
        assertShared(LIF.builder().uThreshold(0.5).uRest(-0.25).spikingFunction(sigmoid).hardReset(false).build(),
                0.5, -0.25, sigmoid, false);
        assertShared(IF.builder().uThreshold(0.5).uRest(-0.25).spikingFunction(sigmoid).hardReset(false).build(),
                0.5, -0.25, sigmoid, false);
        assertShared(QIF.builder().uThreshold(0.5).uRest(-0.25).spikingFunction(sigmoid).hardReset(false).build(),
                0.5, -0.25, sigmoid, false);
        assertShared(EIF.builder().uThreshold(0.5).uRest(-0.25).spikingFunction(sigmoid).hardReset(false).build(),
                0.5, -0.25, sigmoid, false);
        assertShared(LIAF.builder().uThreshold(0.5).uRest(-0.25).spikingFunction(sigmoid).hardReset(false).build(),
                0.5, -0.25, sigmoid, false);
        assertShared(KLIF.builder().uThreshold(0.5).uRest(-0.25).hardReset(false).build(), 0.5, -0.25, null, false);
        assertShared(Izhikevich.builder().uThreshold(0.5).spikingFunction(sigmoid).hardReset(false).build(), 0.5,
                0.0, sigmoid, false);
        assertShared(IzhikevichStandard.builder().uThreshold(25).uRest(-60).spikingFunction(sigmoid).build(), 25,
                -60, sigmoid, true);
        assertShared(ResponseSoma.builder((h, x, p) -> x, Map.of()).uThreshold(0.5).uRest(-0.25)
                .spikingFunction(sigmoid).hardReset(false).build(), 0.5, -0.25, sigmoid, false);
    }

    @Test
    void everyOwnSetterAndTrainableReachTheSoma() {
        assertScalars(LIF.builder().tauM(3).trainable(true).build(), values("tau_m", 3), true);
        assertScalars(QIF.builder().tauM(3).a0(-0.5).uC(0.4).trainable(true).build(),
                values("tau_m", 3, "a_0", -0.5, "u_c", 0.4), true);
        assertScalars(EIF.builder().tauM(3).deltaT(0.5).uT(2).trainable(true).build(),
                values("tau_m", 3, "delta_t", 0.5, "u_t", 2), true);
        assertScalars(KLIF.builder().tauM(3).k(0.7).trainable(true).build(), values("tau_m", 3, "k", 0.7), true);
        LIAF liaf = LIAF.builder().tauM(3).activation(Activation.tanh()).trainable(true).build();
        assertScalars(liaf, values("tau_m", 3), true);
        assertSame(Activation.tanh(), liaf.activation());
        assertScalars(Izhikevich.builder().a(0.3).b(-0.7).trainable(true).build(),
                values("tau_m", 1, "a", 0.3, "b", -0.7), true);
        IzhikevichStandard fs = IzhikevichStandard.builder().a(0.1).b(0.25).c(-70).d(2).vPeak(35).dt(0.5)
                .trainable(true).build();
        assertScalars(fs, values("a", 0.1, "b", 0.25, "d", 2), true);
        assertEquals(-70, fs.uRest(), 0, "c is u_rest");
        assertEquals(35, fs.uThreshold(), 0, "v_peak is u_th");
        assertEquals(0.5, fs.dt(), 0);
        ResponseSoma custom = ResponseSoma.builder((h, x, p) -> x, values("g", 2, "tau", 4)).trainable(true).build();
        assertScalars(custom, values("g", 2, "tau", 4), true);
        assertFalse(ResponseSoma.builder((h, x, p) -> x, values("g", 2)).build().namedParameters().get("g")
                .requiresGrad());
    }

    @Test
    void theBuilderReportsWhatWasSet() {
        Sigmoid sigmoid = new Sigmoid();
        LIF.Builder b = LIF.builder();
        assertEquals(1.0, b.uThreshold(), 0);
        assertEquals(0.0, b.uRest(), 0);
        assertEquals(new Rectangular(), b.spikingFunction());
        assertTrue(b.hardReset());
        assertFalse(b.trainable());
        b.uThreshold(0.5).uRest(0.1).spikingFunction(sigmoid).hardReset(false).trainable(true);
        assertEquals(0.5, b.uThreshold(), 0);
        assertEquals(0.1, b.uRest(), 0);
        assertSame(sigmoid, b.spikingFunction());
        assertFalse(b.hardReset());
        assertTrue(b.trainable());
        assertNull(KLIF.builder().spikingFunction());
        assertEquals(-65.0, IzhikevichStandard.builder().uRest(), 0);
    }

    @Test
    void oneBuilderBuildsIndependentSomasWithTheValuesOfTheMoment() {
        LIF.Builder b = LIF.builder().tauM(3);
        LIF first = b.build();
        LIF second = b.tauM(5).build();
        assertNotSame(first.tauM(), second.tauM());
        assertEquals(3, first.tauM().item(), 0);
        assertEquals(5, second.tauM().item(), 0);
    }

    @Test
    void buildNamesTheSomaAndTheBadSetting() {
        rejects("LIF tau_m", () -> LIF.builder().tauM(0).build());
        rejects("LIF u_threshold must be a finite number", () -> LIF.builder().uThreshold(Double.NaN).build());
        rejects("QIF u_rest must be a finite number", () -> QIF.builder().uRest(Double.NEGATIVE_INFINITY).build());
        rejects("EIF: spiking function must not be null", () -> EIF.builder().spikingFunction(null).build());
        rejects("ResponseSoma: response function must not be null",
                () -> ResponseSoma.builder(null, Map.of()).build());
        rejects("ResponseSoma: parameter map must not be null", () -> ResponseSoma.builder((h, x, p) -> x, null)
                .build());
        rejects("LIAF: activation must not be null", () -> LIAF.builder().activation(null).build());
        rejects("IzhikevichStandard dt", () -> IzhikevichStandard.builder().dt(-1).build());
    }

    @Test
    void aSettingTheSomaFixesIsRejected() {
        rejects("KLIF: spiking function cannot be set", () -> KLIF.builder().spikingFunction(new Sigmoid()).build());
        rejects("IF: trainable cannot be set", () -> IF.builder().trainable(true).build());
        rejects("Izhikevich: u_rest cannot be set", () -> Izhikevich.builder().uRest(-1).build());
        rejects("IzhikevichStandard: hard reset cannot be set", () -> IzhikevichStandard.builder().hardReset(false)
                .build());
        IF.builder().trainable(false).build();
        Izhikevich.builder().uRest(0.0).build();
    }
}
