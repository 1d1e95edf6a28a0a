package io.matterhorn.snn.encoder;

import static io.matterhorn.BuilderAssertions.rejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.Matterhorn;
import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** TemporalEncoder's builder: 1.0.1's defaults, every setter reaches the encoder, messages of build(). */
class TemporalEncoderBuilderTest {

    @Test
    void defaultsAreThoseOfOneOhOne() {
        TemporalEncoder e = TemporalEncoder.builder(5).seed(3).build();
        assertEquals(5, e.timeSteps());
        assertEquals(1.0, e.maxValue(), 0);
        assertEquals(0.0, e.minValue(), 0);
        assertEquals(0.75, e.prob(), 0);
        assertTrue(e.resetAfterProcess());
        assertEquals(3L, e.seed());
        TemporalEncoder two = new TemporalEncoder(5, 3);
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 4, 6));
        assertArrayEquals(two.forward(x).toFloatArray(), e.forward(x).toFloatArray(), 0f,
                "the same as the (T, seed) constructor");
    }

    @Test
    void withoutASeedTheGlobalSeedDecides() {
        Matterhorn.seed(11);
        long first = TemporalEncoder.builder(3).build().seed();
        Matterhorn.seed(11);
        assertEquals(first, TemporalEncoder.builder(3).build().seed());
        Matterhorn.seed(11);
        assertEquals(first, new TemporalEncoder(3).seed(), "as TemporalEncoder(T)");
    }

    @Test
    void everySetterReachesTheEncoder() {
        TemporalEncoder e = TemporalEncoder.builder(4).maxValue(3).minValue(-1).prob(0.5).resetAfterProcess(false)
                .seed(9).build();
        assertEquals(3.0, e.maxValue(), 0);
        assertEquals(-1.0, e.minValue(), 0);
        assertEquals(0.5, e.prob(), 0);
        assertFalse(e.resetAfterProcess());
        assertEquals(9L, e.seed());
    }

    @Test
    void buildNamesTheBadSetting() {
        rejects("timeSteps must be positive, got 0", () -> TemporalEncoder.builder(0).build());
        rejects("maxValue (1.0) must be a finite number greater than minValue (2.0)",
                () -> TemporalEncoder.builder(3).minValue(2).build());
        rejects("prob must be in [0, 1], got 1.5", () -> TemporalEncoder.builder(3).prob(1.5).build());
    }
}
