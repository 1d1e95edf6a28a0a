package io.matterhorn.snn.learning.competitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Labels by highest average response and the vote, on 4 samples x 3 neurons, 2 classes. */
class LabelAssignmentTest {

    @Test
    void labelsAndVote() {
        int[][] counts = {{4, 0, 1}, {2, 1, 0}, {0, 3, 1}, {1, 5, 3}};
        int[] y = {0, 0, 1, 1};
        // class means: neuron 0: 3 vs 0.5 -> 0; neuron 1: 0.5 vs 4 -> 1; neuron 2: 0.5 vs 2 -> 1
        LabelAssignment a = LabelAssignment.fit(counts, y, 2);
        assertArrayEquals(new int[] {0, 1, 1}, a.labels());
        // class 0 score 2, class 1 score (1 + 2) / 2 = 1.5 -> 0
        assertEquals(0, a.classify(new int[] {2, 1, 2}));
        // class 0 score 1, class 1 score 1.5 -> 1
        assertEquals(1, a.classify(new int[] {1, 3, 0}));
        // tie 1 vs 1: the lower class
        assertEquals(0, a.classify(new int[] {1, 1, 1}));
        assertEquals(0.75, a.accuracy(new int[][] {{2, 1, 2}, {1, 3, 0}, {1, 1, 1}, {0, 0, 1}},
                new int[] {0, 1, 1, 1}), 1e-12);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LabelAssignment.fit(new int[][] {{1}}, new int[] {2}, 2));
        assertThrows(IllegalArgumentException.class, () -> LabelAssignment.fit(new int[][] {{1}}, new int[0], 2));
        LabelAssignment a = LabelAssignment.fit(new int[][] {{1, 0}}, new int[] {0}, 2);
        assertThrows(IllegalArgumentException.class, () -> a.classify(new int[3]));
    }
}
