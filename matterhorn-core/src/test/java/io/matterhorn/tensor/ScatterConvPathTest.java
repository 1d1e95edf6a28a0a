package io.matterhorn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.FloatBits;
import io.matterhorn.numeric.ScatterConv;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The data gradient by scatter over the non-zero output-gradient entries ({@link ScatterConv}) against the float64
 * direct-loop definition and against the im2col + GEMM adjoint, for 1-, 2- and 3-d windows with stride, padding
 * and dilation, and the per-call choice between the two.
 */
class ScatterConvPathTest {

    /** Gaussian values of which a fraction {@code 1 - density} is set to exactly 0, float32. */
    private static INDArray sparseGradient(long seed, double density, long... shape) {
        int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] v = new float[n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            double keep = rng.nextDouble();
            double value = rng.nextDouble() * 2 - 1;
            v[i] = keep < density ? (float) value : 0f;
        }
        return Nd4j.create(v, shape, 'c');
    }

    /**
     * dx[n, ci, i] = sum over co, k, o with i = o*s - p + k*d of w[co, ci, k] dy[n, co, o], float64 straight from
     * the definition (3 padded axes).
     */
    private static double[] dataGradReference(INDArray dy, INDArray w, long[] xShape, int[] stride, int[] pad,
            int[] dil) {
        int dims = xShape.length - 2;
        int n = (int) xShape[0];
        int cin = (int) xShape[1];
        int cout = (int) dy.size(1);
        int[] in = {1, 1, 1};
        int[] out = {1, 1, 1};
        int[] k = {1, 1, 1};
        int[] s = {1, 1, 1};
        int[] p = {0, 0, 0};
        int[] d = {1, 1, 1};
        for (int a = 0; a < dims; a++) {
            in[3 - dims + a] = (int) xShape[2 + a];
            out[3 - dims + a] = (int) dy.size(2 + a);
            k[3 - dims + a] = (int) w.size(2 + a);
            s[3 - dims + a] = stride[a];
            p[3 - dims + a] = pad[a];
            d[3 - dims + a] = dil[a];
        }
        double[] gv = dy.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] wv = w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int inPlane = in[0] * in[1] * in[2];
        int outPlane = out[0] * out[1] * out[2];
        int kSize = k[0] * k[1] * k[2];
        double[] dx = new double[n * cin * inPlane];
        for (int nn = 0; nn < n; nn++) {
            for (int co = 0; co < cout; co++) {
                for (int ci = 0; ci < cin; ci++) {
                    for (int k0 = 0; k0 < k[0]; k0++) {
                        for (int k1 = 0; k1 < k[1]; k1++) {
                            for (int k2 = 0; k2 < k[2]; k2++) {
                                double wk = wv[(co * cin + ci) * kSize + (k0 * k[1] + k1) * k[2] + k2];
                                for (int o0 = 0; o0 < out[0]; o0++) {
                                    int i0 = o0 * s[0] - p[0] + k0 * d[0];
                                    for (int o1 = 0; o1 < out[1]; o1++) {
                                        int i1 = o1 * s[1] - p[1] + k1 * d[1];
                                        for (int o2 = 0; o2 < out[2]; o2++) {
                                            int i2 = o2 * s[2] - p[2] + k2 * d[2];
                                            if (i0 < 0 || i0 >= in[0] || i1 < 0 || i1 >= in[1] || i2 < 0
                                                    || i2 >= in[2]) {
                                                continue;
                                            }
                                            double g = gv[(nn * cout + co) * outPlane + (o0 * out[1] + o1) * out[2]
                                                    + o2];
                                            dx[(nn * cin + ci) * inPlane + (i0 * in[1] + i1) * in[2] + i2] += wk * g;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    private static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static void check(long seed, long[] xShape, int cout, int[] kernel, int[] stride, int[] pad, int[] dil,
            double density) {
        int dims = xShape.length - 2;
        long[] wShape = new long[dims + 2];
        wShape[0] = cout;
        wShape[1] = xShape[1];
        int[] in = new int[dims];
        int[] out = new int[dims];
        long[] yShape = new long[dims + 2];
        yShape[0] = xShape[0];
        yShape[1] = cout;
        for (int a = 0; a < dims; a++) {
            wShape[2 + a] = kernel[a];
            in[a] = (int) xShape[2 + a];
            out[a] = (in[a] + 2 * pad[a] - dil[a] * (kernel[a] - 1) - 1) / stride[a] + 1;
            yShape[2 + a] = out[a];
        }
        ConvGeometry g = new ConvGeometry(in, out, kernel, stride, pad, pad, dil);
        INDArray w = ConvReference.random(seed + 1, wShape).castTo(DataType.FLOAT);
        INDArray dy = sparseGradient(seed + 2, density, yShape);
        String label = Arrays.toString(xShape) + " k" + Arrays.toString(kernel) + " s" + Arrays.toString(stride)
                + " p" + Arrays.toString(pad) + " d" + Arrays.toString(dil) + " density " + density;

        INDArray scatter = SparseConvEngine.transposeScatter(dy, w, g, xShape);
        INDArray gemm = DenseConvEngine.transposeConvolve(dy, w, null, g, 1, xShape);
        double[] expected = dataGradReference(dy, w, xShape, stride, pad, dil);
        assertArrayEquals(xShape, scatter.shape(), label);
        assertEquals(DataType.FLOAT, scatter.dataType(), label);
        assertArrayEquals(expected, doubles(scatter), 1e-5, label + ": scatter vs definition");
        assertArrayEquals(doubles(gemm), doubles(scatter), 1e-5, label + ": scatter vs im2col + GEMM");
        INDArray folded = DenseConvEngine.transposePositionMajor(dy, w, g, xShape);
        assertArrayEquals(xShape, folded.shape(), label);
        assertArrayEquals(expected, doubles(folded), 1e-5, label + ": position-major GEMM vs definition");
        if (density > 0) {
            assertTrue(Nd4j.create(expected).norm2Number().doubleValue() > 0.01, label + ": non-trivial dx");
        }
    }

    @Test
    void twoDimensionalStridedAsExampleFour() {
        check(1, new long[] {3, 4, 12, 12}, 5, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, 0.4);
    }

    @Test
    void dilatedRectangularOneAndThreeDimensional() {
        check(2, new long[] {2, 3, 9, 11}, 4, new int[] {2, 3}, new int[] {1, 2}, new int[] {2, 0},
                new int[] {2, 1}, 0.3);
        check(3, new long[] {4, 3, 17}, 6, new int[] {5}, new int[] {2}, new int[] {2}, new int[] {1}, 0.25);
        check(4, new long[] {2, 2, 5, 6, 7}, 3, new int[] {3, 2, 3}, new int[] {1, 2, 1}, new int[] {1, 0, 1},
                new int[] {1, 1, 2}, 0.15);
    }

    @Test
    void allZeroAndDenseGradients() {
        check(5, new long[] {2, 3, 7, 7}, 3, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1}, 0.0);
        check(6, new long[] {2, 3, 7, 7}, 3, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {1, 1}, 1.0);
    }

    @Test
    void positionMajorProductRunsInSeveralChunks() {
        // 64 input channels, 3x3 taps, 9x9 outputs: 46,656 product elements per sample, so 100 samples take 2 chunks
        check(11, new long[] {100, 64, 17, 17}, 6, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, 0.5);
    }

    @Test
    void nonZeroCountAndChoice() {
        INDArray dy = sparseGradient(7, 0.05, 4, 5, 6, 6);
        long expected = 0;
        for (float v : dy.data().asFloat()) {
            expected += v != 0f ? 1 : 0;
        }
        assertEquals(expected, FloatBits.nonZeros(Layout.floats(dy), Layout.offset(dy), (int) dy.length()));
        INDArray w = ConvReference.random(8, 5, 3, 3, 3).castTo(DataType.FLOAT);
        assertTrue(ConvPaths.useScatter(dy, w, 1), "5% non-zero");
        assertFalse(ConvPaths.useScatter(sparseGradient(9, 0.9, 4, 5, 6, 6), w, 1), "90% non-zero");
        assertFalse(ConvPaths.useScatter(dy.castTo(DataType.DOUBLE), w.castTo(DataType.DOUBLE), 1), "float64");
        assertFalse(ConvPaths.useScatter(dy, ConvReference.random(10, 5, 1, 3, 3).castTo(DataType.FLOAT), 3),
                "groups");
    }
}
