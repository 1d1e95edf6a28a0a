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
    void nonFiniteInputIsNamedByTheFusedPathAndLeavesTheStateAsItWas() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            LIF soma = new LIF();
            // one good sequence sets a state; the refused one must not change it
            float[] good = {0.9f, 1.7f, 0.2f, 0.6f, 1.1f, 0.4f};
            soma.forwardSequence(Tensor.of(Nd4j.create(good, new long[] {3, 2}, 'c')));
            float[] before = soma.state().value().dup().data().asFloat();
            float[] v = {0.3f, 0.1f, 0.2f, 0.5f, 0.7f, bad};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> soma.forwardSequence(Tensor.of(Nd4j.create(v, new long[] {3, 2}, 'c'))));
            assertTrue(e.getMessage().startsWith("LIF: input holds the non-finite value " + (double) bad
                    + " at flat index 5"), e.getMessage());
            assertArrayEquals(before, soma.state().value().dup().data().asFloat(), 0f, "state kept, x = " + bad);
            IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                    () -> soma.forward(Tensor.of(Nd4j.create(new float[] {0.5f, bad}, new long[] {2}, 'c'))));
            assertTrue(one.getMessage().startsWith("LIF: input holds the non-finite value " + (double) bad
                    + " at flat index 1"), one.getMessage());
            assertArrayEquals(before, soma.state().value().dup().data().asFloat(), 0f, "state kept, one step");
        }
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
