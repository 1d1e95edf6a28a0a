package io.matterhorn.kernel;

import java.nio.FloatBuffer;

/**
 * Size checks shared by every {@link SomaKernels} and {@link StdpKernels} implementation, so that each backend
 * rejects the same bad input with the same message (IllegalArgumentException naming the argument, the expected
 * size and the actual one).
 */
public final class SomaArgs {
    private SomaArgs() {
    }

    /**
     * @param steps T, &gt;= 0
     * @param neurons N, &gt;= 0
     * @return T * N
     * @throws IllegalArgumentException if negative or T * N exceeds Integer.MAX_VALUE
     */
    public static int elements(int steps, int neurons) {
        if (steps < 0 || neurons < 0) {
            throw new IllegalArgumentException("soma kernel: T and N must be >= 0, got T=" + steps + ", N="
                    + neurons);
        }
        long total = (long) steps * neurons;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("soma kernel: T*N = " + total + " exceeds " + Integer.MAX_VALUE);
        }
        return (int) total;
    }

    /**
     * @param name argument name for the message
     * @param a array that must hold at least T * N values
     * @param steps T
     * @param neurons N
     */
    public static void requireArray(String name, float[] a, int steps, int neurons) {
        int need = elements(steps, neurons);
        if (a == null || a.length < need) {
            throw new IllegalArgumentException("soma kernel: " + name + " must hold [T=" + steps + ", N=" + neurons
                    + "] = " + need + " floats, got " + (a == null ? "null" : a.length));
        }
    }

    /**
     * @param name argument name
     * @param a array that must hold at least {@code need} values; null is allowed when {@code optional}
     * @param need required length
     * @param optional whether null is allowed
     */
    public static void requireLength(String name, float[] a, int need, boolean optional) {
        if (a == null ? !optional : a.length < need) {
            throw new IllegalArgumentException("soma kernel: " + name + " must hold " + need + " floats, got "
                    + (a == null ? "null" : a.length));
        }
    }

    /**
     * @param name argument name
     * @param b buffer that must hold {@code need} values from {@code off} (absolute indexing); null is allowed
     *     when {@code optional}
     * @param off offset, &gt;= 0
     * @param need number of values
     * @param optional whether null is allowed
     * @param output whether the kernel writes to it (then it must not be read-only)
     */
    public static void requireBuffer(String name, FloatBuffer b, int off, int need, boolean optional,
            boolean output) {
        if (b == null) {
            if (!optional) {
                throw new IllegalArgumentException("soma kernel: " + name + " must not be null");
            }
            return;
        }
        if (off < 0 || (long) off + need > b.limit()) {
            throw new IllegalArgumentException("soma kernel: " + name + " must hold " + need + " floats from offset "
                    + off + ", but its limit is " + b.limit());
        }
        if (output && b.isReadOnly()) {
            throw new IllegalArgumentException("soma kernel: output " + name + " is read-only");
        }
    }

    /**
     * Checks every argument of {@link SomaKernels#forward}.
     *
     * @param spec settings
     * @param x input
     * @param xOff offset of x
     * @param h0 initial potentials or null
     * @param steps T
     * @param neurons N
     * @param spikes output spikes
     * @param u output potentials
     * @param hLast output final potentials
     */
    public static void checkForward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, int steps, int neurons,
            FloatBuffer spikes, float[] u, float[] hLast) {
        if (spec == null) {
            throw new IllegalArgumentException("soma kernel: spec must not be null");
        }
        int total = elements(steps, neurons);
        requireBuffer("x [T, N]", x, xOff, total, false, false);
        requireLength("h0 [N]", h0, neurons, true);
        requireBuffer("spikes [T, N]", spikes, 0, total, false, true);
        requireLength("u [T, N]", u, total, false);
        requireLength("hLast [N]", hLast, neurons, false);
    }

    /**
     * Checks the listing arguments of {@link SomaKernels#forwardListingSpikes}.
     *
     * @param steps T
     * @param neurons N
     * @param cols columns of the listed matrix
     * @throws IllegalArgumentException if cols is not positive or does not divide T * N
     */
    public static void checkListing(int steps, int neurons, int cols) {
        int total = elements(steps, neurons);
        if (cols < 1 || total % cols != 0) {
            throw new IllegalArgumentException("soma kernel: cols must be >= 1 and divide T*N = " + total
                    + ", got " + cols);
        }
    }

    /**
     * Checks every argument of {@link SomaKernels#backward}.
     *
     * @param spec settings
     * @param x input
     * @param xOff offset of x
     * @param h0 initial potentials or null
     * @param u saved potentials
     * @param gradSpikes dL/do
     * @param gOff offset of gradSpikes
     * @param gradHLast dL/dhLast or null
     * @param steps T
     * @param neurons N
     * @param gradX output or null
     * @param gradH0 output or null
     */
    public static void checkBackward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u,
            FloatBuffer gradSpikes, int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX,
            float[] gradH0) {
        checkBackward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0, false);
    }

    /**
     * Checks every argument of {@link SomaKernels#backward}, x optional for a backward without parameter
     * gradients after {@link SomaKernels#forwardAfterConvolution}.
     *
     * @param spec settings
     * @param x input, null allowed when {@code inputOptional}
     * @param xOff offset of x
     * @param h0 initial potentials or null
     * @param u saved potentials
     * @param gradSpikes dL/do
     * @param gOff offset of gradSpikes
     * @param gradHLast dL/dhLast or null
     * @param steps T
     * @param neurons N
     * @param gradX output or null
     * @param gradH0 output or null
     * @param inputOptional whether x may be null
     */
    public static void checkBackward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u,
            FloatBuffer gradSpikes, int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX,
            float[] gradH0, boolean inputOptional) {
        if (spec == null) {
            throw new IllegalArgumentException("soma kernel: spec must not be null");
        }
        int total = elements(steps, neurons);
        requireBuffer("x [T, N]", x, xOff, total, inputOptional, false);
        requireLength("h0 [N]", h0, neurons, true);
        requireLength("u [T, N]", u, total, false);
        requireBuffer("gradSpikes [T, N]", gradSpikes, gOff, total, false, false);
        requireLength("gradHLast [N]", gradHLast, neurons, true);
        requireBuffer("gradX [T, N]", gradX, 0, total, true, true);
        requireLength("gradH0 [N]", gradH0, neurons, true);
    }
}
