package io.matterhorn.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link FloatTranspose}: against hand-written transposes, for row counts around its four-row passes. */
class FloatTransposeTest {

    @Test
    void transposesBlocksOfEveryRowRemainder() {
        float[] src = {1, 2, 3, 4, 5, 6};
        float[] dst = new float[6];
        FloatTranspose.transpose(src, 2, 3, dst);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, dst);
        for (int rows = 0; rows <= 9; rows++) {
            int cols = 3;
            float[] a = new float[rows * cols];
            float[] expected = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    a[r * cols + c] = 10 * r + c;
                    expected[c * rows + r] = 10 * r + c;
                }
            }
            float[] out = new float[rows * cols];
            FloatTranspose.transpose(a, rows, cols, out);
            assertArrayEquals(expected, out, "rows=" + rows);
        }
    }

    @Test
    void shortArraysAndNegativeSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FloatTranspose.transpose(new float[5], 2, 3, new float[6]));
        assertThrows(IllegalArgumentException.class, () -> FloatTranspose.transpose(new float[6], 2, 3, new float[5]));
        assertThrows(IllegalArgumentException.class, () -> FloatTranspose.transpose(new float[6], -2, 3, new float[6]));
    }
}
