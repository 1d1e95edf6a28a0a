package io.matterhorn.train;

import io.matterhorn.optim.Losses;
import io.matterhorn.tensor.Tensor;

/**
 * The training loss of a {@link Trainer}: a scalar tensor from the model's output and the batch's class labels.
 */
@FunctionalInterface
public interface LossFunction {

    /**
     * Computes the loss of one batch.
     *
     * @param output the model's output for the batch, typically scores {@code [B, C]}
     * @param labels the {@code B} class labels
     * @return a scalar tensor; its gradient flows back into the model
     */
    Tensor loss(Tensor output, int[] labels);

    /**
     * Mean squared error against one-hot targets, the original's recipe:
     * {@code mean_{b,c} (output[b, c] - onehot(labels)[b, c])^2}.
     *
     * @param numClasses number of classes {@code C}, {@code > 0}
     * @return the loss function
     * @throws IllegalArgumentException if {@code numClasses <= 0}
     */
    static LossFunction mseOneHot(int numClasses) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be > 0, got " + numClasses);
        }
        return (output, labels) -> Losses.mse(output, Tensor.oneHot(labels, numClasses));
    }

    /**
     * Cross-entropy of the softmax of the scores: {@code -mean_b log softmax(output)[b, labels[b]]}.
     *
     * @return the loss function
     */
    static LossFunction crossEntropy() {
        return Losses::crossEntropy;
    }
}
