package io.matterhorn.examples.nmnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The two network-free baselines of {@code sim-baseline} on hand-computed cases. */
class SummedFrameBaselinesTest {

    @Test
    void nearestCentroidPicksTheClosestClassMean() {
        // class 0 mean (0, 1), class 1 mean (10, 10); classes 2-9 have no samples and are never chosen
        float[][] train = {{0, 0}, {0, 2}, {10, 10}};
        int[] trainLabels = {0, 0, 1};
        float[][] test = {{1, 1}, {9, 9}, {6, 6}};
        // (6, 6): distance^2 to (0, 1) is 61, to (10, 10) is 32, so it goes to 1 and the label 0 is missed
        assertEquals(2.0 / 3, SummedFrameBaselines.nearestCentroid(train, trainLabels, test, new int[] {0, 1, 0}),
                1e-12);
    }

    @Test
    void softmaxRegressionStepFollowsTheCrossEntropyGradient() {
        double[][] w = new double[10][3];
        double[] uniform = SummedFrameBaselines.probabilities(w, new float[] {1, 2});
        for (double p : uniform) {
            assertEquals(0.1, p, 1e-15);
        }
        // one sample x = (1, 2), label 3, lr 0.5: W[c] -= 0.5 (0.1 - [c = 3]) x, b_c -= 0.5 (0.1 - [c = 3])
        SummedFrameBaselines.sgdEpoch(w, new float[][] {{1, 2}}, new int[] {3}, 0.5, new SplittableRandom(0));
        assertArrayEquals(new double[] {0.45, 0.9, 0.45}, w[3], 1e-12);
        assertArrayEquals(new double[] {-0.05, -0.1, -0.05}, w[0], 1e-12);
        assertArrayEquals(new double[] {-0.05, -0.1, -0.05}, w[9], 1e-12);
        // scores now: class 3: 0.45 + 1.8 + 0.45 = 2.7, the others: -0.05 - 0.2 - 0.05 = -0.3
        double[] p = SummedFrameBaselines.probabilities(w, new float[] {1, 2});
        double e = Math.exp(3.0);
        assertEquals(e / (e + 9), p[3], 1e-12);
        assertEquals(1 / (e + 9), p[5], 1e-12);
    }
}
