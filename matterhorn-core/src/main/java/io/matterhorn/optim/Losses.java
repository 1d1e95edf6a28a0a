package io.matterhorn.optim;

import io.matterhorn.tensor.Functional;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/** Loss functions and accuracy helpers. */
public final class Losses {
    private Losses() {
    }

    /**
     * Mean squared error over all elements, {@code mean((output - target)^2)}.
     *
     * @param output prediction, e.g. firing rates [B, C]
     * @param target same shape, e.g. one-hot labels
     * @return scalar loss
     */
    public static Tensor mse(Tensor output, Tensor target) {
        return Functional.mseLoss(output, target);
    }

    /**
     * Cross-entropy of scores against labels, mean over the batch (log-softmax computed stably).
     *
     * @param scores [B, C] (logits, or firing rates used as scores)
     * @param labels B labels in [0, C)
     * @return scalar loss
     */
    public static Tensor crossEntropy(Tensor scores, int[] labels) {
        return Functional.crossEntropy(scores, labels);
    }

    /**
     * Number of rows whose largest score is at the label (ties go to the lowest index, like argmax).
     *
     * @param scores [B, C]
     * @param labels B labels
     * @return count of correct predictions
     */
    public static int correct(Tensor scores, int[] labels) {
        if (scores.rank() != 2 || scores.size(0) != labels.length) {
            throw new IllegalArgumentException("correct: scores " + Arrays.toString(scores.shape()) + " do not match "
                    + labels.length + " labels");
        }
        float[] s = scores.toFloatArray();
        int c = (int) scores.size(1);
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (s[i * c + k] > s[i * c + best]) {
                    best = k;
                }
            }
            hits += best == labels[i] ? 1 : 0;
        }
        return hits;
    }
}
