package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.kernel.Backends;
import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.ScatterConv;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeConv;
import io.matterhorn.tensor.ConvSpec;
import io.matterhorn.tensor.Convolution;
import io.matterhorn.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU library's convolution kernels against the Java loops they mirror ({@link ScatterConv#transposeInJava},
 * {@link SpikeConv#forwardInJava}, {@link SpikeConv#weightGradientInJava}, with the input dense and as lists of its
 * ones): the same float operations in the same order, so the results must be bit-identical, for direct and heap
 * buffers, with offsets, padding taps, -0 and exact zeros.
 */
class NativeConvKernelsTest {

    @BeforeEach
    void requireNative() {
        NativeTestSupport.requireNative();
    }

    private static FloatBuffer direct(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static ConvGeometry geometry(int[] in, int[] kernel, int[] stride, int[] pad) {
        int[] out = new int[in.length];
        int[] dil = new int[in.length];
        for (int a = 0; a < in.length; a++) {
            dil[a] = 1;
            out[a] = (in[a] + 2 * pad[a] - (kernel[a] - 1) - 1) / stride[a] + 1;
        }
        return new ConvGeometry(in, out, kernel, stride, pad, pad, dil);
    }

    private static void check(ConvGeometry g, int n, int cOut, int cIn, double density, long seed, boolean heapDx) {
        check(g, n, cOut, cIn, density, seed, heapDx, null);
    }

    /** As above; a non-null {@code badWeight} replaces weight 1 (to put a non-finite value among the weights). */
    private static void check(ConvGeometry g, int n, int cOut, int cIn, double density, long seed, boolean heapDx,
            Float badWeight) {
        Random rng = new Random(seed);
        int dyLen = n * cOut * g.outPlane();
        int wLen = cOut * cIn * g.kernelSize();
        int dxLen = n * cIn * g.inPlane();
        FloatBuffer dy = direct(3 + dyLen);
        for (int i = 0; i < dyLen; i++) {
            double r = rng.nextDouble();
            dy.put(3 + i, r < density ? (float) rng.nextGaussian() : r < density + 0.05 ? -0f : 0f);
        }
        FloatBuffer w = direct(wLen);
        for (int i = 0; i < wLen; i++) {
            w.put(i, (float) rng.nextGaussian());
        }
        if (badWeight != null) {
            w.put(1, badWeight);
        }
        FloatBuffer expected = direct(dxLen);
        ScatterConv.transposeInJava(dy, 3, n, cOut, w, 0, cIn, g, expected, 0);
        FloatBuffer actual = heapDx ? FloatBuffer.allocate(2 + dxLen) : direct(2 + dxLen);
        new BridgeConvScatter().transpose(dy, 3, n, cOut, w, 0, cIn, g.tapTable(), g.kernelSize(), g.inPlane(),
                g.outPlane(), actual, 2);
        float[] e = new float[dxLen];
        float[] a = new float[dxLen];
        expected.get(0, e, 0, dxLen);
        actual.get(2, a, 0, dxLen);
        assertArrayEquals(e, a, "native and Java scatter differ (density " + density + ")");
    }

    @Test
    void example4SecondLayerShapes() {
        // 3x3, stride 2, padding 1, 17x17 -> 9x9, 64 -> 64 channels; 2 samples; 38% non-zero as measured
        check(geometry(new int[] {17, 17}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}), 2, 64, 64, 0.38, 1,
                false);
    }

    @Test
    void oddChannelCountsAndRemainders() {
        // C_in 5 and C_out 7: the position tiles and register blocks leave remainders; 1-D and 3-D windows
        check(geometry(new int[] {11}, new int[] {3}, new int[] {1}, new int[] {1}), 3, 7, 5, 0.5, 2, false);
        check(geometry(new int[] {4, 5, 3}, new int[] {2, 3, 2}, new int[] {1, 2, 1}, new int[] {0, 1, 1}), 2, 6, 3,
                0.3, 3, false);
    }

