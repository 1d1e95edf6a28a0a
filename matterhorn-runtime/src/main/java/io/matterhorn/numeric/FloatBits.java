package io.matterhorn.numeric;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * Tests on float values written as integer arithmetic, for the inner loops of the sparse kernels, and whole-array
 * scans built on them ({@link #nonZeros}, {@link #allFinite}). C2 compiles a conditional such as
 * {@code v != 0f ? 1 : 0} into a branch when its profile (often gathered on all-zero data during warm-up) says the
 * branch is predictable; on spike data it is not, and the mispredictions made such loops 2-3x slower in
 * measurements. Arithmetic has no branch to mispredict.
 *
 * <p>The scans run compiled code when a kernel backend has installed an {@link Accelerator}
 * ({@code io.matterhorn.kernel.Backends} installs the selected provider's); the tests are exact, so the results
 * are the same either way. Like the other {@code numeric} kernels, the scans do not validate their arguments beyond
 * what the buffers enforce (an index outside a buffer throws; the compiled ones refuse negative offsets and short
 * buffers with an {@link IllegalArgumentException}); their callers check shapes and types. Thread-safe.
 */
public final class FloatBits {
    private static volatile Accelerator accelerator;

    private FloatBits() {
    }

    /**
     * Compiled implementations of the scans (exact integer tests, so the same results as the Java loops).
     * Implementations must be thread-safe.
     */
    public interface Accelerator {
        /**
         * {@link #nonZeros}.
         *
         * @param x float32 values from {@code off}, a direct buffer in native order or a heap buffer
         * @param off first element
         * @param len number of elements
         * @return the number of elements that are not +0 or -0
         */
        long nonZeros(FloatBuffer x, int off, int len);

        /**
         * {@link #allFinite}.
         *
         * @param x float32 values from {@code off}, a direct buffer in native order or a heap buffer
         * @param off first element
         * @param len number of elements
         * @return true if no element is NaN or infinite
         */
        boolean allFinite(FloatBuffer x, int off, int len);
    }

    /**
     * Installs (or, with null, removes) the compiled scans.
     *
     * @param a the implementation, or null for the Java loops
     */
    public static void accelerate(Accelerator a) {
        accelerator = a;
    }

    /**
     * Counts the non-zero elements of a float32 array (NaN counts as non-zero), compiled when an
     * {@link Accelerator} is installed, else by {@link #nonZerosInJava}.
     *
     * @param x values from {@code off}
     * @param off first element
     * @param len number of elements
     * @return the number of elements that are not +0 or -0
     */
    public static long nonZeros(FloatBuffer x, int off, int len) {
        Accelerator a = accelerator;
        return a != null ? a.nonZeros(x, off, len) : nonZerosInJava(x, off, len);
    }

    /**
     * {@link #nonZeros} by the Java loops (parallel blocks), whether or not an {@link Accelerator} is installed.
     *
     * @param x values from {@code off}
     * @param off first element
     * @param len number of elements
     * @return the number of elements that are not +0 or -0
     */
    public static long nonZerosInJava(FloatBuffer x, int off, int len) {
        long total = 0;
        for (long c : Parallel.reduce(len, 1 << 16, (from, to) -> {
            float[] block = new float[Math.min(4096, to - from)];
            long count = 0;
            for (int i = from; i < to; i += block.length) {
                int n = Math.min(block.length, to - i);
                x.get(off + i, block, 0, n);
                for (int q = 0; q < n; q++) {
                    count += nonZero(block[q]);
                }
            }
            return count;
        })) {
            total += c;
        }
        return total;
    }

    /**
     * @param v any value
     * @return 1 if {@code v} is not +0 or -0 (NaN counts as non-zero), else 0
     */
    public static int nonZero(float v) {
        int magnitude = Float.floatToRawIntBits(v) & 0x7fffffff;
        return (magnitude | -magnitude) >>> 31;
    }

    /**
     * Whether float32 values are all finite (exponent field not all ones), compiled when an {@link Accelerator} is
     * installed, else by {@link #allFiniteInJava}. Exact, where a sum of the values can overflow.
     *
     * @param raw the values' bytes in native order (for example ND4J's {@code data().asNio()})
     * @param off first element (in floats)
     * @param len number of elements
     * @return true if no element is NaN or infinite
     */
    public static boolean allFinite(ByteBuffer raw, int off, int len) {
        ByteBuffer b = raw.duplicate().order(ByteOrder.nativeOrder());
        Accelerator a = accelerator;
        return a != null ? a.allFinite(b.asFloatBuffer(), off, len) : allFiniteInJava(b.asIntBuffer(), off, len);
    }

    /**
     * {@link #allFinite} by the Java loops: parallel blocks with integer operations only (the JIT vectorises the
     * loop), whether or not an {@link Accelerator} is installed.
     *
     * @param bits the values' raw bits ({@code Float.floatToRawIntBits}) from {@code off}, e.g. an
     *     {@code IntBuffer} view of a float buffer in native order
     * @param off first element
     * @param len number of elements
     * @return true if no element is NaN or infinite
     */
    public static boolean allFiniteInJava(IntBuffer bits, int off, int len) {
        for (long flag : Parallel.reduce(len, 1 << 16, (from, to) -> {
            int[] block = new int[Math.min(4096, to - from)];
            int bad = 0;
            for (int i = from; i < to; i += block.length) {
                int n = Math.min(block.length, to - i);
                bits.get(off + i, block, 0, n);
                for (int q = 0; q < n; q++) {
                    int t = (block[q] & 0x7f800000) ^ 0x7f800000;
                    bad |= (t - 1) >>> 31;
                }
            }
            return bad;
        })) {
            if (flag != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param v any value
     * @return 1 if {@code v} is not exactly 1.0f, else 0
     */
    public static int notOne(float v) {
        int diff = Float.floatToRawIntBits(v) ^ 0x3f800000;
        return (diff | -diff) >>> 31;
    }
}
