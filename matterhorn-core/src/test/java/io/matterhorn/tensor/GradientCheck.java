package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares the analytic gradients of a scalar function of tensors with float64 central differences.
 *
 * <p>For every element of every input, the input is perturbed by +eps and -eps and the function is evaluated with
 * gradient recording off; the numeric derivative (f(x+eps) - f(x-eps)) / (2 eps) must match the gradient that
 * {@link Tensor#backward()} accumulated, within {@code atol + rtol * max(|analytic|, |numeric|)}.
 *
 * <p>With eps = 1e-6 in double precision the truncation error of the central difference is about eps^2 (1e-12)
 * and the rounding error about 1e-16 |f| / eps (1e-10 for |f| of order 1), so rtol 1e-6 and atol 1e-8 leave a
 * margin of two orders of magnitude while still catching any wrong factor or sign.
 */
public final class GradientCheck {
    /** Perturbation of each element. */
    public static final double EPS = 1e-6;
    /** Relative tolerance. */
    public static final double RTOL = 1e-6;
    /** Absolute tolerance. */
    public static final double ATOL = 1e-8;

    private GradientCheck() {
    }

    /**
     * Checks the gradient of {@code loss} with respect to every input.
     *
     * @param name label for failure messages
     * @param loss function of the inputs (as tensors, in order) returning a one-element tensor
     * @param inputs float64 input values; not modified
     */
    public static void check(String name, Function<List<Tensor>, Tensor> loss, INDArray... inputs) {
        List<Tensor> vars = new ArrayList<>();
        for (INDArray in : inputs) {
            assertEquals(DataType.DOUBLE, in.dataType(), name + ": gradient checks need float64 inputs");
            vars.add(Tensor.variable(in.dup('c')));
        }
        Tensor out = loss.apply(vars);
        assertEquals(1, out.length(), name + ": the checked function must return one element");
        out.backward();

        List<INDArray> work = new ArrayList<>();
        for (INDArray in : inputs) {
            work.add(in.dup('c'));
        }
        for (int i = 0; i < inputs.length; i++) {
            INDArray analytic = vars.get(i).grad();
            assertNotNull(analytic, name + ": input " + i + " received no gradient");
            assertEquals(Arrays.toString(inputs[i].shape()), Arrays.toString(analytic.shape()),
                    name + ": gradient shape of input " + i);
            double[] a = analytic.dup('c').data().asDouble();
            INDArray w = work.get(i);
            for (int j = 0; j < a.length; j++) {
                double orig = w.getDouble(j);
                w.putScalar(j, orig + EPS);
                double plus = evaluate(loss, work);
                w.putScalar(j, orig - EPS);
                double minus = evaluate(loss, work);
                w.putScalar(j, orig);
                double numeric = (plus - minus) / (2 * EPS);
                double tol = ATOL + RTOL * Math.max(Math.abs(a[j]), Math.abs(numeric));
                if (!(Math.abs(a[j] - numeric) <= tol)) {
                    fail(name + ": input " + i + " " + Arrays.toString(inputs[i].shape()) + " element " + j
                            + ": analytic " + a[j] + " vs numeric " + numeric);
                }
            }
        }
    }

    private static double evaluate(Function<List<Tensor>, Tensor> loss, List<INDArray> values) {
        try (var ignored = Grad.disabled()) {
            List<Tensor> consts = new ArrayList<>();
            for (INDArray v : values) {
                consts.add(Tensor.of(v));
            }
            return loss.apply(consts).item();
        }
    }

    /**
     * Wraps an operation into the loss {@code sum(op(inputs) * W)} with a fixed random weighting W in [-1, 1),
     * so that errors which cancel in a plain sum (wrong permutation, wrong broadcast axis) still show.
     *
     * @param op the operation under test
     * @param seed seed of W
     * @return the weighted loss; W is created on the first call from the output's shape and reused
     */
    public static Function<List<Tensor>, Tensor> weighted(Function<List<Tensor>, Tensor> op, long seed) {
        INDArray[] weight = new INDArray[1];
        return xs -> {
            Tensor y = op.apply(xs);
            if (weight[0] == null) {
                weight[0] = randomWeights(y.shape(), seed);
            }
            return y.mul(Tensor.of(weight[0])).sum();
        };
    }

    /**
     * Checks {@code sum(op(inputs) * W)}; see {@link #weighted}.
     *
     * @param name label for failure messages
     * @param op operation under test
     * @param inputs float64 inputs
     */
    public static void checkOp(String name, Function<List<Tensor>, Tensor> op, INDArray... inputs) {
        check(name, weighted(op, 1234), inputs);
    }

    /**
     * @param shape shape of the array (may be empty for a 0-d array)
     * @param seed random seed
     * @return float64 values uniform in [-1, 1)
     */
    public static INDArray randomWeights(long[] shape, long seed) {
        Random r = new Random(seed);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int k = 0; k < v.length; k++) {
            v[k] = r.nextDouble() * 2 - 1;
        }
        if (shape.length == 0) {
            return Nd4j.scalar(v[0]);
        }
        return Nd4j.create(v, shape, 'c');
    }
}
