package io.matterhorn.snn.learning.competitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Winner-take-all and graded inhibition on hand-computed potentials. */
class LateralInhibitionTest {

    @Test
    void winnerTakeAllFiresTheLargestMarginAndResetsTheOthers() {
        // margins v - th: 0.2, 1.0, -0.5, 0.5 -> neuron 1 wins
        float[] v = {1.2f, 2.0f, 0.5f, 3.5f};
        float[] th = {1f, 1f, 1f, 3f};
        float[] s = new float[4];
        assertEquals(1, LateralInhibition.winnerTakeAll().fire(v, th, -0.1f, s));
        assertArrayEquals(new float[] {0, 1, 0, 0}, s);
        assertArrayEquals(new float[] {-0.1f, 2.0f, -0.1f, -0.1f}, v);
    }

    @Test
    void winnerTakeAllBreaksTiesByLowestIndexAndLeavesASilentStepAlone() {
        float[] v = {0.5f, 2f, 2f};
        float[] s = new float[3];
        assertEquals(1, LateralInhibition.winnerTakeAll().fire(v, new float[] {1f, 1f, 1f}, 0f, s));
        assertArrayEquals(new float[] {0, 1, 0}, s);
        float[] quiet = {0.5f, 0.9f};
        float[] s2 = {1f, 1f};
        assertEquals(0, LateralInhibition.winnerTakeAll().fire(quiet, new float[] {1f, 1f}, 0f, s2));
        assertArrayEquals(new float[] {0, 0}, s2);
        assertArrayEquals(new float[] {0.5f, 0.9f}, quiet);
    }

    @Test
    void gradedInhibitionSubtractsStrengthPerSpikeOfTheOthers() {
        // neurons 0 and 2 cross threshold 1: two spikes, neuron 1 loses 2 * 0.25
        float[] v = {1.5f, 0.8f, 2.0f};
        float[] s = new float[3];
        assertEquals(2, LateralInhibition.graded(0.25).fire(v, new float[] {1f, 1f, 1f}, 0f, s));
        assertArrayEquals(new float[] {1, 0, 1}, s);
        assertArrayEquals(new float[] {1.5f, 0.3f, 2.0f}, v, 1e-6f);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LateralInhibition.graded(-1));
        assertThrows(IllegalArgumentException.class, () -> LateralInhibition.graded(Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> LateralInhibition.winnerTakeAll().fire(new float[2], new float[3], 0f, new float[2]));
    }
}
