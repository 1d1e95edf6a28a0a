package io.matterhorn.tensor;

import static io.matterhorn.tensor.GradientCheck.checkOp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gradient checks of reductions and shape operations. */
class ReductionAndShapeGradientTest {

    @BeforeEach
    void seed() {
        Nd4j.getRandom().setSeed(11);
    }

    private static INDArray x(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).muli(2).subi(1);
    }

    @Test
    void sumAndMeanOfAllElements() {
        // the plain sum/mean are scalars; weight them by a non-trivial function so the gradient is not all ones
        checkOp("sum()", xs -> xs.get(0).sum().square(), x(2, 3, 2));
        checkOp("mean()", xs -> xs.get(0).mean().square(), x(2, 3, 2));
        checkOp("sum() * x", xs -> xs.get(0).mul(xs.get(0).sum()), x(4));
    }

    @Test
    void sumOverAxes() {
        checkOp("sum(0)", xs -> xs.get(0).sum(0), x(2, 3, 4));
        checkOp("sum(1)", xs -> xs.get(0).sum(1), x(2, 3, 4));
        checkOp("sum(-1)", xs -> xs.get(0).sum(-1), x(2, 3, 4));
        checkOp("sum(0, 2)", xs -> xs.get(0).sum(0, 2), x(2, 3, 4));
        checkOp("sum(-1, 0)", xs -> xs.get(0).sum(-1, 0), x(2, 3, 4));
        checkOp("sum(0, 1, 2)", xs -> xs.get(0).sum(0, 1, 2), x(2, 3, 2));
        checkOp("sum(0) on 1-D", xs -> xs.get(0).sum(0), x(5));
    }

    @Test
    void meanOverAxes() {
        checkOp("mean(0)", xs -> xs.get(0).mean(0), x(2, 3, 4));
        checkOp("mean(-2)", xs -> xs.get(0).mean(-2), x(2, 3, 4));
        checkOp("mean(1, 2)", xs -> xs.get(0).mean(1, 2), x(2, 3, 4));
        checkOp("mean(-1, -3)", xs -> xs.get(0).mean(-1, -3), x(2, 3, 4));
    }

    @Test
    void float32SumOverLeadingAxesRepeatsTheGradient() {
        // sum over the leading axes copies g into every leading position; a trailing axis takes the other route
        Tensor a = Tensor.variable(Nd4j.create(DataType.FLOAT, 3, 2, 2));
        a.sum(0, 1).backward(Nd4j.create(new float[] {1, -2}));
        assertArrayEquals(new float[] {1, -2, 1, -2, 1, -2, 1, -2, 1, -2, 1, -2}, a.grad().dup('c').data().asFloat());
        Tensor b = Tensor.variable(Nd4j.create(DataType.FLOAT, 2, 3));
        b.sum(1).backward(Nd4j.create(new float[] {5, 7}));
        assertArrayEquals(new float[] {5, 5, 5, 7, 7, 7}, b.grad().dup('c').data().asFloat());
    }

    @Test
    void reductionShapes() {
        Tensor t = Tensor.of(x(2, 3, 4));
        assertArrayEquals(new long[] {3}, t.sum(0, -1).shape());
        assertArrayEquals(new long[] {2, 4}, t.mean(1).shape());
        assertArrayEquals(new long[0], t.sum().shape());
        // mean(dims) equals sum(dims) / count
        assertArrayEquals(t.sum(0, 2).div(8.0).toDoubleArray(), t.mean(2, 0).toDoubleArray(), 1e-12);
    }

    @Test
    void reshape() {
        checkOp("reshape", xs -> xs.get(0).reshape(4, 6), x(2, 3, 4));
        checkOp("reshape -1", xs -> xs.get(0).reshape(3, -1), x(2, 3, 4));
        // reshape of a permuted (non-contiguous before the copy) tensor
        checkOp("reshape after permute", xs -> xs.get(0).permute(2, 0, 1).reshape(-1), x(2, 3, 4));
    }

    @Test
    void permuteAndTranspose() {
        checkOp("permute(2, 0, 1)", xs -> xs.get(0).permute(2, 0, 1), x(2, 3, 4));
        checkOp("permute(1, 0, 2)", xs -> xs.get(0).permute(1, 0, 2), x(2, 3, 4));
        checkOp("transpose", xs -> xs.get(0).transpose(), x(3, 5));
        Tensor t = Tensor.of(Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c'));
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, t.transpose().toDoubleArray(), 0);
    }

    @Test
    void select() {
        checkOp("select(0)", xs -> xs.get(0).select(0), x(3, 2, 4));
        checkOp("select(2)", xs -> xs.get(0).select(2), x(3, 2, 4));
        checkOp("select of 1-D", xs -> xs.get(0).select(1), x(4));
        // two selects of the same tensor accumulate into disjoint slices
        checkOp("select twice", xs -> xs.get(0).select(1).mul(xs.get(0).select(2)), x(3, 5));
    }

    @Test
    void stack() {
        checkOp("stack", xs -> Tensor.stack(List.of(xs.get(0), xs.get(1), xs.get(0).square())), x(2, 3), x(2, 3));
        Tensor a = Tensor.of(x(2, 3));
        Tensor b = Tensor.of(x(2, 3));
        Tensor s = Tensor.stack(List.of(a, b));
        assertArrayEquals(new long[] {2, 2, 3}, s.shape());
        assertArrayEquals(b.toDoubleArray(), s.select(1).toDoubleArray(), 0);
    }
}
