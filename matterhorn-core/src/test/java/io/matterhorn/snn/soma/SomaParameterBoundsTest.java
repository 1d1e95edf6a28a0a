package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.kernel.SomaSpec;
import io.matterhorn.neuron.ParameterBounds;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Soma parameters that make a step non-finite are refused when the soma is built (and by the kernel settings, the
 * native ones included), with the bound of {@link ParameterBounds} in the message.
 */
class SomaParameterBoundsTest {
    private static final double[] OUTSIDE = {1.4e-45, 1e-20, 1e19, 3.4e38};

    private static void refused(String name, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(name) && ex.getMessage().contains("[2^-63, 2^63]"), ex.getMessage());
    }

    @Test
    void everyOneVariableSomaRefusesATimeConstantOutsideTheBounds() {
        for (double bad : OUTSIDE) {
            refused("LIF tau_m", () -> LIF.builder().tauM(bad).build());
            refused("QIF tau_m", () -> QIF.builder().tauM(bad).build());
            refused("EIF tau_m", () -> EIF.builder().tauM(bad).build());
            refused("EIF delta_t", () -> EIF.builder().deltaT(bad).build());
            refused("KLIF tau_m", () -> KLIF.builder().tauM(bad).build());
            refused("LIAF tau_m", () -> LIAF.builder().tauM(bad).build());
            refused("tau_m", () -> new SomaSpec(NeuronKind.LIF, new float[] {(float) bad}, new Rectangular(2.0), 1f,
                    0f, true));
        }
        assertDoesNotThrow(() -> LIF.builder().tauM(ParameterBounds.MIN_TIME_CONSTANT).build());
        assertDoesNotThrow(() -> LIF.builder().tauM(ParameterBounds.MAX_TIME_CONSTANT).build());
    }

    @Test
    void aPerNeuronSomaRefusesATimeConstantOutsideTheBoundsInSteps() {
        ArrayLIF soma = ArrayLIF.leaky(new long[] {3}, 1e-3, null);
        soma.namedParameters().get("tau").value().assign(Nd4j.createFromArray(0.01f, 1.4e-45f, 0.01f));
        Tensor x = Tensor.of(Nd4j.ones(DataType.FLOAT, 2, 3));
        refused("tau/dt", () -> soma.forward(x));
    }
}
