package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Pooling} against values printed by PyTorch 1.13 ({@code F.max_pool2d}, {@code F.avg_pool2d}, ... on the
 * same inputs), hand-computed gradients, and float64 central differences.
 */
class PoolingTest {
    /** x[i] = (7 i mod 11) - 3 on a 5x5 grid: distinct-ish values with a few ties. */
    private static final double[] GRID = {-3, 4, 0, 7, 3, -1, 6, 2, -2, 5, 1, -3, 4, 0, 7, 3, -1, 6, 2, -2, 5, 1, -3,
        4, 0};

    private static Tensor grid() {
        return Tensor.of(Nd4j.create(GRID, new long[] {1, 1, 5, 5}, 'c'));
    }

    private static void assertValues(double[] expected, Tensor actual, double tol) {
        double[] a = actual.toDoubleArray();
        assertEquals(expected.length, a.length, "element count");
        for (int i = 0; i < a.length; i++) {
            assertEquals(expected[i], a[i], tol, "element " + i);
        }
    }

    @Test
    void averagePoolingMatchesPyTorch() {
        PoolSpec k3s2p1 = PoolSpec.of(2, 3).stride(2).padding(1);
        assertValues(new double[] {0.6666666865, 1.8888888359, 1.4444444179, 0.5555555820, 1.5555555820,
            1.1111111640, 0.8888888955, 1.0, 0.4444444477}, Pooling.avgPool(grid(), k3s2p1.ceilMode(true)), 1e-7);
        assertValues(new double[] {1.5, 2.8333332538, 3.25, 0.8333333134, 1.5555555820, 1.6666666269, 2.0, 1.5, 1.0},
                Pooling.avgPool(grid(), k3s2p1.ceilMode(true).countIncludePad(false)), 1e-7);
        // ceil mode adds a partial last window, averaged over its real size (PyTorch clips it to input + padding)
        Tensor ceil = Pooling.avgPool(grid(), PoolSpec.of(2, 2).ceilMode(true));
        assertArrayEquals(new long[] {1, 1, 3, 3}, ceil.shape());
        assertValues(new double[] {1.5, 1.75, 4.0, 0.0, 3.0, 2.5, 3.0, 0.5, 0.0}, ceil, 1e-12);
        assertValues(new double[] {1.2, 3.4, 2.6, 1.0, 2.8, 2.0, 1.6, 1.8, 0.8},
                Pooling.avgPool(grid(), k3s2p1.divisorOverride(5)), 1e-7);
        Tensor x1 = Tensor.of(Nd4j.create(new double[] {1, 0, 1, 1, 0, 0, 1}, new long[] {1, 1, 7}, 'c'));
        PoolSpec p1 = PoolSpec.of(1, 3).stride(2).padding(1).ceilMode(true);
        assertValues(new double[] {1 / 3.0, 2 / 3.0, 1 / 3.0, 1 / 3.0}, Pooling.avgPool(x1, p1), 1e-12);
        assertValues(new double[] {0.5, 2 / 3.0, 1 / 3.0, 0.5}, Pooling.avgPool(x1, p1.countIncludePad(false)), 1e-12);
    }

    @Test
    void averagePooling3dMatchesPyTorch() {
        double[] v = new double[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 5;
        }
        Tensor x3 = Tensor.of(Nd4j.create(v, new long[] {1, 1, 2, 3, 4}, 'c'));
        Tensor y = Pooling.avgPool(x3, PoolSpec.of(3, 2).stride(1).padding(1).countIncludePad(false));
        assertArrayEquals(new long[] {1, 1, 3, 4, 5}, y.shape());
        assertValues(new double[] {0.0, 0.5, 1.5, 2.5, 3.0, 2.0, 1.25, 1.0, 2.0, 2.5, 3.5, 2.75, 1.25, 1.0, 1.5, 3.0,
            3.5, 2.0, 0.5, 1.0, 1.0, 1.5, 2.5, 2.25, 1.5, 1.75, 1.625, 2.0, 2.375, 2.25, 2.0, 1.875, 1.625, 2.0, 2.5,
            1.5, 2.0, 1.75, 1.5, 2.0, 2.0, 2.5, 3.5, 2.0, 0.0, 1.5, 2.0, 3.0, 2.75, 2.0, 0.5, 1.0, 2.0, 3.0, 3.5, 0.0,
            0.5, 1.5, 2.5, 3.0}, y, 1e-12);
        Tensor m = Pooling.maxPool(x3, PoolSpec.of(3, 2).stride(1, 2, 2).ceilMode(true));
        assertArrayEquals(new long[] {1, 1, 1, 2, 2}, m.shape());
        assertValues(new double[] {4, 4, 4, 3}, m, 0);
    }

    @Test
    void maxPoolingMatchesPyTorchIncludingTheChosenIndex() {
        Tensor x = Tensor.variable(Nd4j.create(GRID, new long[] {1, 1, 5, 5}, 'c'));
        Tensor y = Pooling.maxPool(x, PoolSpec.of(2, 3).stride(2).padding(1).ceilMode(true));
        assertValues(new double[] {6, 7, 7, 6, 6, 7, 5, 6, 4}, y, 0);
        // PyTorch's return_indices gives 6, 3, 3, 6, 6, 14, 20, 17, 23: each output's gradient lands there
        y.backward(Nd4j.ones(DataType.DOUBLE, 1, 1, 3, 3));
        double[] dx = new double[25];
        for (int idx : new int[] {6, 3, 3, 6, 6, 14, 20, 17, 23}) {
            dx[idx] += 1;
        }
        assertArrayEquals(dx, x.grad().dup('c').data().asDouble(), 0);
        assertValues(new double[] {4, 7, 7, 6, 6, 6, 5, 4, 7}, Pooling.maxPool(grid(), PoolSpec.of(2, 2).stride(1)
                .dilation(2)), 0);
    }

