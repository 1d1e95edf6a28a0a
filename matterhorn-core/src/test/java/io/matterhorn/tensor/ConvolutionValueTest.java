package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Forward values and output shapes of {@link Convolution} against hand-computed cases and direct loops. */
class ConvolutionValueTest {

    private static void assertClose(INDArray expected, INDArray actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol, "element " + i);
        }
    }

    private static int[] same(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void handComputed2d() {
        INDArray x = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new long[] {1, 1, 3, 3}, 'c');
        INDArray w = Nd4j.create(new double[] {1, 0, 0, -1}, new long[] {1, 1, 2, 2}, 'c');
        INDArray b = Nd4j.create(new double[] {0.5}, new long[] {1}, 'c');
        Tensor y = Convolution.conv(Tensor.of(x), Tensor.of(w), Tensor.of(b), ConvSpec.of(2));
        // y[i, j] = x[i, j] - x[i+1, j+1] + 0.5 = -4 + 0.5 everywhere
        assertClose(Nd4j.create(new double[] {-3.5, -3.5, -3.5, -3.5}, new long[] {1, 1, 2, 2}, 'c'), y.value(), 0);

        // padding 1, stride 2: outputs at (0,0), (0,2), (2,0), (2,2) of the padded grid
        Tensor yp = Convolution.conv(Tensor.of(x), Tensor.of(w), null, ConvSpec.of(2).padding(1).stride(2));
        // (0,0): 0 - x[0,0] = -1; (0,1): 0 - x[0,2] = -3; (1,0): 0 - x[2,0] = -7; (1,1): x[1,1] - x[2,2] = -4
        assertClose(Nd4j.create(new double[] {-1, -3, -7, -4}, new long[] {1, 1, 2, 2}, 'c'), yp.value(), 0);
    }

    @Test
    void handComputedGroupsAndDilation1d() {
        // two groups of one channel each; dilation 2 picks x[i] and x[i+2]
        INDArray x = Nd4j.create(new double[] {1, 2, 3, 4, 10, 20, 30, 40}, new long[] {1, 2, 4}, 'c');
        INDArray w = Nd4j.create(new double[] {1, 1, 1, -1}, new long[] {2, 1, 2}, 'c');
        Tensor y = Convolution.conv(Tensor.of(x), Tensor.of(w), null, ConvSpec.of(1).dilation(2).groups(2));
        assertClose(Nd4j.create(new double[] {4, 6, -20, -20}, new long[] {1, 2, 2}, 'c'), y.value(), 0);
    }

    @Test
    void matchesDirectLoopsForManyOptionCombinations() {
        int[][] options = { // dims, stride, pad, dilation, groups, bias
            {1, 1, 0, 1, 1, 1}, {1, 2, 1, 1, 2, 0}, {1, 3, 2, 2, 1, 1}, {1, 1, 3, 3, 4, 1},
            {2, 1, 0, 1, 1, 1}, {2, 2, 1, 1, 1, 0}, {2, 1, 2, 2, 2, 1}, {2, 3, 1, 2, 4, 1}, {2, 2, 0, 1, 4, 0},
            {3, 1, 0, 1, 1, 1}, {3, 2, 1, 1, 2, 1}, {3, 1, 1, 2, 1, 0}, {3, 2, 2, 1, 4, 1},
        };
        long seed = 1;
        for (int[] o : options) {
            int dims = o[0];
            long[] xShape = new long[dims + 2];
            long[] wShape = new long[dims + 2];
            xShape[0] = 3;
            xShape[1] = 4;
            wShape[0] = 8;
            wShape[1] = 4 / o[4];
            for (int d = 0; d < dims; d++) {
                xShape[2 + d] = 7 - d;
                wShape[2 + d] = 3 - (d == 1 ? 1 : 0);
            }
            INDArray x = ConvReference.random(seed++, xShape);
            INDArray w = ConvReference.random(seed++, wShape);
            INDArray b = o[5] == 1 ? ConvReference.random(seed++, 8) : null;
            ConvSpec spec = ConvSpec.of(dims).stride(o[1]).padding(o[2]).dilation(o[3]).groups(o[4]);
            INDArray expected = ConvReference.conv(x, w, b, same(dims, o[1]), same(dims, o[2]), same(dims, o[2]),
                    same(dims, o[3]), o[4]);
            Tensor y = Convolution.conv(Tensor.of(x), Tensor.of(w), b == null ? null : Tensor.of(b), spec);
            assertClose(expected, y.value(), 1e-12);
            assertArrayEquals(expected.shape(), Convolution.convOutputShape(xShape, wShape, spec));
            // float32 gives the same numbers to float precision
            Tensor y32 = Convolution.conv(Tensor.of(x.castTo(DataType.FLOAT)), Tensor.of(w.castTo(DataType.FLOAT)),
                    b == null ? null : Tensor.of(b.castTo(DataType.FLOAT)), spec);
            assertEquals(DataType.FLOAT, y32.dataType());
            assertClose(expected, y32.value(), 1e-5);
        }
    }

    @Test
    void largeBatchRunsInSeveralChunks() {
        // 36 column rows x 1024 positions per sample: about 113 samples per chunk, so 250 samples take 3 chunks
        INDArray x = ConvReference.random(7, 250, 4, 32, 32);
        INDArray w = ConvReference.random(8, 6, 4, 3, 3);
        INDArray b = ConvReference.random(9, 6);
        ConvSpec spec = ConvSpec.of(2).padding(1);
        INDArray expected = ConvReference.conv(x, w, b, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1}, 1);
        Tensor y = Convolution.conv(Tensor.of(x.castTo(DataType.FLOAT)), Tensor.of(w.castTo(DataType.FLOAT)),
                Tensor.of(b.castTo(DataType.FLOAT)), spec);
        assertClose(expected, y.value(), 1e-5);
    }

    @Test
    void samePaddingKeepsTheSizeAndPutsTheExtraOnTheRight() {
        // kernel 4: total padding 3, 1 before and 2 after (PyTorch puts the odd element at the end)
        INDArray x = ConvReference.random(11, 2, 3, 5, 6);
        INDArray w = ConvReference.random(12, 2, 3, 4, 3);
        ConvSpec spec = ConvSpec.of(2).padding("same");
        Tensor y = Convolution.conv(Tensor.of(x), Tensor.of(w), null, spec);
        assertArrayEquals(new long[] {2, 2, 5, 6}, y.shape());
        INDArray expected = ConvReference.conv(x, w, null, new int[] {1, 1}, new int[] {1, 1}, new int[] {2, 1},
                new int[] {1, 1}, 1);
        assertClose(expected, y.value(), 1e-12);

        // dilation 2, kernel 2: total padding 2, 1 and 1; 1-d and 3-d keep their sizes too
        assertArrayEquals(new long[] {1, 2, 9}, Convolution.convOutputShape(new long[] {1, 3, 9},
                new long[] {2, 3, 2}, ConvSpec.of(1).padding("same").dilation(2)));
        assertArrayEquals(new long[] {1, 2, 4, 5, 6}, Convolution.convOutputShape(new long[] {1, 3, 4, 5, 6},
                new long[] {2, 3, 2, 3, 4}, ConvSpec.of(3).padding("same")));
    }

    @Test
    void validPaddingMeansNoPadding() {
        assertArrayEquals(new long[] {4, 2, 3, 4}, Convolution.convOutputShape(new long[] {4, 3, 5, 6},
                new long[] {2, 3, 3, 3}, ConvSpec.of(2).padding("valid")));
        assertArrayEquals(new long[] {4, 2, 2, 2}, Convolution.convOutputShape(new long[] {4, 3, 5, 6},
                new long[] {2, 3, 3, 3}, ConvSpec.of(2).padding("valid").stride(2, 3)));
        // example 4's first layer: 34 -> 17 with k 3, s 2, p 1
        assertArrayEquals(new long[] {8, 64, 17, 17}, Convolution.convOutputShape(new long[] {8, 2, 34, 34},
                new long[] {64, 2, 3, 3}, ConvSpec.of(2).stride(2).padding(1)));
    }

    @Test
    void rejectsBadOptionsAndShapes() {
        Tensor x = Tensor.of(ConvReference.random(1, 1, 4, 5, 5));
        Tensor w = Tensor.of(ConvReference.random(2, 6, 2, 3, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv(x, w, null, ConvSpec.of(2).groups(2).padding("same").stride(2)));
        assertTrue(e.getMessage().contains("strided"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvSpec.of(2).padding("full"));
        assertThrows(IllegalArgumentException.class, () -> ConvSpec.of(2).stride(0));
        assertThrows(IllegalArgumentException.class, () -> ConvSpec.of(2).stride(1, 2, 3));
        // weight expects 2 input channels per group; with groups 1 the input needs 2 channels, not 4
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv(x, w, null, ConvSpec.of(2)));
        assertTrue(e.getMessage().contains("input channels"), e.getMessage());
        // groups 2 fits
        assertArrayEquals(new long[] {1, 6, 3, 3}, Convolution.conv(x, w, null, ConvSpec.of(2).groups(2)).shape());
        // kernel larger than the input
        assertThrows(IllegalArgumentException.class, () -> Convolution.conv(Tensor.of(ConvReference.random(1, 1, 2,
                2, 2)), w, null, ConvSpec.of(2)));
        // wrong bias size and rank-3 input for a 2-d convolution
        assertThrows(IllegalArgumentException.class, () -> Convolution.conv(x, w,
                Tensor.of(ConvReference.random(3, 5)), ConvSpec.of(2).groups(2)));
        assertThrows(IllegalArgumentException.class, () -> Convolution.conv(Tensor.of(ConvReference.random(1, 4, 5,
                5)), w, null, ConvSpec.of(2).groups(2)));
        // mixed precision
        assertThrows(IllegalArgumentException.class, () -> Convolution.conv(x, Tensor.of(w.value()
                .castTo(DataType.FLOAT)), null, ConvSpec.of(2).groups(2)));
        // NaN input
        INDArray bad = ConvReference.random(1, 1, 4, 5, 5);
        bad.putScalar(new long[] {0, 3, 2, 2}, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv(Tensor.of(bad), w, null,
                ConvSpec.of(2).groups(2)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void transposedMatchesScatterDefinition() {
        int[][] options = { // dims, stride, pad, outputPadding, dilation, groups, bias
            {1, 1, 0, 0, 1, 1, 1}, {1, 2, 1, 1, 1, 2, 0}, {1, 3, 0, 2, 1, 1, 1}, {1, 1, 1, 1, 2, 1, 1},
            {2, 1, 0, 0, 1, 1, 1}, {2, 2, 1, 1, 1, 1, 1}, {2, 2, 0, 0, 2, 2, 0}, {2, 3, 2, 1, 1, 4, 1},
            {3, 1, 0, 0, 1, 1, 1}, {3, 2, 1, 1, 1, 2, 1}, {3, 1, 1, 0, 2, 1, 0},
        };
        long seed = 100;
        for (int[] o : options) {
            int dims = o[0];
            long[] xShape = new long[dims + 2];
            long[] wShape = new long[dims + 2];
            xShape[0] = 2;
            xShape[1] = 4;
            wShape[0] = 4;
            wShape[1] = 3;
            for (int d = 0; d < dims; d++) {
                xShape[2 + d] = 4 - (d == 2 ? 1 : 0);
                wShape[2 + d] = 3 - (d == 1 ? 1 : 0);
            }
            long cout = wShape[1] * o[5];
            INDArray x = ConvReference.random(seed++, xShape);
            INDArray w = ConvReference.random(seed++, wShape);
            INDArray b = o[6] == 1 ? ConvReference.random(seed++, cout) : null;
            ConvSpec spec = ConvSpec.of(dims).stride(o[1]).padding(o[2]).outputPadding(o[3]).dilation(o[4])
                    .groups(o[5]);
            INDArray expected = ConvReference.convTranspose(x, w, b, same(dims, o[1]), same(dims, o[2]),
                    same(dims, o[3]), same(dims, o[4]), o[5]);
            Tensor y = Convolution.convTranspose(Tensor.of(x), Tensor.of(w), b == null ? null : Tensor.of(b), spec);
            assertClose(expected, y.value(), 1e-12);
            assertArrayEquals(expected.shape(), Convolution.convTransposeOutputShape(xShape, wShape, spec));
        }
    }

    @Test
    void transposedHandComputedAndPyTorchSizes() {
        // stride 2 spreads each input over 2 outputs with kernel [1, 2]: [1, 2] -> [1, 2, 2, 4] (+ output padding 1)
        INDArray x = Nd4j.create(new double[] {1, 2}, new long[] {1, 1, 2}, 'c');
        INDArray w = Nd4j.create(new double[] {1, 2}, new long[] {1, 1, 2}, 'c');
        Tensor y = Convolution.convTranspose(Tensor.of(x), Tensor.of(w), null, ConvSpec.of(1).stride(2)
                .outputPadding(1));
        assertClose(Nd4j.create(new double[] {1, 2, 2, 4, 0}, new long[] {1, 1, 5}, 'c'), y.value(), 0);
        // ConvTranspose2d(…, k=3, s=2, p=1, output_padding=1) doubles 5 -> 10 (PyTorch's usual up-sampling)
        assertArrayEquals(new long[] {1, 8, 10, 10}, Convolution.convTransposeOutputShape(new long[] {1, 4, 5, 5},
                new long[] {4, 8, 3, 3}, ConvSpec.of(2).stride(2).padding(1).outputPadding(1)));
        assertThrows(IllegalArgumentException.class, () -> Convolution.convTransposeOutputShape(new long[] {1, 4,
            5}, new long[] {4, 8, 3}, ConvSpec.of(1).stride(2).outputPadding(2)));
        assertThrows(IllegalArgumentException.class, () -> Convolution.convTransposeOutputShape(new long[] {1, 4,
            5}, new long[] {4, 8, 3}, ConvSpec.of(1).padding("same")));
    }

    @Test
    void transposedIsTheAdjointOfTheConvolution() {
        // <conv(x), y> == <x, convT(y)> for the same weight and options
        INDArray x = ConvReference.random(21, 2, 4, 7, 6);
        INDArray w = ConvReference.random(22, 6, 2, 3, 2);
        ConvSpec spec = ConvSpec.of(2).stride(2, 1).padding(1, 0).dilation(1, 2).groups(2);
        Tensor cx = Convolution.conv(Tensor.of(x), Tensor.of(w), null, spec);
        INDArray yv = ConvReference.random(23, cx.shape());
        int[] in = {7, 6};
        long[] xs = Convolution.convTransposeOutputShape(cx.shape(), w.shape(), spec);
        int[] extra = {(int) (in[0] - xs[2]), (int) (in[1] - xs[3])};
        Tensor ty = Convolution.convTranspose(Tensor.of(yv), Tensor.of(w), null, spec.outputPadding(extra));
        double lhs = cx.value().mul(yv).sumNumber().doubleValue();
        double rhs = ty.value().mul(x).sumNumber().doubleValue();
        assertEquals(lhs, rhs, 1e-10);
    }
}
