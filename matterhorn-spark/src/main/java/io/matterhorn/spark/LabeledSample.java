package io.matterhorn.spark;

import java.io.Serializable;

/**
 * One training sample as it travels through Spark: its features flattened in C order (the per-sample shape is
 * given once, in {@link SparkTrainingConfig#sampleShape()}) and its class label.
 *
 * @param features flattened features, length = product of the sample shape
 * @param label class index in [0, classes)
 *
 * @serial exclude
 */
public record LabeledSample(float[] features, int label) implements Serializable {
    /**
     * Checks the arguments.
     *
     * @param features flattened features
     * @param label class index, >= 0
     */
    public LabeledSample {
        if (features == null) {
            throw new IllegalArgumentException("features must not be null");
        }
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0, got " + label);
        }
    }
}