    @Test
    void tilesSkipTheTapsThatFallIntoThePaddingForAllTheirPositions() {
        // example 4's third layer (9x9 -> 5x5: both borders of each axis lose a row of taps, the last tile is
        // partial), a 5x5 window with padding 2 (two rings of border positions) and a single row of odd width
        check(geometry(new int[] {9, 9}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}), 3, 64, 64, 0.39, 21,
                false);
        check(geometry(new int[] {7, 6}, new int[] {5, 5}, new int[] {1, 1}, new int[] {2, 2}), 2, 9, 17, 0.6, 22,
                false);
        check(geometry(new int[] {1, 5}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}), 2, 4, 3, 1.0, 23,
                false);
        // more than 64 taps (5x5x3): every tap is summed, in plain tiles
        check(geometry(new int[] {6, 6, 4}, new int[] {5, 5, 3}, new int[] {1, 1, 1}, new int[] {2, 2, 1}), 2, 5, 3,
                0.5, 24, false);
        // a non-finite weight: tiles of one position, each without its own padding taps
        check(geometry(new int[] {9, 9}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}), 2, 8, 5, 0.4, 25,
                false, Float.NEGATIVE_INFINITY);
    }

    @Test
    void fullDensityAndNonFiniteWeights() {
        ConvGeometry g = geometry(new int[] {17, 17}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1});
        check(g, 2, 64, 64, 1.0, 11, false);
        check(g, 2, 64, 64, 0.9, 12, false);
        // with an infinite weight, a zero entry must not contribute 0 * inf = NaN (the compiled tiles add zeros)
        check(g, 2, 8, 5, 0.3, 13, false, Float.POSITIVE_INFINITY);
        check(g, 2, 8, 5, 0.3, 14, false, Float.NaN);
    }

    @Test
    void heapResultBufferAndAllZeroGradient() {
        check(geometry(new int[] {6, 6}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}), 2, 4, 3, 0.4, 4, true);
        check(geometry(new int[] {6, 6}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}), 2, 4, 3, 0.0, 5, false);
    }

    @Test
    void badArgumentsAreRefusedByTheLibrary() {
        ConvGeometry g = geometry(new int[] {5, 5}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1});
        int[] taps = g.tapTable();
        FloatBuffer w = direct(2 * 2 * 9);
        FloatBuffer dx = direct(2 * g.inPlane());
        IllegalArgumentException shortDy = assertThrows(IllegalArgumentException.class,
                () -> NativeBridge.convScatterTranspose(direct(10), 0, 1, 2, w, 0, 2, taps, 9, g.inPlane(),
                        g.outPlane(), dx, 0));
        assertTrue(shortDy.getMessage().contains("dy"), shortDy.getMessage());
        int[] badTaps = taps.clone();
        badTaps[4] = g.inPlane();
        FloatBuffer dy = direct(2 * g.outPlane());
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.convScatterTranspose(dy, 0, 1, 2, w, 0, 2,
                badTaps, 9, g.inPlane(), g.outPlane(), dx, 0));
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.convScatterTranspose(dy, 0, 1, 2, w, 0, 2,
                new int[3], 9, g.inPlane(), g.outPlane(), dx, 0));
    }

    @Test
    void everyInstructionSetCopyMatchesJava() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            long calls = NativeBridge.callCount(NativeBridge.CPU);
            check(geometry(new int[] {9, 9}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}), 2, 19, 21, 0.4,
                    20 + index, false);
            check(geometry(new int[] {9, 9}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}), 2, 16, 64, 1.0,
                    40 + index, false);
            check(geometry(new int[] {9, 9}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}), 2, 16, 64, 0.3,
                    50 + index, false, Float.NEGATIVE_INFINITY);
            checkSpikeConv(geometry(new int[] {9, 9}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}), 2, 3, 21,
                    0.3, 30 + index, true, false);
            assertTrue(NativeBridge.callCount(NativeBridge.CPU) >= calls + 5, "the library ran (" + isa + ")");
        });
    }

    @Test
    void theNativeBackendInstallsItIntoScatterConv() {
        if ("native".equals(Backends.provider().name()) || "cuda".equals(Backends.provider().name())) {
            assertTrue(ScatterConv.accelerated(), "selected " + Backends.provider().name());
        } else {
            assertTrue(!ScatterConv.accelerated(), "selected " + Backends.provider().name());
        }
    }

    /** Spikes with the given density; -0 entries count as zeros. */
    private static FloatBuffer spikes(int offset, int len, double density, Random rng) {
        FloatBuffer x = direct(offset + len);
        for (int i = 0; i < len; i++) {
            double r = rng.nextDouble();
            x.put(offset + i, r < density ? 1f : r < density + 0.05 ? -0f : 0f);
        }
        return x;
    }

    private static void checkSpikeConv(ConvGeometry g, int n, int channels, int cOut, double density, long seed,
            boolean withBias, boolean heapY) {
        Random rng = new Random(seed);
        int xLen = n * channels * g.inPlane();
        int yLen = n * cOut * g.outPlane();
        FloatBuffer x = spikes(1, xLen, density, rng);
        FloatBuffer w = direct(cOut * channels * g.kernelSize());
        for (int i = 0; i < w.capacity(); i++) {
            w.put(i, (float) rng.nextGaussian());
        }
        FloatBuffer bias = direct(2 + cOut);
        for (int i = 0; i < bias.capacity(); i++) {
            bias.put(i, (float) rng.nextGaussian());
        }
        FloatBuffer dy = direct(yLen);
        for (int i = 0; i < yLen; i++) {
            dy.put(i, rng.nextInt(3) == 0 ? 0f : (float) rng.nextGaussian());
        }
        FloatBuffer expected = direct(yLen);
        SpikeConv.forwardInJava(x, 1, n, channels, w, 0, withBias ? bias : null, 2, cOut, g, expected, 0);
        FloatBuffer actual = heapY ? FloatBuffer.allocate(4 + yLen) : direct(4 + yLen);
        BridgeSpikeConv kernels = new BridgeSpikeConv();
        kernels.forward(x, 1, n, channels, w, 0, withBias ? bias : null, 2, cOut, g.tapTable(), g.kernelSize(),
                g.inPlane(), g.outPlane(), actual, 4);
        float[] e = new float[yLen];
        float[] a = new float[yLen];
        expected.get(0, e, 0, yLen);
        actual.get(4, a, 0, yLen);
        assertArrayEquals(e, a, "forward differs (density " + density + ")");
        float[] dwJava = SpikeConv.weightGradientInJava(x, 1, n, channels, dy, 0, cOut, g);
        float[] dwNative = kernels.weightGradient(x, 1, n, channels, dy, 0, cOut, g.tapTable(), g.kernelSize(),
                g.inPlane(), g.outPlane(), io.matterhorn.numeric.Parallel.chunks(n, 1));
        assertArrayEquals(dwJava, dwNative, "weight gradient differs (density " + density + ")");
        checkSpikeConvLists(x, 1, n, channels, w, withBias ? bias : null, dy, cOut, g, heapY, e, dwJava);
    }

    /**
     * The list-taking kernels on x's ones: the same bits as the Java list loops, which give those of the dense
     * kernels ({@code yDense}, {@code dwDense}).
     */
    private static void checkSpikeConvLists(FloatBuffer x, int xOff, int n, int channels, FloatBuffer w,
            FloatBuffer bias, FloatBuffer dy, int cOut, ConvGeometry g, boolean heapY, float[] yDense,
            float[] dwDense) {
        int yLen = n * cOut * g.outPlane();
        SparseRows ones = SparseRows.compressInJava(x, xOff, n, channels * g.inPlane());
        FloatBuffer expected = direct(yLen);
        SpikeConv.forwardInJava(ones, w, 0, bias, 2, cOut, g, expected, 0);
        FloatBuffer actual = heapY ? FloatBuffer.allocate(3 + yLen) : direct(3 + yLen);
        BridgeSpikeConv kernels = new BridgeSpikeConv();
        kernels.forward(ones, channels, w, 0, bias, 2, cOut, g.tapTable(), g.kernelSize(), g.inPlane(), g.outPlane(),
                actual, 3);
        float[] e = new float[yLen];
        float[] a = new float[yLen];
        expected.get(0, e, 0, yLen);
        actual.get(3, a, 0, yLen);
        assertArrayEquals(yDense, e, "Java forward from lists differs from the dense one");
        assertArrayEquals(e, a, "native forward from lists differs from Java");
        float[] dwJava = SpikeConv.weightGradientInJava(ones, dy, 0, cOut, g);
        float[] dwNative = kernels.weightGradient(ones, channels, dy, 0, cOut, g.tapTable(), g.kernelSize(),
                g.inPlane(), g.outPlane(), io.matterhorn.numeric.Parallel.chunks(n, 1));
        assertArrayEquals(dwDense, dwJava, "Java weight gradient from lists differs from the dense one");
        assertArrayEquals(dwJava, dwNative, "native weight gradient from lists differs from Java");
        for (int tasks : new int[] {1, 3}) {
            float[] dense = new float[dwNative.length];
            NativeBridge.convSpikeWeightGradient(x, xOff, n, channels, dy, 0, cOut, g.tapTable(), g.kernelSize(),
                    g.inPlane(), g.outPlane(), tasks, dense);
            float[] lists = new float[dwNative.length];
            NativeBridge.convSpikeWeightGradientLists(ones.rowStart(), ones.columns(), n, channels, dy, 0, cOut,
                    g.tapTable(), g.kernelSize(), g.inPlane(), g.outPlane(), tasks, lists);
            assertArrayEquals(dense, lists, "native weight gradients from x and lists differ, " + tasks + " tasks");
        }
    }

    @Test
    void spikeConvolutionOnExample4Shapes() {
        // first layer: 2 -> 64 channels, 34x34 -> 17x17; second: 64 -> 64, 17x17 -> 9x9
        checkSpikeConv(geometry(new int[] {34, 34}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}), 3, 2, 64,
                0.2, 6, true, false);
        checkSpikeConv(geometry(new int[] {17, 17}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}), 3, 64, 64,
                0.1, 7, true, false);
        // sparse enough that most blocks of 16 input values are all zero (the listing skips them whole)
        checkSpikeConv(geometry(new int[] {17, 17}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}), 3, 64, 64,
                0.005, 8, true, false);
    }

    @Test
    void spikeConvolutionOddShapesWithoutBiasIntoAHeapBuffer() {
        checkSpikeConv(geometry(new int[] {9}, new int[] {3}, new int[] {1}, new int[] {1}), 5, 3, 7, 0.4, 8, false,
                true);
        checkSpikeConv(geometry(new int[] {4, 5, 3}, new int[] {2, 3, 2}, new int[] {1, 2, 1}, new int[] {0, 1, 1}),
                2, 2, 5, 0.5, 9, true, false);
        checkSpikeConv(geometry(new int[] {6, 6}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}), 2, 2, 3,
                0.0, 10, true, false);
    }

    @Test
    void spikeConvolutionArgumentsAreCheckedByTheLibrary() {
        ConvGeometry g = geometry(new int[] {5, 5}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1});
        FloatBuffer w = direct(2 * 2 * 9);
        IllegalArgumentException shortX = assertThrows(IllegalArgumentException.class,
                () -> NativeBridge.convSpikeForward(direct(5), 0, 1, 2, w, 0, null, 0, 2, g.tapTable(), 9,
                        g.inPlane(), g.outPlane(), direct(2 * g.outPlane()), 0));
        assertTrue(shortX.getMessage().contains("x [N, C, in]"), shortX.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.convSpikeWeightGradient(direct(50), 0, 1, 2,
                direct(2 * g.outPlane()), 0, 2, g.tapTable(), 9, g.inPlane(), g.outPlane(), 0, new float[36]));
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.convSpikeWeightGradient(direct(50), 0, 1, 2,
                direct(2 * g.outPlane()), 0, 2, g.tapTable(), 9, g.inPlane(), g.outPlane(), 1, new float[35]));
    }

    @Test
    void convolutionOnSpikesGivesTheBitsOfTheJavaLoops() {
        // Convolution.conv lists the ones once (compressed by the selected backend) and hands them to the forward
        // and the weight gradient; example 4's window, 10% ones, every fourth sample empty
        ConvGeometry g = geometry(new int[] {17, 17}, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1});
        int n = 6;
        int channels = 5;
        int cOut = 7;
        Random rng = new Random(60);
        float[] x = new float[n * channels * g.inPlane()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / (channels * g.inPlane()) % 4 != 3 && rng.nextDouble() < 0.1 ? 1f : 0f;
        }
        float[] w = gaussians(cOut * channels * g.kernelSize(), rng);
        float[] b = gaussians(cOut, rng);
        float[] dy = gaussians(n * cOut * g.outPlane(), rng);
        Tensor xt = Tensor.variable(Nd4j.create(x, new long[] {n, channels, 17, 17}, 'c'));
        Tensor wt = Tensor.parameter(Nd4j.create(w, new long[] {cOut, channels, 3, 3}, 'c'), true);
        Tensor bt = Tensor.parameter(Nd4j.create(b, new long[] {cOut}, 'c'), true);
        // selecting the backend installs its kernels
        boolean nativeSelected = "native".equals(Backends.provider().name());
        long calls = NativeBridge.callCount(NativeBridge.CPU);
        Tensor y = Convolution.conv(xt, wt, bt, ConvSpec.of(2).stride(2).padding(1));
        y.backward(Nd4j.create(dy, new long[] {n, cOut, 9, 9}, 'c'));
        if (nativeSelected) {
            // the compression (count, fill), the forward and the weight gradient at least
            assertTrue(NativeBridge.callCount(NativeBridge.CPU) >= calls + 4, "the library ran");
        }
        FloatBuffer expected = FloatBuffer.allocate(n * cOut * g.outPlane());
        SpikeConv.forwardInJava(FloatBuffer.wrap(x), 0, n, channels, FloatBuffer.wrap(w), 0, FloatBuffer.wrap(b), 0,
                cOut, g, expected, 0);
        assertArrayEquals(expected.array(), y.value().dup('c').data().asFloat(), "output");
        float[] dw = SpikeConv.weightGradientInJava(FloatBuffer.wrap(x), 0, n, channels, FloatBuffer.wrap(dy), 0,
                cOut, g);
        assertArrayEquals(dw, wt.grad().dup('c').data().asFloat(), "dW");
    }

    private static float[] gaussians(int len, Random rng) {
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    @Test
    void spikeConvolutionListsAreCheckedByTheLibrary() {
        ConvGeometry g = geometry(new int[] {5, 5}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1});
        int[] taps = g.tapTable();
        FloatBuffer w = direct(2 * 2 * 9);
        FloatBuffer y = direct(2 * g.outPlane());
        int[] rowStart = {0, 2};
        // C = 2, inPlane = 25: flat indices in [0, 50)
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> NativeBridge.convSpikeForwardLists(rowStart, new int[] {3, 50}, 1, 2, w, 0, null, 0, 2, taps, 9,
                        g.inPlane(), g.outPlane(), y, 0));
        assertTrue(column.getMessage().contains("columns[1] = 50"), column.getMessage());
        IllegalArgumentException shortStart = assertThrows(IllegalArgumentException.class,
                () -> NativeBridge.convSpikeForwardLists(new int[] {0}, new int[] {3}, 1, 2, w, 0, null, 0, 2, taps, 9,
                        g.inPlane(), g.outPlane(), y, 0));
        assertTrue(shortStart.getMessage().contains("rowStart"), shortStart.getMessage());
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                () -> NativeBridge.convSpikeWeightGradientLists(new int[] {0, 3}, new int[] {1, 2}, 1, 2, y, 0, 2,
                        taps, 9, g.inPlane(), g.outPlane(), 1, new float[36]));
        assertTrue(beyond.getMessage().contains("rowStart[rows]"), beyond.getMessage());
        IllegalArgumentException noTasks = assertThrows(IllegalArgumentException.class,
                () -> NativeBridge.convSpikeWeightGradientLists(rowStart, new int[] {1, 2}, 1, 2, y, 0, 2, taps, 9,
                        g.inPlane(), g.outPlane(), 0, new float[36]));
        assertTrue(noTasks.getMessage().contains("tasks"), noTasks.getMessage());
        IllegalArgumentException shortDw = assertThrows(IllegalArgumentException.class,
                () -> NativeBridge.convSpikeWeightGradientLists(rowStart, new int[] {1, 2}, 1, 2, y, 0, 2, taps, 9,
                        g.inPlane(), g.outPlane(), 1, new float[35]));
        assertTrue(shortDw.getMessage().contains("dW"), shortDw.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.convSpikeForwardLists(rowStart, null, 1, 2, w,
                0, null, 0, 2, taps, 9, g.inPlane(), g.outPlane(), y, 0));
    }
}
