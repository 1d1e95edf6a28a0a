package io.matterhorn.snn.learning.competitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The combined layer on two 16-pixel patterns: determinism, normalisation, frozen evaluation, specialisation. */
class CompetitiveLayerTest {
    private static final float[] LEFT = new float[16];
    private static final float[] RIGHT = new float[16];

    static {
        for (int i = 0; i < 8; i++) {
            LEFT[i] = 1f;
            RIGHT[8 + i] = 1f;
        }
    }

    private static CompetitiveSettings settings() {
        // 16 inputs, 4 neurons, weight sum 4: a neuron matching a pattern gets about 8 * 0.5 * 0.3 = 1.2 per step
        return CompetitiveSettings.builder(16, 4).steps(30).maxRate(0.3).tauM(10).threshold(3).thetaPlus(0.2)
                .tauTheta(1e6).eta(0.05).tauPre(3).weightSum(4).minSpikes(2).maxRepeats(2).rateBoost(0.1).build();
    }

    private static CompetitiveLayer trained(long seed) {
        CompetitiveLayer layer = new CompetitiveLayer(settings(), seed);
        for (int k = 0; k < 60; k++) {
            layer.present(k % 2 == 0 ? LEFT : RIGHT, true);
        }
        return layer;
    }

    @Test
    void sameSeedSameResultOtherSeedOtherResult() {
        CompetitiveLayer a = trained(7);
        CompetitiveLayer b = trained(7);
        assertArrayEquals(a.weights(), b.weights());
        assertArrayEquals(a.thetas(), b.thetas());
        assertArrayEquals(a.present(LEFT, false), b.present(LEFT, false));
        assertFalse(Arrays.equals(a.weights(), trained(8).weights()));
    }

    @Test
    void rowsKeepTheirSumAndEvaluationChangesNothing() {
        CompetitiveLayer layer = trained(3);
        float[] w = layer.weights();
        for (int j = 0; j < 4; j++) {
            double sum = 0;
            for (int i = 0; i < 16; i++) {
                sum += w[j * 16 + i];
                assertTrue(w[j * 16 + i] >= 0 && w[j * 16 + i] <= 1, "weight in [0, w_max]");
            }
            assertEquals(4.0, sum, 1e-4);
        }
        float[] theta = layer.thetas();
        long updates = layer.learnedSpikes();
        assertTrue(updates > 0);
        layer.present(LEFT, false);
        layer.present(RIGHT, false);
        assertArrayEquals(w, layer.weights());
        assertArrayEquals(theta, layer.thetas());
        assertEquals(updates, layer.learnedSpikes());
    }

    @Test
    void neuronsSpecialiseOnDifferentPatterns() {
        CompetitiveLayer layer = trained(5);
        int[] left = layer.present(LEFT, false);
        int[] right = layer.present(RIGHT, false);
        int bestLeft = argmax(left);
        int bestRight = argmax(right);
        assertTrue(bestLeft != bestRight, Arrays.toString(left) + " " + Arrays.toString(right));
        float[] w = layer.weights();
        assertTrue(half(w, bestLeft, 0) > 2 * half(w, bestLeft, 8), "left neuron weights on the left pixels");
        assertTrue(half(w, bestRight, 8) > 2 * half(w, bestRight, 0), "right neuron weights on the right pixels");
    }

    @Test
    void badImagesAreRejected() {
        CompetitiveLayer layer = new CompetitiveLayer(settings(), 1);
        assertThrows(IllegalArgumentException.class, () -> layer.present(new float[15], true));
        assertThrows(IllegalArgumentException.class, () -> settings().toBuilder().steps(0).build());
    }

    private static int argmax(int[] c) {
        int best = 0;
        for (int j = 1; j < c.length; j++) {
            best = c[j] > c[best] ? j : best;
        }
        return best;
    }

    private static double half(float[] w, int row, int from) {
        double s = 0;
        for (int i = from; i < from + 8; i++) {
            s += w[row * 16 + i];
        }
        return s;
    }
}
