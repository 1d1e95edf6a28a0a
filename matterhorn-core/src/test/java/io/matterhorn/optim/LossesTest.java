package io.matterhorn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Losses: argmax hit counting and the loss wrappers. */
class LossesTest {

    private static Tensor scores(float[] v, int rows) {
        return Tensor.of(Nd4j.create(v, new long[] {rows, v.length / rows}, 'c'));
    }

    @Test
    void correctCountsArgmaxHits() {
        Tensor s = scores(new float[] {0.1f, 0.9f, 0.0f, 0.8f, 0.2f, 0.0f, 0.3f, 0.3f, 0.3f, -1f, -2f, -0.5f}, 4);
        // argmax per row: 1, 0, 0 (tie goes to the lowest index), 2
        assertEquals(4, Losses.correct(s, new int[] {1, 0, 0, 2}));
        assertEquals(2, Losses.correct(s, new int[] {1, 1, 1, 2}));
        assertEquals(0, Losses.correct(s, new int[] {0, 2, 1, 1}));
    }

    @Test
    void correctRejectsMismatchedLabels() {
        Tensor s = scores(new float[] {1, 2, 3, 4}, 2);
        assertThrows(IllegalArgumentException.class, () -> Losses.correct(s, new int[] {0, 1, 1}));
    }

    @Test
    void mseAndCrossEntropyValues() {
        Tensor out = scores(new float[] {0.5f, 0.25f, 0f, 1f}, 2);
        Tensor target = Tensor.oneHot(new int[] {0, 1}, 2);
        assertEquals((0.25 + 0.0625 + 0 + 0) / 4, Losses.mse(out, target).item(), 1e-7);
        Tensor logits = scores(new float[] {2f, 0f, 0f, 2f}, 2);
        double expected = Math.log(1 + Math.exp(-2));
        assertEquals(expected, Losses.crossEntropy(logits, new int[] {0, 1}).item(), 1e-6);
    }
}
