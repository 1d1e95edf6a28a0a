package io.matterhorn.snn.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.GradientCheck;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DirectEncoder: [B, T, ...] to [T, B, ...] with values and gradient passed through. */
class DirectEncoderTest {

    @Test
    void swapsBatchAndTimeKeepingValues() {
        INDArray x = Nd4j.arange(2 * 3 * 4).castTo(DataType.FLOAT).reshape('c', 2, 3, 4);
        Tensor y = new DirectEncoder().forward(Tensor.of(x));
        assertArrayEquals(new long[] {3, 2, 4}, y.shape());
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                for (int i = 0; i < 4; i++) {
                    assertEquals(x.getFloat(b, t, i), y.value().getFloat(t, b, i), 0f);
                }
            }
        }
    }

    @Test
    void rankTwoInputBecomesTimeByBatch() {
        Tensor y = new DirectEncoder().forward(Tensor.of(Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)));
        assertArrayEquals(new long[] {3, 2}, y.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, y.toFloatArray(), 0f);
    }

    @Test
    void gradientFlowsBackSwapped() {
        INDArray x = GradientCheck.randomWeights(new long[] {3, 4, 2, 2}, 5);
        GradientCheck.checkOp("DirectEncoder", xs -> new DirectEncoder().forward(xs.get(0)), x);
    }

    @Test
    void keepsSpikeMarking() {
        Tensor spikes = Tensor.of(Nd4j.ones(DataType.FLOAT, 2, 5, 3)).markSpikeValued();
        assertTrue(new DirectEncoder().forward(spikes).isSpikeValued());
    }

    @Test
    void rejectsInputWithoutTimeAxis() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DirectEncoder().forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 5))));
        assertTrue(e.getMessage().contains("no time steps"), e.getMessage());
        assertTrue(e.getMessage().contains("[B, T, ...]"), e.getMessage());
    }

    @Test
    void isMultiStepOnly() {
        DirectEncoder enc = new DirectEncoder();
        assertTrue(enc.isMultiStep());
        assertFalse(enc.setStepMode(StepMode.SINGLE));
        assertTrue(enc.isMultiStep());
        assertEquals(List.of(), enc.parameters());
    }
}
