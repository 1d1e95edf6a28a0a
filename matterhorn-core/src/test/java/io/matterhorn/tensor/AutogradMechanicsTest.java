package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Graph bookkeeping: accumulation, zeroing, shared nodes, disabled recording and error messages. */
class AutogradMechanicsTest {

    private static Tensor var(double... v) {
        return Tensor.variable(Nd4j.create(v, new long[] {v.length}, 'c'));
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = var(1, 2, 3);
        x.mul(2.0).sum().backward();
        assertArrayEquals(new double[] {2, 2, 2}, x.grad().toDoubleVector(), 0);
        x.square().sum().backward();
        assertArrayEquals(new double[] {4, 6, 8}, x.grad().toDoubleVector(), 1e-12);
        x.zeroGrad();
        assertArrayEquals(new double[] {0, 0, 0}, x.grad().toDoubleVector(), 0);
        x.mul(-1.0).sum().backward();
        assertArrayEquals(new double[] {-1, -1, -1}, x.grad().toDoubleVector(), 0);
    }

    @Test
    void tensorUsedTwiceGetsBothContributions() {
        Tensor x = var(1.5, -2, 0.25);
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {3, -4, 0.5}, x.grad().toDoubleVector(), 1e-12);
    }

    @Test
    void sharedIntermediateNodeIsBackpropagatedOnce() {
        // y = 3x is used by two branches; dL/dx = 3 * (1 + 2y) for L = sum(y + y^2)
        Tensor x = var(1, 2);
        Tensor y = x.mul(3.0);
        y.add(y.square()).sum().backward();
        assertArrayEquals(new double[] {3 * (1 + 6), 3 * (1 + 12)}, x.grad().toDoubleVector(), 1e-12);
    }

    @Test
    void constantsReceiveNoGradient() {
        Tensor x = var(1, 2);
        Tensor c = Tensor.of(Nd4j.create(new double[] {5, 7}, new long[] {2}, 'c'));
        x.mul(c).sum().backward();
        assertNull(c.grad());
        assertFalse(c.requiresGrad());
        assertArrayEquals(new double[] {5, 7}, x.grad().toDoubleVector(), 0);
    }

    @Test
    void disabledRecordingProducesConstants() {
        Tensor x = var(1, 2);
        Tensor y;
        try (var ignored = Grad.disabled()) {
            assertFalse(Grad.isEnabled());
            y = x.mul(x).sum();
            try (var on = Grad.enabled()) {
                assertTrue(x.square().requiresGrad());
            }
            assertFalse(Grad.isEnabled());
        }
        assertTrue(Grad.isEnabled());
        assertFalse(y.requiresGrad());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("does not require gradients"), e.getMessage());
    }

    @Test
    void backwardOnNonScalarNeedsAGradient() {
        Tensor x = var(1, 2, 3);
        Tensor y = x.mul(2.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
        y.backward(Nd4j.create(new double[] {1, 0, -1}, new long[] {3}, 'c'));
        assertArrayEquals(new double[] {2, 0, -2}, x.grad().toDoubleVector(), 0);
    }

    @Test
    void shapeMismatchMessagesNameTheShapes() {
        Tensor a = Tensor.variable(Nd4j.zeros(DataType.DOUBLE, 2, 3));
        Tensor b = Tensor.variable(Nd4j.zeros(DataType.DOUBLE, 3, 2));
        IllegalArgumentException add = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(add.getMessage().contains("[2, 3]") && add.getMessage().contains("[3, 2]"), add.getMessage());
        IllegalArgumentException mm = assertThrows(IllegalArgumentException.class, () -> Functional.matmul(a, a));
        assertTrue(mm.getMessage().contains("[2, 3]"), mm.getMessage());
        IllegalArgumentException mse = assertThrows(IllegalArgumentException.class,
                () -> Functional.mseLoss(a, b));
        assertTrue(mse.getMessage().contains("[2, 3]") && mse.getMessage().contains("[3, 2]"), mse.getMessage());
        IllegalArgumentException rs = assertThrows(IllegalArgumentException.class, () -> a.reshape(4, 2));
        assertTrue(rs.getMessage().contains("[2, 3]") && rs.getMessage().contains("[4, 2]"), rs.getMessage());
        IllegalArgumentException st = assertThrows(IllegalArgumentException.class,
                () -> Tensor.stack(java.util.List.of(a, b)));
        assertTrue(st.getMessage().contains("[3, 2]"), st.getMessage());
        IllegalStateException g = assertThrows(IllegalStateException.class,
                () -> a.mul(2.0).backward(Nd4j.zeros(DataType.DOUBLE, 3, 2)));
        assertTrue(g.getMessage().contains("[3, 2]") && g.getMessage().contains("[2, 3]"), g.getMessage());
    }

    @Test
    void interiorGradientsAreReleasedButLeavesKeepTheirs() {
        Tensor x = var(1, 2);
        Tensor y = x.mul(2.0);
        y.sum().backward();
        assertNull(y.grad());
        assertTrue(x.isLeaf());
        assertFalse(y.isLeaf());
        assertArrayEquals(new double[] {2, 2}, x.grad().toDoubleVector(), 0);
    }
}
