package io.matterhorn.data.transform;

import java.util.SplittableRandom;

/**
 * Derives the random generator of one sample from the data set's seed, the epoch and the sample index, so that a
 * transformed sample depends on nothing else (not on the thread, the batch or the order of access):
 * <pre>
 * s = mix(mix(mix(seed) + epoch) + index)      mix = the SplitMix64 finaliser (Steele, Lea and Flood 2014)
 * random = new SplittableRandom(s)
 * </pre>
 * Thread-safe (stateless).
 */
public final class TransformSeeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private TransformSeeds() {
    }

    /**
     * Returns the generator of one sample.
     *
     * @param seed  the data set's transform seed
     * @param epoch the epoch (0 outside a loader)
     * @param index the sample index
     * @return a fresh generator; equal arguments give generators that draw equal sequences
     */
    public static SplittableRandom random(long seed, long epoch, long index) {
        long s = mix(mix(mix(seed) + GOLDEN * (epoch + 1)) + GOLDEN * (index + 1));
        return new SplittableRandom(s);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
