package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.kernel.Backends;
import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.ScatterConv;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CPU library's scatter data gradient of convolutions against the Java loops it mirrors
 * ({@link ScatterConv#transposeInJava}): the same float operations in the same order, so the results must be
 * bit-identical, for direct and heap buffers, with offsets, padding taps, -0 and exact zeros in dy.
 */
class NativeConvScatterTest {

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
        // C_in 5 and C_out 7: the four-row passes leave remainders; 1-D and 3-D windows
        check(geometry(new int[] {11}, new int[] {3}, new int[] {1}, new int[] {1}), 3, 7, 5, 0.5, 2, false);
        check(geometry(new int[] {4, 5, 3}, new int[] {2, 3, 2}, new int[] {1, 2, 1}, new int[] {0, 1, 1}), 2, 6, 3,
                0.3, 3, false);
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
    void theNativeBackendInstallsItIntoScatterConv() {
        if ("native".equals(Backends.provider().name()) || "cuda".equals(Backends.provider().name())) {
            assertTrue(ScatterConv.accelerated(), "selected " + Backends.provider().name());
        } else {
            assertTrue(!ScatterConv.accelerated(), "selected " + Backends.provider().name());
        }
    }
}
