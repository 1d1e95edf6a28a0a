package io.matterhorn.data.loader;

import java.util.SplittableRandom;

/** Computes the reproducible order in which an epoch visits the samples. */
final class EpochOrder {

    private EpochOrder() {
    }

    /** Returns {@code [0, 1, ..., n - 1]}. */
    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * Returns a permutation of {@code [0, n)} that depends only on {@code seed} and {@code epoch}: a Fisher-Yates
     * shuffle driven by {@code new SplittableRandom(epochSeed(seed, epoch))}.
     */
    static int[] shuffled(int n, long seed, int epoch) {
        int[] order = identity(n);
        SplittableRandom random = new SplittableRandom(epochSeed(seed, epoch));
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /**
     * Derives the seed of one epoch: the user seed plus {@code (epoch + 1)} times the 64-bit golden ratio, passed
     * through the MurmurHash3 64-bit finaliser so that neighbouring seeds and epochs give unrelated streams.
     */
    static long epochSeed(long seed, int epoch) {
        long z = seed + (epoch + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
