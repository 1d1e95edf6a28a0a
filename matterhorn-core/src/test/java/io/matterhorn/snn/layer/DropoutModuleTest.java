package io.matterhorn.snn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.io.Architecture;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The Dropout module: seeded masks in training, identity in evaluation, described by the architecture codec. */
class DropoutModuleTest {

    @Test
    void dropsInTrainingAndPassesInEvaluation() {
        Tensor x = Tensor.of(Nd4j.ones(DataType.FLOAT, 4, 50));
        float[] a = new Dropout(0.5, 3).forward(x).toFloatArray();
        float[] b = new Dropout(0.5, 3).forward(x).toFloatArray();
        assertArrayEquals(a, b, 0f, "same seed, same mask");
        int zeros = 0;
        for (float v : a) {
            assertTrue(v == 0f || v == 2f, "kept values are scaled by 1 / (1 - p): " + v);
            zeros += v == 0f ? 1 : 0;
        }
        assertTrue(zeros > 50 && zeros < 150, "about half of 200 dropped, got " + zeros);
        Module d = new Dropout(0.5, 3).eval();
        assertSame(x, d.forward(x));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1, 0));
    }

    @Test
    void architectureRoundTrip() {
        Module built = Architecture.build(Architecture.describe(new Dropout(0.25, 9)));
        Dropout d = (Dropout) built;
        assertEquals(0.25, d.p());
        assertEquals(9L, d.seed());
    }
}
