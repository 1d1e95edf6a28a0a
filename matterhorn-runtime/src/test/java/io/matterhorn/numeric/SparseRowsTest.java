package io.matterhorn.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SparseRows#compress} against a plain scan, for binary and non-binary inputs. */
class SparseRowsTest {

    /** The compressed form of a row-major matrix, spelled out: every non-zero, row by row, in column order. */
    private static void assertDescribes(float[] dense, int rows, int cols, SparseRows s, boolean binary) {
        assertEquals(rows, s.rows());
        assertEquals(cols, s.cols());
        int k = 0;
        for (int r = 0; r < rows; r++) {
            assertEquals(k, s.rowStart()[r], "start of row " + r);
            for (int c = 0; c < cols; c++) {
                float v = dense[r * cols + c];
                if (v != 0f) {
                    assertEquals(c, s.columns()[k], "column of entry " + k);
                    if (!binary) {
                        assertEquals(v, s.values()[k], "value of entry " + k);
                    }
                    k++;
                }
            }
        }
        assertEquals(k, s.rowStart()[rows]);
        assertEquals(k, s.nonZeros());
        if (binary) {
            assertNull(s.values(), "all non-zeros are 1: no value array");
        }
    }

    private static float[] spikes(int n, double density, long seed) {
        Random g = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = g.nextDouble() < density ? 1f : 0f;
        }
        return x;
    }

    @Test
    void spikesAreListedUpToTheLimitOfOnes() {
        int rows = 300;
        int cols = 70;
        float[] x = spikes(rows * cols, 0.2, 3);
        x[5] = -0f; // a zero, not a value other than 0 and 1
        int ones = 0;
        for (float v : x) {
            ones += v == 1f ? 1 : 0;
        }
        FloatBuffer b = FloatBuffer.wrap(x);
        assertDescribes(x, rows, cols, SparseRows.compressSpikesInJava(b, 0, rows, cols, ones), true);
        assertNull(SparseRows.compressSpikesInJava(b, 0, rows, cols, ones - 1), "one 1 over the limit");
        assertDescribes(x, rows, cols, SparseRows.compressSpikes(b, 0, rows, cols, Long.MAX_VALUE), true);
    }

    @Test
    void aValueOtherThanZeroOrOneListsNothing() {
        for (float other : new float[] {2f, 0.5f, -1f, Math.nextUp(1f), Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE}) {
            float[] x = spikes(40 * 30, 0.3, 4);
            x[1000] = other;
            assertNull(SparseRows.compressSpikesInJava(FloatBuffer.wrap(x), 0, 40, 30, Long.MAX_VALUE),
                    "value " + other);
        }
    }

    @Test
    void theDefaultOfAnAcceleratorChecksThenCompressesWithIt() {
        int rows = 50;
        int cols = 33;
        float[] x = spikes(3 + rows * cols, 0.1, 5);
        FloatBuffer b = FloatBuffer.wrap(x);
        int[] calls = {0};
        SparseRows.Accelerator a = (buf, off, r, c) -> {
            calls[0]++;
            return SparseRows.compressInJava(buf, off, r, c);
        };
        SparseRows expected = SparseRows.compressSpikesInJava(b, 3, rows, cols, Long.MAX_VALUE);
        SparseRows actual = a.compressSpikes(b, 3, rows, cols, Long.MAX_VALUE);
        assertArrayEquals(expected.rowStart(), actual.rowStart());
        assertArrayEquals(expected.columns(), actual.columns());
        assertNull(actual.values());
        assertEquals(1, calls[0], "the lists come from the accelerator's compress");
        assertNull(a.compressSpikes(b, 3, rows, cols, expected.nonZeros() - 1));
        assertEquals(1, calls[0], "nothing compressed over the limit");
    }

    @Test
    void binarySpikesHaveNoValueArray() {
        int rows = 1500;
        int cols = 70;
        float[] x = spikes(rows * cols, 0.2, 1);
        assertDescribes(x, rows, cols, SparseRows.compress(FloatBuffer.wrap(x), 0, rows, cols), true);
    }

    @Test
    void aValueOtherThanOneLateInAChunkKeepsTheEarlierOnes() {
        // 2000 rows: several threads' chunks and several 4096-float reads per chunk; the first non-binary value
        // comes after many binary rows of the same chunk, whose ones must then be stored as values
        int rows = 2000;
        int cols = 30;
        float[] x = spikes(rows * cols, 0.25, 2);
        x[1700 * cols + 3] = 0.5f;
        x[1999 * cols + 29] = -2f;
        SparseRows s = SparseRows.compress(FloatBuffer.wrap(x), 0, rows, cols);
        assertDescribes(x, rows, cols, s, false);
        assertEquals(1f, s.values()[0]);
    }

    @Test
    void offsetAndEmptyRows() {
        int rows = 5;
        int cols = 4;
        float[] x = new float[3 + rows * cols];
        x[0] = 9f;
        x[3 + 4 * cols + 1] = 1f;
        x[3 + 4 * cols + 3] = 1f;
        SparseRows s = SparseRows.compress(FloatBuffer.wrap(x), 3, rows, cols);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 2}, s.rowStart());
        assertArrayEquals(new int[] {1, 3}, s.columns());
        assertNull(s.values());
    }

    @Test
    void transposeOfARowRangeKeepsRowNumbersAndValues() {
        // rows: 0 -> {1: 2}, 1 -> {0: 1, 2: 3}, 2 -> {2: 4}, 3 -> {1: 5}
        SparseRows s = new SparseRows(4, 3, new int[] {0, 1, 3, 4, 5}, new int[] {1, 0, 2, 2, 1},
                new float[] {2, 1, 3, 4, 5});
        SparseRows t = s.transpose(1, 3);
        assertEquals(3, t.rows());
        assertEquals(4, t.cols());
        assertArrayEquals(new int[] {0, 1, 1, 3}, t.rowStart());
        assertArrayEquals(new int[] {1, 1, 2}, t.columns());
        assertArrayEquals(new float[] {1, 3, 4}, t.values());
        SparseRows all = s.transpose();
        assertArrayEquals(new int[] {0, 1, 3, 5}, all.rowStart());
        assertArrayEquals(new int[] {1, 0, 3, 1, 2}, all.columns());
        assertArrayEquals(new float[] {1, 2, 5, 3, 4}, all.values());
        assertEquals(0, s.transpose(2, 2).nonZeros());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> s.transpose(3, 5));
    }
}
