package io.matterhorn.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SpikeConv}'s overloads that take the input as lists of ones ({@link SparseRows}) against the dense-input
 * methods and against a plain loop that makes the float additions of the dense-input kernels in their order (every
 * sample, its non-zeros ascending, each one's (output, tap) pairs in increasing {@code o*K + k}; the weight gradient
 * summed per {@link Parallel#chunks} task, then over tasks in order): all must agree bit for bit.
 */
class SpikeConvListsTest {

    private static ConvGeometry geometry(int[] in, int[] kernel, int[] stride, int[] pad, int[] dil) {
        int[] out = new int[in.length];
        for (int a = 0; a < in.length; a++) {
            out[a] = (in[a] + 2 * pad[a] - dil[a] * (kernel[a] - 1) - 1) / stride[a] + 1;
        }
        return new ConvGeometry(in, out, kernel, stride, pad, pad, dil);
    }

    private static int[] ones(int dims) {
        int[] v = new int[dims];
        java.util.Arrays.fill(v, 1);
        return v;
    }

    /** Example 4's second layer window: 17x17, 3x3, stride 2, padding 1. */
    private static ConvGeometry example4() {
        return geometry(new int[] {17, 17}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, ones(2));
    }

    /**
     * Spikes [N, C*inPlane] from {@code off}: 1 with the given density, some -0 (a zero to the kernels), and every
     * third sample all zero.
     */
    private static FloatBuffer spikes(int off, int n, int sampleLen, double density, Random rng) {
        FloatBuffer x = FloatBuffer.allocate(off + n * sampleLen);
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < sampleLen; i++) {
                double r = s % 3 == 1 ? 1 : rng.nextDouble();
                x.put(off + s * sampleLen + i, r < density ? 1f : r < density + 0.05 ? -0f : 0f);
            }
        }
        return x;
    }

    private static FloatBuffer gaussian(int len, Random rng) {
        FloatBuffer b = FloatBuffer.allocate(len);
        for (int i = 0; i < len; i++) {
            b.put(i, (float) rng.nextGaussian());
        }
        return b;
    }

    private static boolean isOne(float v) {
        return Float.floatToRawIntBits(v) << 1 != 0;
    }

    /** The forward's additions in the kernels' order, from the dense input. */
    private static float[] forwardLoop(FloatBuffer x, int xOff, int n, int channels, FloatBuffer w,
            FloatBuffer bias, int cOut, ConvGeometry g) {
        int kernelSize = g.kernelSize();
        int inPlane = g.inPlane();
        int outPlane = g.outPlane();
        int[] taps = g.tapTable();
        float[] y = new float[n * cOut * outPlane];
        for (int s = 0; s < n; s++) {
            float[][] acc = new float[outPlane][cOut];
            for (float[] row : acc) {
                for (int co = 0; co < cOut; co++) {
                    row[co] = bias == null ? 0f : bias.get(co);
                }
            }
            for (int i = 0; i < channels * inPlane; i++) {
                if (!isOne(x.get(xOff + s * channels * inPlane + i))) {
                    continue;
                }
                int c = i / inPlane;
                for (int e = 0; e < taps.length; e++) {
                    if (taps[e] != i % inPlane) {
                        continue;
                    }
                    int o = e / kernelSize;
                    for (int co = 0; co < cOut; co++) {
                        acc[o][co] += w.get(co * channels * kernelSize + c * kernelSize + e % kernelSize);
                    }
                }
            }
            for (int o = 0; o < outPlane; o++) {
                for (int co = 0; co < cOut; co++) {
                    y[(s * cOut + co) * outPlane + o] = acc[o][co];
                }
            }
        }
        return y;
    }

    /** The weight gradient's additions in the kernels' order, from the dense input. */
    private static float[] weightGradientLoop(FloatBuffer x, int xOff, int n, int channels, FloatBuffer dy,
            int cOut, ConvGeometry g) {
        int kernelSize = g.kernelSize();
        int inPlane = g.inPlane();
        int outPlane = g.outPlane();
        int[] taps = g.tapTable();
        int colCount = channels * kernelSize;
        int tasks = Parallel.chunks(n, 1);
        float[][][] partial = new float[tasks][colCount][cOut];
        for (int t = 0; t < tasks; t++) {
            for (int s = (int) ((long) n * t / tasks); s < (int) ((long) n * (t + 1) / tasks); s++) {
                for (int i = 0; i < channels * inPlane; i++) {
                    if (!isOne(x.get(xOff + s * channels * inPlane + i))) {
                        continue;
                    }
                    for (int e = 0; e < taps.length; e++) {
                        if (taps[e] != i % inPlane) {
                            continue;
                        }
                        int j = i / inPlane * kernelSize + e % kernelSize;
                        for (int co = 0; co < cOut; co++) {
                            partial[t][j][co] += dy.get((s * cOut + co) * outPlane + e / kernelSize);
                        }
                    }
                }
            }
        }
        float[] dw = new float[cOut * colCount];
        for (int j = 0; j < colCount; j++) {
            for (int co = 0; co < cOut; co++) {
                float sum = 0f;
                for (float[][] part : partial) {
                    sum += part[j][co];
                }
                dw[co * colCount + j] = sum;
            }
        }
        return dw;
    }

    private static float[] read(FloatBuffer b, int off, int len) {
        float[] v = new float[len];
        b.get(off, v, 0, len);
        return v;
    }

    private static void check(ConvGeometry g, int n, int channels, int cOut, double density, long seed) {
        Random rng = new Random(seed);
        int sampleLen = channels * g.inPlane();
        int yLen = n * cOut * g.outPlane();
        FloatBuffer x = spikes(3, n, sampleLen, density, rng);
        FloatBuffer w = gaussian(cOut * channels * g.kernelSize(), rng);
        FloatBuffer bias = gaussian(cOut, rng);
        FloatBuffer dy = gaussian(yLen, rng);
        SparseRows lists = SparseRows.compress(x, 3, n, sampleLen);
        String label = "N " + n + ", C " + channels + ", C_out " + cOut + ", density " + density;
        for (FloatBuffer b : new FloatBuffer[] {null, bias}) {
            float[] expected = forwardLoop(x, 3, n, channels, w, b, cOut, g);
            FloatBuffer fromX = FloatBuffer.allocate(yLen);
            SpikeConv.forward(x, 3, n, channels, w, 0, b, 0, cOut, g, fromX, 0);
            FloatBuffer fromLists = FloatBuffer.allocate(2 + yLen);
            SpikeConv.forward(lists, w, 0, b, 0, cOut, g, fromLists, 2);
            FloatBuffer fromListsInJava = FloatBuffer.allocate(yLen);
            SpikeConv.forwardInJava(lists, w, 0, b, 0, cOut, g, fromListsInJava, 0);
            String what = label + (b == null ? ", no bias" : ", bias");
            assertArrayEquals(expected, read(fromX, 0, yLen), "forward from x: " + what);
            assertArrayEquals(expected, read(fromLists, 2, yLen), "forward from lists: " + what);
            assertArrayEquals(expected, read(fromListsInJava, 0, yLen), "forwardInJava from lists: " + what);
        }
        float[] dwExpected = weightGradientLoop(x, 3, n, channels, dy, cOut, g);
        assertArrayEquals(dwExpected, SpikeConv.weightGradient(x, 3, n, channels, dy, 0, cOut, g),
                "dW from x: " + label);
        assertArrayEquals(dwExpected, SpikeConv.weightGradient(lists, dy, 0, cOut, g), "dW from lists: " + label);
        assertArrayEquals(dwExpected, SpikeConv.weightGradientInJava(lists, dy, 0, cOut, g),
                "dW InJava from lists: " + label);
        if (density > 0) {
            assertTrue(lists.nonZeros() > 0, label + ": some ones");
        }
    }

    @Test
    void example4SecondLayer() {
        check(example4(), 7, 16, 8, 0.1, 1);
        check(example4(), 5, 3, 5, 0.4, 2);
    }

    @Test
    void oddPlanesOneAndThreeDimensionsAndDilation() {
        check(geometry(new int[] {9}, new int[] {3}, new int[] {1}, new int[] {1}, ones(1)), 6, 3, 7, 0.3, 3);
        check(geometry(new int[] {4, 5, 3}, new int[] {2, 3, 2}, new int[] {1, 2, 1}, new int[] {0, 1, 1},
                ones(3)), 4, 2, 5, 0.5, 4);
        check(geometry(new int[] {7, 5}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 0}, new int[] {2, 1}), 5,
                3, 4, 0.25, 5);
    }

    @Test
    void allZeroAndFullInputs() {
        check(example4(), 4, 3, 4, 0.0, 6);
        check(geometry(new int[] {5, 5}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, ones(2)), 4, 2, 3,
                1.0, 7);
    }

    @Test
    void listsThatDoNotFitTheGeometryAreRefused() {
        ConvGeometry g = example4();
        FloatBuffer w = FloatBuffer.allocate(2 * 2 * 9);
        FloatBuffer y = FloatBuffer.allocate(2 * g.outPlane());
        SparseRows notAPlaneMultiple = new SparseRows(1, 2 * g.inPlane() + 1, new int[] {0, 0}, new int[0], null);
        IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
                () -> SpikeConv.forward(notAPlaneMultiple, w, 0, null, 0, 2, g, y, 0));
        assertTrue(cols.getMessage().contains("ones.cols()") && cols.getMessage().contains("forward"),
                cols.getMessage());
        IllegalArgumentException colsGrad = assertThrows(IllegalArgumentException.class,
                () -> SpikeConv.weightGradientInJava(notAPlaneMultiple, y, 0, 2, g));
        assertTrue(colsGrad.getMessage().contains("ones.cols()"), colsGrad.getMessage());
        SparseRows withValues = new SparseRows(1, 2 * g.inPlane(), new int[] {0, 1}, new int[] {4},
                new float[] {0.5f});
        IllegalArgumentException values = assertThrows(IllegalArgumentException.class,
                () -> SpikeConv.weightGradient(withValues, y, 0, 2, g));
        assertTrue(values.getMessage().contains("values"), values.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SpikeConv.forwardInJava(withValues, w, 0, null, 0, 2, g, y, 0));
    }
}
