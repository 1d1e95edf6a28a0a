package io.matterhorn.jni;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.kernel.Backends;
import io.matterhorn.numeric.SparseRows;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The CPU library's compression of dense matrices ({@link NativeBridge#sparseRowsCount},
 * {@link NativeBridge#sparseRowsFill}, through {@link BridgeSparseRows}) against the Java loop
 * ({@link SparseRows#compressInJava}) array for array on every instruction-set copy: spike matrices of several
 * densities and widths, values other than 1, -0, NaN and infinities, offsets, heap and direct buffers; and the
 * argument checks.
 */
class NativeSparseRowsTest {
    private static final BridgeSparseRows BRIDGE = new BridgeSparseRows();
    private static final int[] COLS = {1, 15, 16, 17, 80, 784};
    private static final double[] DENSITIES = {0, 0.01, 0.13, 0.5, 1};

    @BeforeEach
    void requireNative() {
        NativeTestSupport.requireNative();
    }

    /** The three buffer kinds the accelerator takes: heap (with an array offset), direct native-order, read-only. */
    private static FloatBuffer[] buffers(float[] v) {
        float[] padded = new float[v.length + 3];
        System.arraycopy(v, 0, padded, 3, v.length);
        FloatBuffer heap = FloatBuffer.wrap(padded).position(3).slice();
        FloatBuffer direct = ByteBuffer.allocateDirect(4 * v.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
        direct.put(0, v);
        FloatBuffer other = FloatBuffer.wrap(v.clone()).asReadOnlyBuffer();
        return new FloatBuffer[] {heap, direct, other};
    }

    private static void assertSame(String what, float[] v, int off, int rows, int cols) {
        for (FloatBuffer b : buffers(v)) {
            String where = what + (b.isDirect() ? " direct" : b.isReadOnly() ? " read-only" : " heap");
            SparseRows expected = SparseRows.compressInJava(b, off, rows, cols);
            SparseRows actual = BRIDGE.compress(b, off, rows, cols);
            assertEquals(expected.rows(), actual.rows(), where);
            assertEquals(expected.cols(), actual.cols(), where);
            assertArrayEquals(expected.rowStart(), actual.rowStart(), where + ": rowStart");
            assertArrayEquals(expected.columns(), actual.columns(), where + ": columns");
            assertEquals(expected.values() == null, actual.values() == null, where + ": values stored");
            if (expected.values() != null) {
                assertArrayEquals(bits(expected.values()), bits(actual.values()), where + ": values");
            }
        }
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    private static float[] spikes(SplittableRandom r, int n, double density) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() < density ? 1f : 0f;
        }
        return v;
    }

    @Test
    void spikeMatricesEqualTheJavaLoopOnEveryInstructionSet() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            SplittableRandom r = new SplittableRandom(7 + index);
            for (int cols : COLS) {
                for (int rows : new int[] {0, 1, 2, 37, 700}) {
                    if ((long) rows * cols > 300_000) {
                        rows = 300_000 / cols;
                    }
                    for (double density : DENSITIES) {
                        float[] v = spikes(r, rows * cols, density);
                        assertSame(isa + " " + rows + "x" + cols + " density " + density, v, 0, rows, cols);
                    }
                }
            }
        });
    }

    @Test
    void valuesOtherThanOneAndSpecialBitsEqualTheJavaLoopOnEveryInstructionSet() {
        float[] special = {-0f, Float.NaN, Float.intBitsToFloat(0x7fc00123), Float.intBitsToFloat(0xffa00001),
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -1f, Math.nextUp(1f), Math.nextDown(1f),
            Float.MIN_VALUE, -Float.MIN_VALUE, 0.5f, 1f, 0f};
        NativeTestSupport.forEachIsa((isa, index) -> {
            SplittableRandom r = new SplittableRandom(70 + index);
            for (int cols : COLS) {
                int rows = Math.max(1, Math.min(900, 200_000 / cols));
                // spikes everywhere, one special value in one row: the Java chunks disagree on "binary"
                for (float s : special) {
                    float[] v = spikes(r, rows * cols, 0.13);
                    v[r.nextInt(v.length)] = s;
                    assertSame(isa + " " + rows + "x" + cols + " one " + Float.floatToRawIntBits(s), v, 0, rows,
                            cols);
                }
                // a mix of every kind of value
                float[] v = new float[rows * cols];
                for (int i = 0; i < v.length; i++) {
                    int k = r.nextInt(4);
                    v[i] = k == 0 ? special[r.nextInt(special.length)] : k == 1 ? (float) r.nextGaussian() : 0f;
                }
                assertSame(isa + " " + rows + "x" + cols + " mixed", v, 0, rows, cols);
            }
            // -0 does not count: ones and minus zeros stay binary
            float[] v = new float[64 * 80];
            for (int i = 0; i < v.length; i++) {
                v[i] = i % 3 == 0 ? 1f : -0f;
            }
            assertSame(isa + " ones and -0", v, 0, 64, 80);
            assertNull(BRIDGE.compress(FloatBuffer.wrap(v), 0, 64, 80).values(), isa);
            v[5] = 2f;
            assertNotNull(BRIDGE.compress(FloatBuffer.wrap(v), 0, 64, 80).values(), isa);
        });
    }

    @Test
    void offsetsAndEmptyShapesEqualTheJavaLoopOnEveryInstructionSet() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            SplittableRandom r = new SplittableRandom(700 + index);
            float[] v = spikes(r, 5000, 0.2);
            for (int off : new int[] {0, 1, 7, 16, 333}) {
                for (int cols : new int[] {0, 1, 17, 80}) {
                    int rows = cols == 0 ? 9 : (5000 - off) / cols;
                    assertSame(isa + " off " + off + " " + rows + "x" + cols, v, off, rows, cols);
                    assertSame(isa + " off " + off + " 0x" + cols, v, off, 0, cols);
                }
            }
            SparseRows none = BRIDGE.compress(FloatBuffer.allocate(0), 0, 0, 0);
            assertArrayEquals(new int[] {0}, none.rowStart(), isa);
            assertEquals(0, none.nonZeros(), isa);
        });
    }

    /** A row offset table with less room than the data needs (x changed after the count) is filled no further. */
    @Test
    void spikeListsAndRefusalsEqualTheJavaLoopOnEveryInstructionSet() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            SplittableRandom r = new SplittableRandom(900 + index);
            int rows = 97;
            int cols = 61;
            float[] v = new float[2 + rows * cols];
            int ones = 0;
            for (int i = 2; i < v.length; i++) {
                double u = r.nextDouble();
                v[i] = u < 0.15 ? 1f : u < 0.2 ? -0f : 0f;
                ones += v[i] == 1f ? 1 : 0;
            }
            FloatBuffer b = FloatBuffer.wrap(v);
            for (long limit : new long[] {ones, ones - 1, 0, Long.MAX_VALUE}) {
                SparseRows expected = SparseRows.compressSpikesInJava(b, 2, rows, cols, limit);
                SparseRows actual = BRIDGE.compressSpikes(b, 2, rows, cols, limit);
                if (expected == null) {
                    assertNull(actual, isa + ", limit " + limit);
                } else {
                    assertArrayEquals(expected.rowStart(), actual.rowStart(), isa + ", limit " + limit);
                    assertArrayEquals(expected.columns(), actual.columns(), isa + ", limit " + limit);
                    assertNull(actual.values(), isa);
                }
            }
            for (float other : new float[] {2f, Float.NaN, Float.POSITIVE_INFINITY, Math.nextDown(1f)}) {
                float[] w = v.clone();
                w[2 + r.nextInt(rows * cols)] = other;
                assertNull(BRIDGE.compressSpikes(FloatBuffer.wrap(w), 2, rows, cols, Long.MAX_VALUE),
                        isa + ", value " + other);
            }
        });
    }

    @Test
    void theFillStaysWithinTheRowOffsetsItIsGiven() {
        NativeTestSupport.forEachIsa((isa, index) -> {
            float[] v = new float[2 * 40];
            Arrays.fill(v, 1f);
            int[] columns = new int[3];
            float[] values = new float[3];
            NativeBridge.sparseRowsFill(v, 0, 2, 40, new int[] {0, 1, 3}, columns, values);
            assertArrayEquals(new int[] {0, 0, 1}, columns, isa);
            assertArrayEquals(new float[] {1f, 1f, 1f}, values, isa);
        });
    }

    @Test
    void malformedArgumentsAreRefusedNamingTheArgument() {
        FloatBuffer b = FloatBuffer.allocate(20);
        assertRefused("x", () -> BRIDGE.compress(null, 0, 2, 10));
        assertRefused("x", () -> BRIDGE.compressSpikes(null, 0, 2, 10, 5));
        assertRefused("off", () -> BRIDGE.compress(b, -1, 2, 10));
        assertRefused("rows", () -> BRIDGE.compress(b, 0, -2, 10));
        assertRefused("cols", () -> BRIDGE.compress(b, 0, 2, -10));
        assertRefused("x must hold", () -> BRIDGE.compress(b, 1, 2, 10));
        assertRefused("x must hold", () -> BRIDGE.compress(b.limit(19), 0, 2, 10));
        assertRefused("x must hold", () -> BRIDGE.compress(FloatBuffer.allocate(8), 0, 1 << 16, 1 << 16));
        float[] x = new float[20];
        int[] start = new int[3];
        assertRefused("xOff", () -> NativeBridge.sparseRowsCount(x, -1, 2, 10, start));
        assertRefused("rows", () -> NativeBridge.sparseRowsCount(x, 0, -1, 10, start));
        assertRefused("cols", () -> NativeBridge.sparseRowsCount(x, 0, 2, -1, start));
        assertRefused("rows * cols", () -> NativeBridge.sparseRowsCount(x, 0, 1 << 16, 1 << 16, start));
        assertRefused("x [rows, cols]", () -> NativeBridge.sparseRowsCount(null, 0, 2, 10, start));
        assertRefused("x [rows, cols]", () -> NativeBridge.sparseRowsCount(x, 1, 2, 10, start));
        assertRefused("x [rows, cols]", () -> NativeBridge.sparseRowsCount(new int[20], 0, 2, 10, start));
        assertRefused("rowStart", () -> NativeBridge.sparseRowsCount(x, 0, 2, 10, null));
        assertRefused("rowStart", () -> NativeBridge.sparseRowsCount(x, 0, 2, 10, new int[2]));
        int[] cols = new int[4];
        float[] vals = new float[4];
        int[] good = {0, 2, 4};
        assertRefused("rowStart", () -> NativeBridge.sparseRowsFill(x, 0, 2, 10, null, cols, vals));
        assertRefused("rowStart", () -> NativeBridge.sparseRowsFill(x, 0, 2, 10, new int[2], cols, vals));
        assertRefused("rowStart[0]", () -> NativeBridge.sparseRowsFill(x, 0, 2, 10, new int[] {1, 2, 4}, cols,
                vals));
        assertRefused("non-decreasing", () -> NativeBridge.sparseRowsFill(x, 0, 2, 10, new int[] {0, 3, 2}, cols,
                vals));
        assertRefused("columns", () -> NativeBridge.sparseRowsFill(x, 0, 2, 10, good, null, vals));
        assertRefused("columns", () -> NativeBridge.sparseRowsFill(x, 0, 2, 10, good, new int[3], vals));
        assertRefused("values", () -> NativeBridge.sparseRowsFill(x, 0, 2, 10, good, cols, new float[3]));
        assertRefused("x [rows, cols]", () -> NativeBridge.sparseRowsFill(x, 5, 2, 10, good, cols, vals));
        assertRefused("xOff", () -> NativeBridge.sparseRowsFill(x, -5, 2, 10, good, cols, vals));
        // values may be null (binary), and only the first rows + 1 row offsets count
        NativeBridge.sparseRowsFill(x, 0, 2, 10, new int[] {0, 0, 0, -9}, cols, null);
        NativeBridge.sparseRowsFill(x, 0, 2, 10, good, cols, vals);
    }

    private static void assertRefused(String argument, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, argument);
        assertTrue(e.getMessage().startsWith("native sparse rows: ") && e.getMessage().contains(argument),
                e.getMessage());
    }

    /** The native backend installs the compression, and SparseRows.compress then runs in the library. */
    @Test
    void theNativeBackendInstallsTheCompression() {
        String selected = Backends.provider().name(); // selecting a backend installs its accelerators
        boolean nativeSelected = "native".equals(selected) || "cuda".equals(selected);
        assertEquals(nativeSelected, SparseRows.accelerated(), "selected " + selected);
        SparseRows.Accelerator installed = Backends.provider().sparseRows();
        SparseRows.accelerate(BRIDGE);
        try {
            float[] v = spikes(new SplittableRandom(3), 300 * 80, 0.15);
            long calls = NativeBridge.callCount(NativeBridge.CPU);
            SparseRows s = SparseRows.compress(FloatBuffer.wrap(v), 0, 300, 80);
            assertEquals(calls + 2, NativeBridge.callCount(NativeBridge.CPU));
            assertArrayEquals(SparseRows.compressInJava(FloatBuffer.wrap(v), 0, 300, 80).columns(), s.columns());
            SparseRows.accelerate(null);
            assertFalse(SparseRows.accelerated());
        } finally {
            SparseRows.accelerate(installed);
        }
    }
}
