package io.matterhorn.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link FloatBits} against the plain comparisons, including the special values. */
class FloatBitsTest {

    @Test
    void nonZero() {
        float[] zero = {0f, -0f};
        float[] nonZero = {1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, 0.5f, Float.MAX_VALUE, Float.NaN,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.0000001f};
        for (float v : zero) {
            assertEquals(0, FloatBits.nonZero(v), "value " + v);
        }
        for (float v : nonZero) {
            assertEquals(1, FloatBits.nonZero(v), "value " + v);
        }
    }

    @Test
    void notOne() {
        assertEquals(0, FloatBits.notOne(1f));
        for (float v : new float[] {0f, -0f, -1f, 0.99999994f, 1.0000001f, 2f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertEquals(1, FloatBits.notOne(v), "value " + v);
        }
    }
}
