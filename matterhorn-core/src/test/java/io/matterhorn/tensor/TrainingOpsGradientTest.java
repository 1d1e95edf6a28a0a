package io.matterhorn.tensor;

import static io.matterhorn.tensor.GradientCheck.check;
import static io.matterhorn.tensor.GradientCheck.checkOp;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Float64 gradient checks of cat, narrow, split, abs, pow, sqrt, clamp, max, min, softmax, dropout, where. */
class TrainingOpsGradientTest {

    @BeforeEach
    void seed() {
        Nd4j.getRandom().setSeed(11);
    }

    private static INDArray signed(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).muli(4).subi(2);
    }

    /** Values away from 0 (|x| in [0.3, 2]) so that abs, clamp and max stay differentiable under the probe. */
    private static INDArray awayFromKinks(long... shape) {
        INDArray u = Nd4j.rand(DataType.DOUBLE, shape).muli(1.7).addi(0.3);
        INDArray sign = Nd4j.rand(DataType.DOUBLE, shape).gt(0.5).castTo(DataType.DOUBLE).muli(2).subi(1);
        return u.muli(sign);
    }

    @Test
    void catOnEveryDimension() {
        for (int d = 0; d < 3; d++) {
            int dim = d;
            long[] a = {2, 3, 2};
            long[] b = {2, 3, 2};
            b[d] = 1;
            checkOp("cat dim " + d, xs -> Slicing.cat(List.of(xs.get(0), xs.get(1)), dim), signed(a), signed(b));
        }
        checkOp("cat dim -1, three items", xs -> Slicing.cat(List.of(xs.get(0), xs.get(1), xs.get(0)), -1),
                signed(3, 2), signed(3, 4));
    }

    @Test
    void narrowAndSplitOnEveryDimension() {
        for (int d = 0; d < 3; d++) {
            int dim = d;
            checkOp("narrow dim " + d, xs -> xs.get(0).narrow(dim, 1, 1), signed(2, 3, 2));
            checkOp("split dim " + d, xs -> {
                List<Tensor> parts = Slicing.split(xs.get(0), 1, dim);
                return Slicing.cat(List.of(parts.get(parts.size() - 1).mul(3.0), parts.get(0)), dim);
            }, signed(2, 3, 2));
        }
        checkOp("split sizes", xs -> Slicing.split(xs.get(0), new long[] {1, 3}, 1).get(1).square(), signed(2, 4));
    }

    @Test
    void elementwise() {
        checkOp("abs", xs -> xs.get(0).abs(), awayFromKinks(3, 4));
        checkOp("pow 3", xs -> xs.get(0).pow(3), signed(2, 3));
        checkOp("pow 2.5", xs -> xs.get(0).pow(2.5), Nd4j.rand(DataType.DOUBLE, 2, 3).addi(0.2));
        checkOp("pow -1", xs -> xs.get(0).pow(-1), Nd4j.rand(DataType.DOUBLE, 2, 3).addi(0.5));
        checkOp("sqrt", xs -> xs.get(0).sqrt(), Nd4j.rand(DataType.DOUBLE, 2, 3).addi(0.1));
        // clamp bounds at +-1; values at distance >= 0.3 from 0 and checked away from +-1 by construction below
        INDArray x = Nd4j.create(new double[] {-1.8, -1.3, -0.6, -0.2, 0.4, 0.7, 1.4, 2.0}, new long[] {2, 4}, 'c');
        checkOp("clamp", xs -> xs.get(0).clamp(-1, 1), x);
        checkOp("clamp lower only", xs -> xs.get(0).clamp(0, Double.POSITIVE_INFINITY), x);
    }

    @Test
    void where() {
        INDArray cond = Nd4j.create(new double[] {1, 0, 0, 1, 1, 0}, new long[] {2, 3}, 'c');
        checkOp("where", xs -> Elementwise.where(Tensor.of(cond), xs.get(0), xs.get(1)), signed(2, 3),
                signed(2, 3));
    }

    @Test
    void maxAndMinValues() {
        for (int d = 0; d < 3; d++) {
            int dim = d;
            checkOp("max dim " + d, xs -> Reductions.max(xs.get(0), dim).values(), signed(2, 3, 2));
            checkOp("min dim " + d, xs -> Reductions.min(xs.get(0), dim).values(), signed(2, 3, 2));
        }
        checkOp("max of a vector", xs -> Reductions.max(xs.get(0), 0).values().mul(2.0), signed(5));
    }

    @Test
    void softmaxOnEveryDimension() {
        for (int d = 0; d < 3; d++) {
            int dim = d;
            checkOp("softmax dim " + d, xs -> Activations.softmax(xs.get(0), dim), signed(2, 3, 2));
        }
    }

    @Test
    void dropoutUsesItsMaskInTheBackward() {
        check("dropout", xs -> GradientCheck.weighted(
                ys -> Activations.dropout(ys.get(0), 0.4, true, new Random(5)), 3).apply(xs), signed(3, 4));
    }
}
