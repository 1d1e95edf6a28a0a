package io.matterhorn.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PoissonDraws}' Java loop against a literal reading of its contract driven by {@link SplittableRandom}
 * (two 24-bit numbers per nextLong, high half first, across row boundaries), and the generator advance of
 * {@link PoissonDraws#fill}.
 */
class PoissonDrawsTest {

    /** Rows of 0, 1, odd and even candidate counts, thresholds from 1 to 2^24 and a few out of range (wrapping). */
    static int[][] candidates(long seed, int rows) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] rowEnd = new int[rows];
        int total = 0;
        for (int i = 0; i < rows; i++) {
            int kind = r.nextInt(6);
            total += kind == 0 ? 0 : kind == 1 ? 1 : kind == 2 ? 2 * r.nextInt(20) + 1 : r.nextInt(300);
            rowEnd[i] = total;
        }
        int[] column = new int[total];
        int[] threshold = new int[total];
        for (int e = 0; e < total; e++) {
            column[e] = r.nextInt(1000);
            int kind = r.nextInt(8);
            threshold[e] = kind == 0 ? 1 << 24 : kind == 1 ? 1 : kind == 2 ? 0 : kind == 3 ? -1
                    : kind == 4 ? Integer.MIN_VALUE : 1 + r.nextInt(1 << 24);
        }
        return new int[][] {column, threshold, rowEnd};
    }

    /** The contract read literally, with the JDK's generator. */
    static int reference(int[] column, int[] threshold, int[] rowEnd, int rows, long seed, int[] out, int[] ends) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 0;
        long bits = 0;
        int e = 0;
        for (int r = 0; r < rows; r++) {
            for (; e < rowEnd[r]; e++) {
                int k;
                if (e % 2 == 0) {
                    bits = rng.nextLong();
                    k = (int) (bits >>> 40);
                } else {
                    k = (int) (bits >>> 16) & 0xFFFFFF;
                }
                if (threshold[e] - k >= 0) { // 32-bit difference, wrapping as in the contract
                    out[n++] = column[e];
                }
            }
            ends[r] = n;
        }
        return n;
    }

    @Test
    void javaLoopFollowsTheContract() {
        for (int rows : new int[] {0, 1, 2, 7, 64}) {
            for (long seed = 0; seed < 20; seed++) {
                int[][] c = candidates(seed * 31 + rows, rows);
                int total = c[0].length;
                int[] out = new int[total];
                int[] ends = new int[rows];
                int[] refOut = new int[total];
                int[] refEnds = new int[rows];
                int n = PoissonDraws.fillInJava(c[0], c[1], c[2], rows, seed, out, ends);
                int m = reference(c[0], c[1], c[2], rows, seed, refOut, refEnds);
                assertEquals(m, n, "rows " + rows + ", seed " + seed);
                assertArrayEquals(Arrays.copyOf(refOut, m), Arrays.copyOf(out, n));
                assertArrayEquals(refEnds, ends);
            }
        }
    }

    @Test
    void thresholdsOfTwoToThe24AlwaysFireAndNegativesNever() {
        int[] column = {5, 6, 7, 8, 9};
        int[] out = new int[5];
        int[] ends = new int[2];
        int n = PoissonDraws.fillInJava(column, new int[] {1 << 24, -1, 1 << 24, -(1 << 24), 1 << 24},
                new int[] {2, 5}, 2, 42L, out, ends);
        assertEquals(3, n);
        assertArrayEquals(new int[] {5, 7, 9}, Arrays.copyOf(out, n));
        assertArrayEquals(new int[] {1, 3}, ends);
    }

    @Test
    void fillAdvancesTheGeneratorByHalfTheCandidatesRoundedUp() {
        for (int total : new int[] {0, 1, 2, 3, 150, 151}) {
            int[] column = new int[total];
            int[] threshold = new int[total];
            Arrays.fill(threshold, 1 << 23);
            SplitMix64 rng = new SplitMix64(9L);
            SplittableRandom jdk = new SplittableRandom(9L);
            int n = PoissonDraws.fill(column, threshold, new int[] {total}, 1, rng, new int[total], new int[1]);
            for (int i = 0; i < (total + 1) / 2; i++) {
                jdk.nextLong();
            }
            assertEquals(jdk.nextLong(), rng.nextLong(), total + " candidates, " + n + " fired");
        }
    }
}
