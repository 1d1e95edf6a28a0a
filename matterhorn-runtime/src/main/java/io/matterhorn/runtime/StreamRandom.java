package io.matterhorn.runtime;

/**
 * The per-stream random generator of encoders: SplitMix64 (Steele, Lea and Flood 2014), whose whole state is one
 * long, so a stream's draws continue identically after its state is saved and restored. Not thread-safe (one per
 * stream).
 */
final class StreamRandom {
    private long state;

    StreamRandom(long seed) {
        this.state = seed;
    }

    long state() {
        return state;
    }

    void setState(long s) {
        state = s;
    }

    /** @return the next 64 random bits */
    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return a uniform draw in [0, 1) with 24-bit resolution, as a float */
    float nextFloat24() {
        return (nextLong() >>> 40) * 0x1p-24f;
    }
}
