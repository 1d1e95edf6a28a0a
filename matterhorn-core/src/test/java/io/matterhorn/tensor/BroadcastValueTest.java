package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Forward values of broadcasting binary operations, with the operand order that matters for sub and div. */
class BroadcastValueTest {

    private static Tensor t(double[] v, long... shape) {
        return Tensor.of(Nd4j.create(v, shape, 'c'));
    }

    @Test
    void leftVectorMinusThreeDimensionalTensor() {
        Tensor v = t(new double[] {10, 20}, 2);
        Tensor x = t(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
        Tensor y = v.sub(x);
        assertArrayEquals(new long[] {2, 2, 2}, y.shape());
        assertArrayEquals(new double[] {9, 18, 7, 16, 5, 14, 3, 12}, y.toDoubleArray(), 1e-12);
    }

    @Test
    void rightVectorDividesLastDimension() {
        Tensor x = t(new double[] {2, 8, 4, 16, 6, 24}, 3, 2);
        Tensor y = x.div(t(new double[] {2, 8}, 2));
        assertArrayEquals(new double[] {1, 1, 2, 2, 3, 3}, y.toDoubleArray(), 1e-12);
    }

    @Test
    void oneElementOperandsKeepOperandOrder() {
        Tensor x = t(new double[] {1, 2, 4}, 3);
        assertArrayEquals(new double[] {8, 4, 2}, t(new double[] {8}, 1).div(x).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0.125, 0.25, 0.5}, x.div(t(new double[] {8}, 1, 1)).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {2, 1, -1}, Tensor.of(Nd4j.scalar(3.0)).sub(x).toDoubleArray(), 1e-12);
    }

    @Test
    void incompatibleShapesAreRejectedWithBothShapesInTheMessage() {
        Tensor a = t(new double[6], 2, 3);
        Tensor b = t(new double[4], 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.mul(b));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 2]"), e.getMessage());
    }
}
