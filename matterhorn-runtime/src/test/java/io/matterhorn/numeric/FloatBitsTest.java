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
    void allFiniteFindsEveryNonFiniteValueAnywhere() {
        int n = 300_000; // several parallel chunks of 65,536 and several 4096-element blocks each
        java.nio.IntBuffer bits = java.nio.IntBuffer.allocate(n + 5);
        for (int i = 0; i < n + 5; i++) {
            bits.put(i, Float.floatToRawIntBits(i % 7 == 0 ? Float.MAX_VALUE : -1.5f * i));
        }
        org.junit.jupiter.api.Assertions.assertTrue(FloatBits.allFiniteInJava(bits, 5, n), "finite, incl. MAX_VALUE");
        for (int at : new int[] {5, 70_000, n + 4}) {
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                int saved = bits.get(at);
                bits.put(at, Float.floatToRawIntBits(bad));
                org.junit.jupiter.api.Assertions.assertFalse(FloatBits.allFiniteInJava(bits, 5, n), bad + " at " + at);
                bits.put(at, saved);
            }
        }
        // outside the checked range it does not count
        bits.put(2, Float.floatToRawIntBits(Float.NaN));
        org.junit.jupiter.api.Assertions.assertTrue(FloatBits.allFiniteInJava(bits, 5, n));
    }

    @Test
    void allFiniteReadsNativeOrderBytes() {
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocateDirect(4 * 10).order(java.nio.ByteOrder.nativeOrder());
        for (int i = 0; i < 10; i++) {
            raw.putFloat(4 * i, i - 4.5f);
        }
        org.junit.jupiter.api.Assertions.assertTrue(FloatBits.allFinite(raw, 0, 10));
        raw.putFloat(4 * 9, Float.NEGATIVE_INFINITY);
        org.junit.jupiter.api.Assertions.assertFalse(FloatBits.allFinite(raw, 0, 10));
        org.junit.jupiter.api.Assertions.assertTrue(FloatBits.allFinite(raw, 2, 7), "elements 2..8");
    }

    @Test
    void nonZerosCountsAcrossChunks() {
        int n = 200_000; // several parallel chunks of 65,536
        java.nio.FloatBuffer x = java.nio.FloatBuffer.allocate(n + 3);
        long expected = 0;
        for (int i = 0; i < n + 3; i++) {
            float v = i % 5 == 0 ? 0f : i % 7 == 0 ? -0f : i % 11 == 0 ? Float.NaN : i % 3 == 0 ? 0.25f : 0f;
            x.put(i, v);
            if (i >= 3 && v != 0f || i >= 3 && Float.isNaN(v)) {
                expected++;
            }
        }
        assertEquals(expected, FloatBits.nonZerosInJava(x, 3, n));
        assertEquals(expected, FloatBits.nonZeros(x, 3, n));
    }

    @Test
    void notOne() {
        assertEquals(0, FloatBits.notOne(1f));
        for (float v : new float[] {0f, -0f, -1f, 0.99999994f, 1.0000001f, 2f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertEquals(1, FloatBits.notOne(v), "value " + v);
        }
    }
}
