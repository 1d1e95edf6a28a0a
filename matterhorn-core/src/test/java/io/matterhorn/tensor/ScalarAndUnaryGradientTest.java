package io.matterhorn.tensor;

import static io.matterhorn.tensor.GradientCheck.checkOp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Gradient checks of the scalar-constant arithmetic and the elementwise unary functions. */
class ScalarAndUnaryGradientTest {

    @BeforeEach
    void seed() {
        Nd4j.getRandom().setSeed(7);
    }

    private static INDArray signed(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).muli(4).subi(2);
    }

    @Test
    void scalarArithmetic() {
        checkOp("add(c)", xs -> xs.get(0).add(2.5), signed(3, 4));
        checkOp("sub(c)", xs -> xs.get(0).sub(1.5), signed(3, 4));
        checkOp("mul(c)", xs -> xs.get(0).mul(-1.7), signed(3, 4));
        checkOp("div(c)", xs -> xs.get(0).div(2.3), signed(3, 4));
        checkOp("rsub(c)", xs -> xs.get(0).rsub(3.0), signed(3, 4));
        checkOp("neg", xs -> xs.get(0).neg(), signed(3, 4));
        checkOp("square", xs -> xs.get(0).square(), signed(3, 4));
    }

    @Test
    void scalarArithmeticOnZeroDimensionalInput() {
        checkOp("square 0-d", xs -> xs.get(0).square().mul(3.0), Nd4j.scalar(0.8));
    }

    @Test
    void exp() {
        checkOp("exp", xs -> xs.get(0).exp(), signed(2, 3, 2));
    }

    @Test
    void logOfPositiveInputs() {
        checkOp("log", xs -> xs.get(0).log(), Nd4j.rand(DataType.DOUBLE, 3, 4).addi(0.2));
    }

    @Test
    void sigmoid() {
        checkOp("sigmoid", xs -> xs.get(0).sigmoid(), signed(3, 4).muli(2));
    }

    @Test
    void tanh() {
        checkOp("tanh", xs -> xs.get(0).tanh(), signed(3, 4));
    }

    @Test
    void reluAwayFromTheKink() {
        // values in [-2, 2) pushed at least 0.05 away from 0, where relu is differentiable
        INDArray x = signed(4, 5);
        INDArray away = x.add(Transforms.sign(x).muli(0.05));
        checkOp("relu", xs -> xs.get(0).relu(), away);
    }

    @Test
    void composedChain() {
        checkOp("chain", xs -> xs.get(0).mul(0.5).tanh().square().add(xs.get(0).sigmoid()).exp(), signed(6));
    }
}
