package io.matterhorn.tensor;

import static io.matterhorn.tensor.GradientCheck.checkOp;

import java.util.function.BinaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gradient checks of Tensor add/sub/mul/div for every supported broadcasting pattern. */
class BinaryOpGradientTest {

    @BeforeEach
    void seed() {
        Nd4j.getRandom().setSeed(42);
    }

    /** Uniform in [0.5, 1.5): safe as a divisor. */
    private static INDArray positive(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).addi(0.5);
    }

    /** Uniform in [-1, 1). */
    private static INDArray signed(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).muli(2).subi(1);
    }

    private static void checkAllPatterns(String name, BinaryOperator<Tensor> op) {
        java.util.function.Function<java.util.List<Tensor>, Tensor> f = xs -> op.apply(xs.get(0), xs.get(1));
        checkOp(name + " same shape", f, signed(3, 4), positive(3, 4));
        checkOp(name + " right 0-d scalar", f, signed(3, 4), Nd4j.scalar(1.3));
        checkOp(name + " left 0-d scalar", f, Nd4j.scalar(0.7), positive(3, 4));
        checkOp(name + " right [1] operand", f, signed(3, 4), positive(1));
        checkOp(name + " left [1] operand", f, signed(1), positive(3, 4));
        checkOp(name + " right [1, 1] operand", f, signed(2, 5), positive(1, 1));
        checkOp(name + " left [1, 1] operand", f, signed(1, 1), positive(2, 5));
        checkOp(name + " right bias vector", f, signed(2, 3, 4), positive(4));
        checkOp(name + " left bias vector", f, signed(4), positive(2, 3, 4));
        checkOp(name + " right bias vector on 2-D", f, signed(5, 3), positive(3));
        checkOp(name + " left bias vector on 2-D", f, signed(3), positive(5, 3));
        checkOp(name + " left [1] operand on 3-D", f, signed(1), positive(2, 3, 2));
        checkOp(name + " right [1] operand on 3-D", f, signed(2, 3, 2), positive(1));
        checkOp(name + " left 0-d operand on 3-D", f, Nd4j.scalar(-0.4), positive(2, 3, 2));
    }

    @Test
    void add() {
        checkAllPatterns("add", Tensor::add);
    }

    @Test
    void sub() {
        checkAllPatterns("sub", Tensor::sub);
    }

    @Test
    void mul() {
        checkAllPatterns("mul", Tensor::mul);
    }

    @Test
    void div() {
        checkAllPatterns("div", Tensor::div);
    }

    @Test
    void operandUsedOnBothSides() {
        // x / (x + y) * x: the same leaf reaches the loss through several paths
        checkOp("mixed", xs -> xs.get(0).div(xs.get(0).add(xs.get(1))).mul(xs.get(0)),
                positive(2, 3), positive(2, 3));
    }
}
