package io.matterhorn.data.loader;

import io.matterhorn.tensor.Tensor;
import io.matterhorn.train.LabeledBatch;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch: the features in the layout the model takes, the {@code B} class labels, and the data-set indices
 * the samples came from.
 *
 * <p>The features are either batch-major, {@code [B, ...sampleShape]} (images, or {@code [B, T, ...]} sequences), or
 * time-major, {@code [T, B, ...stepShape]} (time first, as Matterhorn's multi-step modules take sequences); see
 * {@link #timeMajor()}. {@link #input()} hands them to a model as a {@link Tensor}, so a batch feeds
 * {@link io.matterhorn.train.Trainer} directly. The features array is created for this batch alone; callers may
 * modify it freely. Instances are immutable apart from that array and may be shared between threads.
 */
public final class Batch implements LabeledBatch {

    private final INDArray features;
    private final int[] labels;
    private final int[] indices;
    private final boolean timeMajor;

    /**
     * Creates a batch-major batch. The label and index arrays are copied; the features array is kept as given.
     *
     * @param features features whose first dimension is the batch size
     * @param labels   one class label per sample, each {@code >= 0}
     * @param indices  one data-set index per sample
     * @throws IllegalArgumentException if the three sizes disagree or a label is negative
     */
    public Batch(INDArray features, int[] labels, int[] indices) {
        this(features, labels, indices, false);
    }

    private Batch(INDArray features, int[] labels, int[] indices, boolean timeMajor) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(indices, "indices");
        int batchAxis = timeMajor ? 1 : 0;
        if (features.rank() < batchAxis + 1 || features.size(batchAxis) != labels.length
                || labels.length != indices.length) {
            throw new IllegalArgumentException("batch sizes disagree: features "
                    + (timeMajor ? "[T, B, ...] " : "[B, ...] ") + "have shape " + Arrays.toString(features.shape())
                    + ", " + labels.length + " labels, " + indices.length + " indices");
        }
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] < 0) {
                throw new IllegalArgumentException("labels[" + k + "] is negative: " + labels[k]);
            }
        }
        this.features = features;
        this.labels = labels.clone();
        this.indices = indices.clone();
        this.timeMajor = timeMajor;
    }

    /**
     * Creates a time-major batch. The label and index arrays are copied; the features array is kept as given.
     *
     * @param features features {@code [T, B, ...]}
     * @param labels   {@code B} class labels, each {@code >= 0}
     * @param indices  {@code B} data-set indices
     * @return the batch
     * @throws IllegalArgumentException if the sizes disagree (or the features have rank below 2) or a label is
     *                                  negative
     */
    public static Batch timeMajor(INDArray features, int[] labels, int[] indices) {
        return new Batch(features, labels, indices, true);
    }

    /**
     * Returns the number of samples in this batch.
     *
     * @return the batch size {@code B} (the last batch of an epoch may be smaller than the loader's batch size)
     */
    @Override
    public int size() {
        return labels.length;
    }

    /**
     * Tells the layout of the features.
     *
     * @return {@code true} for {@code [T, B, ...]}, {@code false} for {@code [B, ...]}
     */
    public boolean timeMajor() {
        return timeMajor;
    }

    /**
     * Returns the number of time steps of a time-major batch.
     *
     * @return {@code T}, the first dimension of the features
     * @throws IllegalStateException if the batch is batch-major
     */
    public int timeSteps() {
        if (!timeMajor) {
            throw new IllegalStateException("timeSteps: the batch is batch-major " + Arrays.toString(features.shape())
                    + "; only a time-major batch [T, B, ...] has a leading time dimension");
        }
        return (int) features.size(0);
    }

    /**
     * Returns the features.
     *
     * @return the float32 array, C order: {@code [B, ...sampleShape]} or, time-major, {@code [T, B, ...stepShape]}
     */
    public INDArray features() {
        return features;
    }

    /**
     * Returns the features as the model's input.
     *
     * @return a constant tensor over {@link #features()} (no copy)
     */
    @Override
    public Tensor input() {
        return Tensor.of(features);
    }

    /**
     * Returns the labels.
     *
     * @return a fresh array of {@code B} class labels
     */
    @Override
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
     * Describes the batch by size, layout and feature shape.
     *
     * @return a short human-readable description
     */
    @Override
    public String toString() {
        return "Batch[size=" + labels.length + ", " + (timeMajor ? "time-major" : "batch-major") + ", features="
                + Arrays.toString(features.shape()) + "]";
    }
}
