package io.matterhorn.snn.soma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.container.Temporal;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Errors a soma reports for bad input, and constructor validation. */
class SomaInputValidationTest {

    @Test
    void nanInputToTheFusedKernelIsRejected() {
        float[] v = new float[12];
        v[7] = Float.NaN;
        Tensor x = Tensor.of(Nd4j.create(v, new long[] {3, 2, 2}, 'c'));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Temporal(new LIF()).forward(x));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void differentBatchSizeWithoutResetIsRejected() {
        Temporal temporal = new Temporal(new LIF(), false);
        temporal.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 4, 3, 5)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> temporal.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 4, 2, 5))));
        assertTrue(e.getMessage().contains("[3, 5]"), e.getMessage());
        temporal.reset();
        assertDoesNotThrow(() -> temporal.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 4, 2, 5))));
    }

    @Test
    void differentBatchSizeInSingleStepCallsIsRejected() {
        IF soma = new IF();
        soma.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 3, 5)));
        assertThrows(IllegalStateException.class, () -> soma.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 2, 5))));
        soma.reset();
        assertArrayEquals(new long[] {2, 5}, soma.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 2, 5))).shape());
    }

    @Test
    void sequenceMustHaveATimeAxis() {
        LIF soma = new LIF();
        assertThrows(IllegalArgumentException.class,
                () -> soma.forwardSequence(Tensor.of(Nd4j.rand(DataType.FLOAT, 5))));
    }

    @Test
    void invalidConstructorArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LIF.builder().tauM(0).build());
        assertThrows(IllegalArgumentException.class, () -> LIF.builder().tauM(-2).build());
        assertThrows(IllegalArgumentException.class, () -> LIF.builder().tauM(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> LIF.builder().uThreshold(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> IF.builder().uRest(Double.POSITIVE_INFINITY).build());
        assertThrows(IllegalArgumentException.class, () -> IF.builder().spikingFunction(null).build());
    }

    @Test
    void trainableFlagControlsTauGradient() {
        assertTrue(LIF.builder().trainable(true).build().tauM().requiresGrad());
        assertTrue(!new LIF().tauM().requiresGrad());
        assertTrue(!new IF().namedParameters().get("tau_m").requiresGrad());
    }
}
