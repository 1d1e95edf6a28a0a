package io.matterhorn.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link NarrowMatmul} against the product summed in float64. */
class NarrowMatmulTest {

    private static void check(int n, int k, int m, long seed) {
        Random g = new Random(seed);
        float[] a = new float[2 + n * k];
        for (int i = 2; i < a.length; i++) {
            a[i] = g.nextInt(4) == 0 ? 0f : (float) g.nextGaussian();
        }
        float[][] b = new float[k][m];
        for (float[] row : b) {
            for (int j = 0; j < m; j++) {
                row[j] = (float) g.nextGaussian();
            }
        }
        float[] c = new float[1 + n * m];
        NarrowMatmul.multiply(FloatBuffer.wrap(a), 2, n, k, b, FloatBuffer.wrap(c), 1);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < m; j++) {
                double expected = 0;
                for (int q = 0; q < k; q++) {
                    expected += (double) a[2 + r * k + q] * b[q][j];
                }
                assertEquals(expected, c[1 + r * m + j], 1e-5 * (1 + Math.abs(expected)), "C[" + r + ", " + j + "]");
            }
        }
    }

    @Test
    void smallProduct() {
        check(3, 2, 5, 1);
    }

    @Test
    void classifierGradientShapeSplitAcrossThreads() {
        check(1200, 10, 80, 2);
    }

    @Test
    void hand() {
        float[] c = new float[4];
        NarrowMatmul.multiply(FloatBuffer.wrap(new float[] {1, 2, 0, -1}), 0, 2, 2,
                new float[][] {{1, 10}, {100, 1000}}, FloatBuffer.wrap(c), 0);
        assertEquals(201f, c[0]);
        assertEquals(2010f, c[1]);
        assertEquals(-100f, c[2]);
        assertEquals(-1000f, c[3]);
    }
}
