package io.matterhorn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** NmnistEventColumn's builder: defaults, every setter reaches the decoder's frames, messages of build(). */
class NmnistEventColumnBuilderTest {

    @Test
    void defaultsAreTwoChannelsOfTheFullSensor() {
        assertArrayEquals(new long[] {16, 2, 34, 34}, NmnistEventColumn.builder("content", 16).build().sampleShape());
    }

    @Test
    void everySetterReachesTheFrames() {
        NmnistEventColumn c = NmnistEventColumn.builder("content", 8).sourceColumn("path").polarity(false)
                .size(17, 17).build();
        assertArrayEquals(new long[] {8, 1, 17, 17}, c.sampleShape());
    }

    @Test
    void badValuesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NmnistEventColumn.builder(null, 8).build());
        assertTrue(e.getMessage().contains("column must not be null"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NmnistEventColumn.builder("content", 0).build());
        assertThrows(IllegalArgumentException.class, () -> NmnistEventColumn.builder("content", 8).size(0, 34)
                .build());
    }
}
