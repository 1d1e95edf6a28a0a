package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.kernel.Backends;
import io.matterhorn.numeric.FloatBits;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CPU library's whole-array scans ({@link NativeBridge#countNonZeros}, {@link NativeBridge#allFinite}) against
 * hand-counted data and the Java loops ({@link FloatBits#nonZerosInJava}, {@link FloatBits#allFiniteInJava}), on
 * every instruction-set copy, with offsets, -0, NaN and infinities.
 */
class NativeFloatScansTest {

    @BeforeEach
    void requireNative() {
        NativeTestSupport.requireNative();
    }

    /** 200,003 values from offset 3: several parallel chunks of 65,536 and a ragged end. */
    private static ByteBuffer values(long seed, double density) {
        Random rng = new Random(seed);
        ByteBuffer raw = ByteBuffer.allocateDirect(4 * 200_006).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 200_006; i++) {
            double r = rng.nextDouble();
            raw.putFloat(4 * i, r < density ? (float) rng.nextGaussian() : r < density + 0.1 ? -0f : 0f);
        }
        return raw;
    }

    private static long countByHand(FloatBuffer x, int off, int len) {
        long count = 0;
        for (int i = off; i < off + len; i++) {
            float v = x.get(i);
            count += v != 0f || Float.isNaN(v) ? 1 : 0;
        }
        return count;
    }

    @Test
    void nonZeroCountMatchesAHandCountOnEveryInstructionSet() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            for (double density : new double[] {0.0, 0.02, 0.5, 1.0}) {
                FloatBuffer x = values(10 + index, density).asFloatBuffer();
                x.put(4, Float.NaN);
                x.put(200_004, Float.NEGATIVE_INFINITY);
                long expected = countByHand(x, 3, 200_002);
                assertEquals(expected, NativeBridge.countNonZeros(x, 3, 200_002), isa + " density " + density);
                assertEquals(expected, FloatBits.nonZerosInJava(x, 3, 200_002), "Java, density " + density);
            }
        });
    }

    @Test
    void finiteScreenFindsEveryNonFiniteValueOnEveryInstructionSet() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            ByteBuffer raw = values(20 + index, 0.7);
            FloatBuffer x = raw.asFloatBuffer();
            x.put(10, Float.MAX_VALUE);
            assertTrue(NativeBridge.allFinite(x, 3, 200_002), isa + ": finite, incl. MAX_VALUE");
            for (int at : new int[] {3, 65_539, 200_004}) {
                for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                    float saved = x.get(at);
                    x.put(at, bad);
                    assertFalse(NativeBridge.allFinite(x, 3, 200_002), isa + ": " + bad + " at " + at);
                    assertFalse(FloatBits.allFiniteInJava(raw.asIntBuffer(), 3, 200_002), "Java: " + bad + " at " + at);
                    x.put(at, saved);
                }
            }
            x.put(2, Float.NaN);
            x.put(200_005, Float.POSITIVE_INFINITY);
            assertTrue(NativeBridge.allFinite(x, 3, 200_002), isa + ": outside the range it does not count");
        });
    }

    @Test
    void channelSumsAreBitIdenticalToJavaOnEveryInstructionSet() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            for (int[] shape : new int[][] {{37, 5, 19}, {3, 64, 289}, {40, 2, 8}, {1, 1, 3}, {0, 4, 4}}) {
                int n = shape[0];
                int c = shape[1];
                int plane = shape[2];
                Random rng = new Random(60 + index);
                FloatBuffer g = ByteBuffer.allocateDirect(4 * (2 + n * c * plane)).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                for (int i = 0; i < 2 + n * c * plane; i++) {
                    double r = rng.nextDouble();
                    g.put(i, r < 0.4 ? 0f : r < 0.45 ? -0f : (float) (rng.nextGaussian() * Math.exp(4 * r)));
                }
                double[] expected = io.matterhorn.numeric.ChannelSums.sumsInJava(g, 2, n, c, plane);
                double[] actual = new double[c];
                NativeBridge.channelSums(g, 2, n, c, plane, actual);
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 0.0,
                        isa + " " + java.util.Arrays.toString(shape));
            }
        });
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.channelSums(new float[10], 0, 2, 2, 3,
                new double[2]));
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.channelSums(new float[12], 0, 2, 2, 3,
                new double[1]));
    }

    @Test
    void heapBuffersAndBadArguments() {
        FloatBuffer heap = FloatBuffer.wrap(new float[] {0f, 1f, -0f, 2f, Float.NaN});
        assertEquals(3, new BridgeFloatScans().nonZeros(heap, 0, 5));
        assertFalse(new BridgeFloatScans().allFinite(heap, 0, 5));
        assertTrue(new BridgeFloatScans().allFinite(heap, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.countNonZeros(new float[4], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> NativeBridge.allFinite(new float[4], -1, 2));
    }

    @Test
    void theNativeBackendInstallsThem() {
        String selected = Backends.provider().name(); // selecting a backend installs its accelerators
        ByteBuffer raw = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        raw.putFloat(8, Float.NaN);
        long calls = NativeBridge.callCount(NativeBridge.CPU);
        assertFalse(FloatBits.allFinite(raw, 0, 4));
        assertEquals(1, FloatBits.nonZeros(raw.asFloatBuffer(), 0, 4));
        boolean nativeSelected = "native".equals(selected) || "cuda".equals(selected);
        assertEquals(nativeSelected ? calls + 2 : calls, NativeBridge.callCount(NativeBridge.CPU), "selected "
                + selected);
    }
}
