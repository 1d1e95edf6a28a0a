package io.matterhorn.numeric;

/**
 * One time step of Bernoulli draws over a list of candidates, the inner loop of rate (Poisson) coding: candidate
 * {@code e} (in {@code [0, C)}, {@code C = rowEnd[rows - 1]}) fires when its 24-bit uniform integer
 * {@code k_e <= threshold[e]}, where the draws come from a {@link SplitMix64} two per 64-bit number: draw
 * {@code d = mix64(state + (e / 2 + 1) * GAMMA)} (the generator's {@code (e / 2 + 1)}-th {@code nextLong()}), and
 * {@code k_e = (d >>> 40) & 0xFFFFFF} for even e, {@code (d >>> 16) & 0xFFFFFF} for odd e. Exactly: it fires when
 * the 32-bit two's-complement difference {@code threshold[e] - k_e} is not negative, which for thresholds above
 * {@code Integer.MIN_VALUE + 2^24} means {@code k_e <= threshold[e]} (a threshold of {@code 2^24} always fires, 0
 * only on {@code k = 0}, negatives never). Row r owns the candidates {@code [rowEnd[r - 1], rowEnd[r])} (with
 * {@code rowEnd[-1] = 0}); the result lists {@code column[e]} of the candidates that fire, in candidate order, and
 * {@code ends[r]} the end of row r's part of it. The step uses {@code ceil(C / 2)} draws.
 *
 * <p>Runs compiled code when a kernel backend has installed an {@link Accelerator}
 * ({@code io.matterhorn.kernel.Backends} installs the selected provider's), else {@link #fillInJava}; both give the
 * same result for the same arguments. A kernel below the tensor layer: the Java loop relies on the array bounds
 * checks only. Thread-safe (no shared state besides the installed accelerator).
 */
public final class PoissonDraws {
    private static volatile Accelerator accelerator;

    private PoissonDraws() {
    }

    /** A compiled {@link #fillInJava} (same draws, same result). Must be thread-safe. */
    public interface Accelerator {
        /**
         * @param column column index of each candidate [C]
         * @param threshold firing threshold of each candidate [C]
         * @param rowEnd end of each row's candidates [rows], non-decreasing, {@code rowEnd[rows - 1] = C}
         * @param rows number of rows
         * @param state the generator state the draws start from ({@link SplitMix64#state()})
         * @param out receives the column indices of the candidates that fire, at least C long
         * @param ends receives the end of each row's part of {@code out}, at least rows long
         * @return the number of candidates that fired
         */
        int fill(int[] column, int[] threshold, int[] rowEnd, int rows, long state, int[] out, int[] ends);
    }

    /**
     * Installs (or, with null, removes) the compiled implementation.
     *
     * @param a the implementation, or null for the Java loop
     */
    public static void accelerate(Accelerator a) {
        accelerator = a;
    }

    /** @return whether a compiled implementation is installed */
    public static boolean accelerated() {
        return accelerator != null;
    }

    /**
     * One step's draws (see the class comment), compiled when an {@link Accelerator} is installed; afterwards
     * {@code rng} stands where {@code ceil(C / 2)} calls of {@link SplitMix64#nextLong()} would have left it.
     *
     * @param column column index of each candidate [C]
     * @param threshold firing threshold of each candidate [C]
     * @param rowEnd end of each row's candidates [rows], non-decreasing, {@code rowEnd[rows - 1] = C}
     * @param rows number of rows
     * @param rng the step's generator, advanced by the draws
     * @param out receives the column indices of the candidates that fire, at least C long
     * @param ends receives the end of each row's part of {@code out}, at least rows long
     * @return the number of candidates that fired
     */
    public static int fill(int[] column, int[] threshold, int[] rowEnd, int rows, SplitMix64 rng, int[] out,
            int[] ends) {
        Accelerator a = accelerator;
        long state = rng.state();
        int n = a != null ? a.fill(column, threshold, rowEnd, rows, state, out, ends)
                : fillInJava(column, threshold, rowEnd, rows, state, out, ends);
        rng.skip(draws(rows == 0 ? 0 : rowEnd[rows - 1]));
        return n;
    }

    /**
     * @param candidates number of candidates C
     * @return the number of 64-bit draws a step over them takes, {@code ceil(C / 2)}
     */
    public static long draws(int candidates) {
        return (candidates + 1L) >>> 1;
    }

    /**
     * {@link #fill} by the Java loop, whether or not an {@link Accelerator} is installed (the reference the
     * compiled version is tested against), from an explicit generator state.
     *
     * @param column column index of each candidate [C]
     * @param threshold firing threshold of each candidate [C]
     * @param rowEnd end of each row's candidates [rows], non-decreasing, {@code rowEnd[rows - 1] = C}
     * @param rows number of rows
     * @param state the generator state the draws start from
     * @param out receives the column indices of the candidates that fire, at least C long
     * @param ends receives the end of each row's part of {@code out}, at least rows long
     * @return the number of candidates that fired
     */
    public static int fillInJava(int[] column, int[] threshold, int[] rowEnd, int rows, long state, int[] out,
            int[] ends) {
        int n = 0;
        long bits = 0;
        long s = state;
        int e = 0;
        for (int r = 0; r < rows; r++) {
            for (int end = rowEnd[r]; e < end; e++) {
                int half = e & 1;
                if (half == 0) {
                    bits = SplitMix64.mix64(s += SplitMix64.GAMMA);
                }
                int k = (int) ((bits >>> (40 - 24 * half)) & 0xFFFFFF);
                out[n] = column[e];
                // fires when k <= thr; as arithmetic, since C2 may compile a conditional into a branch, which
                // mispredicts on the random outcome
                n += 1 - ((threshold[e] - k) >>> 31);
            }
            ends[r] = n;
        }
        return n;
    }
}
