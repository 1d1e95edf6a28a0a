package io.matterhorn.numeric;

/**
 * The SplitMix64 generator (Steele, Lea and Flood 2014) with its state in the open: the same numbers as
 * {@code new java.util.SplittableRandom(seed)} gives through {@link #nextLong()} and {@link #nextDouble()} (the JDK's
 * algorithm since Java 8: add the golden gamma {@code 0x9E3779B97F4A7C15}, then the mix64 finaliser), but its whole
 * state is one long that compiled code can continue from ({@link #state()}) and that can be advanced by any number
 * of draws without making them ({@link #skip(long)}). No {@code split()}: a generator made by splitting a
 * SplittableRandom uses another gamma, which this class does not reproduce.
 *
 * <p>Not thread-safe: one instance per thread (a step's generator, a stream's generator).
 */
public final class SplitMix64 {
    /** The increment added to the state before every draw (the odd golden-ratio constant of SplittableRandom). */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    /**
     * A generator whose draws equal {@code new java.util.SplittableRandom(seed)}'s.
     *
     * @param seed the initial state
     */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** @return the state: draw i (from 0) made from here returns {@code mix64(state + (i + 1) * GAMMA)} */
    public long state() {
        return state;
    }

    /**
     * Advances the state as {@code count} calls of {@link #nextLong()} (or {@link #nextDouble()}) would, in O(1).
     *
     * @param count number of draws to skip, non-negative
     */
    public void skip(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("SplitMix64: draw count to skip must be non-negative, got " + count);
        }
        state += count * GAMMA;
    }

    /** @return the next 64 random bits, as {@code java.util.SplittableRandom.nextLong()} */
    public long nextLong() {
        return mix64(state += GAMMA);
    }

    /** @return a uniform double in [0, 1) with 53-bit resolution, as {@code java.util.SplittableRandom.nextDouble()} */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * The SplitMix64 output function (Stafford's variant 13 of the MurmurHash3 finaliser), a bijection of the longs.
     *
     * @param z the input
     * @return the mixed bits
     */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