    @Test
    void maxPoolingTiesGoToTheFirstMaximum() {
        Tensor x = Tensor.variable(Nd4j.create(new double[] {0, 1, 1, 0, 1, 1, 1, 1}, new long[] {1, 2, 2, 2}, 'c'));
        Tensor y = Pooling.maxPool(x, PoolSpec.of(2, 2));
        y.backward(Nd4j.create(new double[] {2, 3}, new long[] {1, 2, 1, 1}, 'c'));
        assertArrayEquals(new double[] {0, 2, 0, 0, 3, 0, 0, 0}, x.grad().dup('c').data().asDouble(), 0);
    }

    @Test
    void averagePoolingGradientSpreadsOverTheWindow() {
        Tensor x = Tensor.variable(Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {1, 1, 6}, 'c'));
        Tensor y = Pooling.avgPool(x, PoolSpec.of(1, 3).stride(2).padding(1).countIncludePad(false));
        // windows [-1..1] (2 real), [1..3], [3..5]
        assertValues(new double[] {1.5, 3, 5}, y, 1e-12);
        y.backward(Nd4j.create(new double[] {2, 3, 6}, new long[] {1, 1, 3}, 'c'));
        assertArrayEquals(new double[] {1, 2, 1, 3, 2, 2}, x.grad().dup('c').data().asDouble(), 1e-12);
    }

    @Test
    void outputSizesFollowPyTorch() {
        int[][] cases = { // in, kernel, stride, padding, ceil, expected (from torch.nn.functional.max_pool1d)
            {6, 3, 2, 1, 1, 4}, {6, 3, 2, 1, 0, 3}, {5, 2, 2, 0, 1, 3}, {7, 3, 3, 1, 1, 3}, {4, 3, 2, 1, 1, 3},
            {10, 4, 3, 2, 1, 4},
        };
        for (int[] c : cases) {
            long[] shape = Pooling.outputShape(new long[] {1, 1, c[0]}, PoolSpec.of(1, c[1]).stride(c[2]).padding(c[3])
                    .ceilMode(c[4] == 1));
            assertEquals(c[5], shape[2], java.util.Arrays.toString(c));
        }
        assertArrayEquals(new long[] {8, 3, 2, 3}, Pooling.outputShape(new long[] {8, 3, 4, 6}, PoolSpec.of(2, 2)));
        assertArrayEquals(new long[] {8, 3, 2, 1, 3}, Pooling.outputShape(new long[] {8, 3, 4, 3, 6},
                PoolSpec.of(3, 2)));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> PoolSpec.of(2, 2).padding(2));
        assertThrows(IllegalArgumentException.class, () -> Pooling.avgPool(grid(), PoolSpec.of(2, 2).dilation(2)));
        assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool(grid(), PoolSpec.of(2, 6)));
        assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool(grid(), PoolSpec.of(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> PoolSpec.of(2, 0));
        INDArray bad = Nd4j.create(GRID, new long[] {1, 1, 5, 5}, 'c');
        bad.putScalar(7, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pooling.avgPool(Tensor.of(bad), PoolSpec.of(2, 2)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool(Tensor.of(bad), PoolSpec.of(2, 2)));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        INDArray x1 = ConvReference.random(1, 2, 3, 9);
        INDArray x2 = ConvReference.random(2, 2, 2, 7, 6);
        INDArray x3 = ConvReference.random(3, 1, 2, 4, 5, 5);
        GradientCheck.checkOp("max1d", v -> Pooling.maxPool(v.get(0), PoolSpec.of(1, 3).stride(2).padding(1)
                .ceilMode(true)), x1);
        GradientCheck.checkOp("avg1d", v -> Pooling.avgPool(v.get(0), PoolSpec.of(1, 4).stride(3).padding(2)
                .ceilMode(true).countIncludePad(false)), x1);
        GradientCheck.checkOp("max2d dilated", v -> Pooling.maxPool(v.get(0), PoolSpec.of(2, 2, 3).stride(1, 2)
                .dilation(2, 1).padding(1)), x2);
        GradientCheck.checkOp("avg2d ceil incl pad", v -> Pooling.avgPool(v.get(0), PoolSpec.of(2, 3).stride(2)
                .padding(1).ceilMode(true)), x2);
        GradientCheck.checkOp("avg2d divisor", v -> Pooling.avgPool(v.get(0), PoolSpec.of(2, 2).divisorOverride(3)),
                x2);
        GradientCheck.checkOp("max3d", v -> Pooling.maxPool(v.get(0), PoolSpec.of(3, 2).stride(2, 1, 2).ceilMode(true)),
                x3);
        GradientCheck.checkOp("avg3d", v -> Pooling.avgPool(v.get(0), PoolSpec.of(3, 3, 2, 2).stride(2).padding(1, 1,
                0).countIncludePad(false)), x3);
    }
}
