package io.matterhorn.data.loader;

import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch: features of shape {@code [B, ...sampleShape]} (float32, C order), the {@code B} class labels, and
 * the data-set indices the samples came from.
 *
 * <p>The features array is created for this batch alone; callers may modify it freely.
 */
public final class Batch {

    private final INDArray features;
    private final int[] labels;
    private final int[] indices;

    /**
     * Creates a batch. The label and index arrays are copied; the features array is kept as given.
     *
     * @param features features whose first dimension is the batch size
     * @param labels   one class label per sample, each {@code >= 0}
     * @param indices  one data-set index per sample
     * @throws IllegalArgumentException if the three sizes disagree or a label is negative
     */
    public Batch(INDArray features, int[] labels, int[] indices) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(indices, "indices");
        if (features.rank() < 1 || features.size(0) != labels.length || labels.length != indices.length) {
            throw new IllegalArgumentException("batch sizes disagree: features have shape "
                    + Arrays.toString(features.shape()) + ", " + labels.length + " labels, "
                    + indices.length + " indices");
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
     * Returns the number of samples in this batch.
     *
     * @return the batch size {@code B} (the last batch of an epoch may be smaller than the loader's batch size)
     */
    public int size() {
        return labels.length;
    }

    /**
     * Returns the features.
     *
     * @return the float32 array of shape {@code [B, ...sampleShape]}, C order
     */
    public INDArray features() {
        return features;
    }

    /**
     * Returns the labels.
     *
     * @return a fresh array of {@code B} class labels
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Returns the label of one sample of the batch.
     *
     * @param k position within the batch, in {@code [0, size())}
     * @return its class label
     * @throws IndexOutOfBoundsException if {@code k} is out of range
     */
    public int label(int k) {
        return labels[k];
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
     * @return a new float32 array of shape {@code [B, numClasses]}, C order, with a single 1 per row at the label
     * @throws IllegalArgumentException if {@code numClasses <= 0} or a label is not below {@code numClasses}
     */
    public INDArray oneHot(int numClasses) {
        return Tensor.oneHot(labels, numClasses).value();
    }

    /**
     * Describes the batch by size and feature shape.
     *
     * @return a short human-readable description
     */
    @Override
    public String toString() {
        return "Batch[size=" + labels.length + ", features=" + Arrays.toString(features.shape()) + "]";
    }
}
