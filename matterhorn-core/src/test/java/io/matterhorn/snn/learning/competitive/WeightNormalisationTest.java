package io.matterhorn.snn.learning.competitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each row of W [3, 2] scaled to sum 2; a zero row stays zero. */
class WeightNormalisationTest {

    @Test
    void rowsSumToTheTarget() {
        float[] w = {1, 3, 0, 0, 2, 2};
        new WeightNormalisation(2).normaliseAll(w, 3, 2);
        assertArrayEquals(new float[] {0.5f, 1.5f, 0f, 0f, 1f, 1f}, w);
    }

    @Test
    void oneRowLeavesTheOthersAlone() {
        float[] w = {1, 3, 4, 4};
        new WeightNormalisation(1).normaliseRow(w, 1, 2);
        assertArrayEquals(new float[] {1f, 3f, 0.5f, 0.5f}, w);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WeightNormalisation(0));
        assertThrows(IllegalArgumentException.class, () -> new WeightNormalisation(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new WeightNormalisation(1).normaliseAll(new float[5], 3, 2));
    }
}
