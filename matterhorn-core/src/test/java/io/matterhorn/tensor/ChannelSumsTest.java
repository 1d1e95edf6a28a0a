package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The bias gradient of a convolution, {@code sum over n and positions of g[n, c, ...]}, against a float64 loop. */
class ChannelSumsTest {

    private static void check(int n, int c, int plane, DataType type) {
        Random rng = new Random(n * 31L + c);
        double[] v = new double[n * c * plane];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        INDArray g = Nd4j.create(v, new long[] {n, c, plane}, 'c').castTo(type);
        double[] stored = g.castTo(DataType.DOUBLE).data().asDouble();
        INDArray sums = ConvBias.channelSums(g);
        assertEquals(type, sums.dataType());
        for (int ch = 0; ch < c; ch++) {
            double expected = 0;
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < plane; p++) {
                    expected += stored[(i * c + ch) * plane + p];
                }
            }
            assertEquals(expected, sums.getDouble(ch), 1e-4 * Math.sqrt(n * plane), "channel " + ch);
        }
    }

    @Test
    void float32OverManySampleBlocksAndOddPlanes() {
        // 37 samples: 16 blocks of 2 or 3 samples; plane 7 leaves a remainder after the four-way sum
        check(37, 5, 7, DataType.FLOAT);
        check(1, 3, 2, DataType.FLOAT);
        check(300, 4, 25, DataType.FLOAT);
    }

    @Test
    void float64() {
        check(9, 3, 10, DataType.DOUBLE);
    }

    @Test
    void handValues() {
        INDArray g = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new long[] {2, 2, 2}, 'c');
        INDArray s = ConvBias.channelSums(g);
        assertEquals(1 + 2 + 5 + 6, s.getDouble(0), 0);
        assertEquals(3 + 4 + 7 + 8, s.getDouble(1), 0);
    }
}
