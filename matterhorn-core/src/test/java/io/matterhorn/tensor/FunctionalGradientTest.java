package io.matterhorn.tensor;

import static io.matterhorn.tensor.GradientCheck.check;
import static io.matterhorn.tensor.GradientCheck.checkOp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gradient checks (and a few forward values) of the operations in {@link Functional}. */
class FunctionalGradientTest {

    @BeforeEach
    void seed() {
        Nd4j.getRandom().setSeed(2024);
    }

    private static INDArray x(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).muli(2).subi(1);
    }

    @Test
    void matmul() {
        checkOp("matmul", xs -> Functional.matmul(xs.get(0), xs.get(1)), x(3, 4), x(4, 2));
        checkOp("matmul A A^T", xs -> Functional.matmul(xs.get(0), xs.get(0).transpose()), x(3, 2));
    }

    @Test
    void linearWithBias() {
        checkOp("linear+bias", xs -> Functional.linear(xs.get(0), xs.get(1), xs.get(2)), x(4, 3), x(5, 3), x(5));
    }

    @Test
    void linearWithoutBias() {
        checkOp("linear", xs -> Functional.linear(xs.get(0), xs.get(1), null), x(4, 3), x(2, 3));
    }

    @Test
    void linearForwardValues() {
        Tensor in = Tensor.of(Nd4j.create(new double[] {1, 2}, new long[] {1, 2}, 'c'));
        Tensor w = Tensor.of(Nd4j.create(new double[] {1, 0, 3, -1, 0.5, 0.5}, new long[] {3, 2}, 'c'));
        Tensor b = Tensor.of(Nd4j.create(new double[] {0.1, 0.2, 0.3}, new long[] {3}, 'c'));
        assertArrayEquals(new double[] {1.1, 1.2, 1.8}, Functional.linear(in, w, b).toDoubleArray(), 1e-12);
    }

    @Test
    void logSoftmax() {
        checkOp("logSoftmax", xs -> Functional.logSoftmax(xs.get(0)), x(3, 5).muli(3));
        // rows sum to one in probability space, also for large logits (stable form)
        Tensor big = Tensor.of(Nd4j.create(new double[] {1000, 1001, 999, -5, 0, 5}, new long[] {2, 3}, 'c'));
        double[] ls = Functional.logSoftmax(big).toDoubleArray();
        for (int r = 0; r < 2; r++) {
            double s = 0;
            for (int c = 0; c < 3; c++) {
                s += Math.exp(ls[r * 3 + c]);
            }
            assertEquals(1.0, s, 1e-12);
        }
        assertEquals(-Math.log(1 + Math.exp(-1) + Math.exp(-2)), ls[1], 1e-12);
    }

    @Test
    void mseLoss() {
        check("mseLoss", xs -> Functional.mseLoss(xs.get(0), xs.get(1)), x(3, 4), x(3, 4));
        Tensor o = Tensor.of(Nd4j.create(new double[] {1, 2, 3, 4}, new long[] {2, 2}, 'c'));
        Tensor t = Tensor.of(Nd4j.create(new double[] {0, 2, 5, 4}, new long[] {2, 2}, 'c'));
        assertEquals(5.0 / 4, Functional.mseLoss(o, t).item(), 1e-12);
    }

    @Test
    void crossEntropy() {
        int[] labels = {2, 0, 1, 2};
        check("crossEntropy", xs -> Functional.crossEntropy(xs.get(0), labels), x(4, 3).muli(2));
        // hand value: uniform logits give log(C)
        Tensor z = Tensor.of(Nd4j.zeros(DataType.DOUBLE, 2, 4));
        assertEquals(Math.log(4), Functional.crossEntropy(z, new int[] {0, 3}).item(), 1e-12);
    }
}
