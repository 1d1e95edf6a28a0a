package io.matterhorn.train;

import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/**
 * One mini-batch for supervised training: the model's input and one class label per sample.
 *
 * <p>The input is what the model takes, for example {@code [B, 1, 28, 28]} images or a time-major sequence
 * {@code [T, B, ...]}; the labels are in batch order. Implementations are immutable values; {@link #labels()} returns
 * a fresh array.
 */
public interface LabeledBatch {

    /**
     * Returns the model input of this batch.
     *
     * @return a tensor that holds the {@link #size()} samples; it may be created afresh on each call
     */
    Tensor input();

    /**
     * Returns the class labels.
     *
     * @return a fresh array of {@code B} labels, each {@code >= 0}, in batch order
     */
    int[] labels();

    /**
     * Returns the number of samples.
     *
     * @return {@code B}, the length of {@link #labels()}
     */
    default int size() {
        return labels().length;
    }

    /**
     * Wraps an input and its labels.
     *
     * @param input  the model input holding {@code labels.length} samples
     * @param labels the class labels, each {@code >= 0}; copied
     * @return the batch
     * @throws IllegalArgumentException if {@code input} or {@code labels} is null or a label is negative
     */
    static LabeledBatch of(Tensor input, int[] labels) {
        if (input == null || labels == null) {
            throw new IllegalArgumentException("LabeledBatch.of: input and labels must not be null");
        }
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] < 0) {
                throw new IllegalArgumentException("labels[" + k + "] is negative: " + labels[k]);
            }
        }
        int[] copy = labels.clone();
        return new LabeledBatch() {
            @Override
            public Tensor input() {
                return input;
            }

            @Override
            public int[] labels() {
                return copy.clone();
            }

            @Override
            public int size() {
                return copy.length;
            }

            @Override
            public String toString() {
                return "LabeledBatch[size=" + copy.length + ", input=" + Arrays.toString(input.shape()) + "]";
            }
        };
    }
}
