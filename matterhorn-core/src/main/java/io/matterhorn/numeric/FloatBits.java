package io.matterhorn.numeric;

/**
 * Tests on float values written as integer arithmetic, for the inner loops of the sparse kernels. C2 compiles a
 * conditional such as {@code v != 0f ? 1 : 0} into a branch when its profile (often gathered on all-zero data
 * during warm-up) says the branch is predictable; on spike data it is not, and the mispredictions made such loops
 * 2-3x slower in measurements. Arithmetic has no branch to mispredict.
 *
 * <p>Stateless and thread-safe.
 */
public final class FloatBits {
    private FloatBits() {
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
     * @param v any value
     * @return 1 if {@code v} is not exactly 1.0f, else 0
     */
    public static int notOne(float v) {
        int diff = Float.floatToRawIntBits(v) ^ 0x3f800000;
        return (diff | -diff) >>> 31;
    }
}
