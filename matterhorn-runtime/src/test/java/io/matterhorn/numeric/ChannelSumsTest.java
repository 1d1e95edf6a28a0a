package io.matterhorn.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ChannelSums} against hand values and an independent double sum. */
class ChannelSumsTest {

    @Test
    void handValues() {
        // g [2, 2, 3] from offset 1: channel 0 rows (1, 2, 3) and (0.5, 0.5, 0.5); channel 1 rows (-1, 0, 4) and
        // (10, -10, 0.25)
        FloatBuffer g = FloatBuffer.wrap(new float[] {99, 1, 2, 3, -1, 0, 4, 0.5f, 0.5f, 0.5f, 10, -10, 0.25f});
        assertArrayEquals(new double[] {7.5, 3.25}, ChannelSums.sumsInJava(g, 1, 2, 2, 3), 0.0);
    }

    @Test
    void manySamplesAndRaggedRowsAgreeWithAPlainDoubleSum() {
        // N = 37 (16 blocks of 2 or 3 samples), plane 19 (two full lanes of 8 and a rest of 3)
        int n = 37;
        int c = 5;
        int plane = 19;
        Random rng = new Random(3);
        float[] v = new float[n * c * plane];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        double[] expected = new double[c];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    expected[ch] += v[(i * c + ch) * plane + p];
                }
            }
        }
        double[] actual = ChannelSums.sumsInJava(FloatBuffer.wrap(v), 0, n, c, plane);
        assertArrayEquals(expected, actual, 1e-9);
        assertArrayEquals(actual, ChannelSums.sums(FloatBuffer.wrap(v), 0, n, c, plane), 0.0, "installed or not");
        assertEquals(16, ChannelSums.blocks(n));
        assertArrayEquals(new double[c], ChannelSums.sumsInJava(FloatBuffer.wrap(v), 0, 0, c, plane), 0.0, "N = 0");
    }
}
