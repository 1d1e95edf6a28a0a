package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Constructor validation, parameter names and the 1.0.1 crash fixes of the nonlinear somas (QIF, EIF, Izhikevich,
 * IzhikevichStandard) and the analog-output somas (KLIF, LIAF).
 */
class NonlinearAndAnalogSomaValidationTest {

    private static void rejects(String expectedInMessage, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(expectedInMessage), ex.getMessage());
    }

    @Test
    void timeConstantsMustBePositiveAndFinite() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            rejects("tau_m", () -> QIF.builder().tauM(bad).build());
            rejects("tau_m", () -> EIF.builder().tauM(bad).build());
            rejects("tau_m", () -> KLIF.builder().tauM(bad).build());
            rejects("tau_m", () -> LIAF.builder().tauM(bad).build());
            rejects("delta_t", () -> EIF.builder().deltaT(bad).build());
            rejects("dt", () -> IzhikevichStandard.builder().dt(bad).build());
        }
    }

    @Test
    void otherParametersMustBeFinite() {
        rejects("u_c", () -> QIF.builder().uC(Double.NaN).build());
        rejects("a_0", () -> QIF.builder().a0(Double.NaN).build());
        rejects("u_t", () -> EIF.builder().uT(Double.NaN).build());
        rejects("k", () -> KLIF.builder().k(Double.NaN).build());
        rejects("u_threshold", () -> LIAF.builder().uThreshold(Double.NaN).build());
        rejects("u_rest", () -> KLIF.builder().uRest(Double.POSITIVE_INFINITY).build());
        rejects("a", () -> Izhikevich.builder().a(Double.NaN).build());
        rejects("d", () -> IzhikevichStandard.builder().d(Double.NaN).build());
        rejects("activation", () -> LIAF.builder().activation(null).build());
        rejects("spiking function", () -> QIF.builder().spikingFunction(null).build());
    }

    @Test
    void trainableScalarsHaveThe101Names() {
        assertEquals(List.of("tau_m", "a_0", "u_c"), List.copyOf(new QIF().namedParameters().keySet()));
        assertEquals(List.of("tau_m", "delta_t", "u_t"), List.copyOf(new EIF().namedParameters().keySet()));
        assertEquals(List.of("tau_m", "k"), List.copyOf(new KLIF().namedParameters().keySet()));
        assertEquals(List.of("tau_m"), List.copyOf(new LIAF().namedParameters().keySet()));
        assertEquals(List.of("a", "b", "d"), List.copyOf(new IzhikevichStandard().namedParameters().keySet()));
        assertTrue(QIF.builder().trainable(true).build().namedParameters().values().stream()
                .allMatch(Tensor::requiresGrad));
        assertTrue(new EIF().namedParameters().values().stream().noneMatch(Tensor::requiresGrad));
    }

    /** 1.0.1's integer defaults made KLIF(trainable=True) crash (docs/differences-from-1.0.1.md #2). */
    @Test
    void trainableKlifWithDefaultsWorks() {
        KLIF soma = KLIF.builder().trainable(true).build();
        assertEquals(DataType.FLOAT, soma.tauM().dataType());
        assertNull(soma.spikingFunction());
        Tensor x = Tensor.of(Nd4j.create(new float[] {0.5f, 2f, 6f, 0f}, new long[] {4, 1}, 'c'));
        new Temporal(soma).forward(x).sum().backward();
        assertTrue(Math.abs(soma.k().grad().getDouble(0)) > 0);
        assertTrue(soma.toString().startsWith("KLIF("), soma.toString());
    }

    @Test
    void nanInputIsRejectedByTheAnalogKernel() {
        float[] v = new float[6];
        v[4] = Float.NaN;
        Tensor x = Tensor.of(Nd4j.create(v, new long[] {3, 2}, 'c'));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Temporal(new KLIF()).forward(x));
        assertTrue(e.getMessage().contains("KLIF") && e.getMessage().contains("NaN"), e.getMessage());
    }
}
