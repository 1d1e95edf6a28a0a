package io.matterhorn.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SplitMix64} against the JDK's {@link SplittableRandom} of the same seed, draw for draw. */
class SplitMix64Test {
    private static final long[] EDGE_SEEDS = {0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, SplitMix64.GAMMA,
        -SplitMix64.GAMMA, 0x5DEECE66DL};

    @Test
    void nextLongEqualsSplittableRandomForManySeeds() {
        SplittableRandom seeds = new SplittableRandom(2024);
        for (int s = 0; s < 300; s++) {
            long seed = s < EDGE_SEEDS.length ? EDGE_SEEDS[s] : seeds.nextLong();
            SplittableRandom jdk = new SplittableRandom(seed);
            SplitMix64 own = new SplitMix64(seed);
            for (int i = 0; i < 5000; i++) {
                assertEquals(jdk.nextLong(), own.nextLong(), "seed " + seed + ", draw " + i);
            }
        }
    }

    @Test
    void nextDoubleEqualsSplittableRandomForManySeedsAlsoInterleaved() {
        SplittableRandom seeds = new SplittableRandom(77);
        for (int s = 0; s < 300; s++) {
            long seed = s < EDGE_SEEDS.length ? EDGE_SEEDS[s] : seeds.nextLong();
            SplittableRandom jdk = new SplittableRandom(seed);
            SplitMix64 own = new SplitMix64(seed);
            for (int i = 0; i < 5000; i++) {
                if (i % 7 == 3) {
                    assertEquals(jdk.nextLong(), own.nextLong(), "seed " + seed + ", draw " + i);
                } else {
                    double expected = jdk.nextDouble();
                    double actual = own.nextDouble();
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                            "seed " + seed + ", draw " + i + ": " + expected + " vs " + actual);
                }
            }
        }
    }

    @Test
    void stateAndSkipDescribeTheDrawsLeft() {
        SplitMix64 a = new SplitMix64(123L);
        SplitMix64 b = new SplitMix64(123L);
        assertEquals(123L, a.state());
        for (int i = 0; i < 1001; i++) {
            a.nextLong();
        }
        b.skip(1001);
        assertEquals(a.state(), b.state());
        assertEquals(a.nextLong(), b.nextLong());
        assertEquals(SplitMix64.mix64(b.state() + SplitMix64.GAMMA), new SplitMix64(b.state()).nextLong());
        b.skip(0);
        assertEquals(a.state(), b.state());
        assertThrows(IllegalArgumentException.class, () -> b.skip(-1));
    }
}
