package io.matterhorn.nir.module;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** LinearPool2d.sum and LinearPool2d.mean: the window sum and mean without binarisation. */
class LinearPool2dFactoryTest {

    @Test
    void sumAddsAndMeanAveragesTheWindow() {
        Tensor x = Tensor.of(Nd4j.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
                new long[] {1, 1, 4, 4}, 'c').castTo(DataType.FLOAT));
        LinearPool2d sum = LinearPool2d.sum(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
        LinearPool2d mean = LinearPool2d.mean(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
        assertTrue(sum.isSum());
        assertFalse(mean.isSum());
        assertArrayEquals(new int[] {2, 2}, sum.kernel());
        assertArrayEquals(new float[] {14, 22, 46, 54}, sum.forward(x).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, mean.forward(x).toFloatArray(), 1e-6f);
    }
}
