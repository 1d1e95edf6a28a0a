package io.matterhorn.data.loader;

import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One time-major mini-batch: features of shape {@code [T, B, ...stepShape]} (time first, as every Matterhorn
 * module expects), the {@code B} labels and the data-set indices of the samples.
 */
public final class SequenceBatch {

    private final INDArray features;
    private final int[] labels;
    private final int[] indices;

    /**
     * Creates a batch. The label and index arrays are copied; the features array is kept as given.
     *
     * @param features features {@code [T, B, ...]}
     * @param labels   {@code B} class labels, each {@code >= 0}
     * @param indices  {@code B} data-set indices
     * @throws IllegalArgumentException if the sizes disagree or a label is negative
     */
    public SequenceBatch(INDArray features, int[] labels, int[] indices) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(indices, "indices");
        if (features.rank() < 2 || features.size(1) != labels.length || labels.length != indices.length) {
            throw new IllegalArgumentException("SequenceBatch: features must be [T, B, ...] with B = "
                    + labels.length + " labels and " + indices.length + " indices, got "
                    + Arrays.toString(features.shape()));
        }
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] < 0) {
                throw new IllegalArgumentException("labels[" + k + "] is negative: " + labels[k]);
            }
        }
        this.features = features;
        this.labels = labels.clone();
        this.indices = indices.clone();
    }

    /**
     * Returns the number of samples.
     *
     * @return {@code B}
     */
    public int size() {
        return labels.length;
    }

    /**
     * Returns the number of time steps.
     *
     * @return {@code T}
     */
    public int timeSteps() {
        return (int) features.size(0);
    }

    /**
     * Returns the features.
     *
     * @return the float32 array {@code [T, B, ...stepShape]}, C order
     */
    public INDArray features() {
        return features;
    }

    /**
     * Returns the labels.
     *
     * @return a fresh array of {@code B} labels
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Returns the data-set indices of the samples, in batch order.
     *
     * @return a fresh array of {@code B} indices
     */
    public int[] indices() {
        return indices.clone();
    }

    /**
     * Encodes the labels one-hot.
     *
     * @param numClasses number of classes, {@code > 0}
     * @return a new float32 array {@code [B, numClasses]}
     * @throws IllegalArgumentException if {@code numClasses <= 0} or a label is not below it
     */
    public INDArray oneHot(int numClasses) {
        return Tensor.oneHot(labels, numClasses).value();
    }

    /**
     * Describes the batch.
     *
     * @return a short description with the feature shape
     */
    @Override
    public String toString() {
        return "SequenceBatch[size=" + labels.length + ", features=" + Arrays.toString(features.shape()) + "]";
    }
}
