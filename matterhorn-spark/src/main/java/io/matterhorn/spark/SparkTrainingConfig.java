package io.matterhorn.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Settings of {@link SparkTrainer}.
 *
 * <p>Loss: {@code MSE(model(x), one-hot(label))} averaged over the global batch, as in example 1.
 *
 * @param globalBatchSize samples per global step, summed over all partitions
 * @param classes number of classes (width of the one-hot target and of the model output)
 * @param sampleShape shape of one sample's features (e.g. {@code [1, 28, 28]}); the batch is {@code [B, ...]}
 * @param mode synchronous gradients or parameter averaging
 * @param averagingPeriod K, local steps between averages (used by {@link TrainingMode#PARAMETER_AVERAGING})
 * @param maxSteps stop each epoch after this many global steps (0 = all); for smoke tests and timing
 *
 * @serial exclude
 */
public record SparkTrainingConfig(int globalBatchSize, int classes, long[] sampleShape, TrainingMode mode,
        int averagingPeriod, int maxSteps) implements Serializable {

    /**
     * Validates every field.
     *
     * @param globalBatchSize samples per global step, >= 1
     * @param classes number of classes, >= 1
     * @param sampleShape shape of one sample, positive sizes
     * @param mode synchronous gradients or parameter averaging
     * @param averagingPeriod K, >= 1
     * @param maxSteps global steps per epoch, 0 for all
     */
    public SparkTrainingConfig {
        if (globalBatchSize < 1 || classes < 1 || averagingPeriod < 1 || maxSteps < 0) {
            throw new IllegalArgumentException("globalBatchSize, classes and averagingPeriod must be >= 1 and "
                    + "maxSteps >= 0, got " + globalBatchSize + ", " + classes + ", " + averagingPeriod + ", "
                    + maxSteps);
        }
        if (sampleShape == null || sampleShape.length == 0 || Arrays.stream(sampleShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("sampleShape must be non-empty with positive sizes, got "
                    + Arrays.toString(sampleShape));
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        sampleShape = sampleShape.clone();
    }

    /**
     * @param globalBatchSize samples per global step
     * @param classes number of classes
     * @param sampleShape shape of one sample
     * @return synchronous training over every step of an epoch
     */
    public static SparkTrainingConfig synchronous(int globalBatchSize, int classes, long... sampleShape) {
        return new SparkTrainingConfig(globalBatchSize, classes, sampleShape, TrainingMode.SYNCHRONOUS, 1, 0);
    }

    /**
     * @param k local steps between averages
     * @return a copy that averages parameters every {@code k} steps
     */
    public SparkTrainingConfig averagingEvery(int k) {
        return new SparkTrainingConfig(globalBatchSize, classes, sampleShape, TrainingMode.PARAMETER_AVERAGING, k,
                maxSteps);
    }

    /**
     * @param steps largest number of global steps per epoch (0 = all)
     * @return a copy with that limit
     */
    public SparkTrainingConfig withMaxSteps(int steps) {
        return new SparkTrainingConfig(globalBatchSize, classes, sampleShape, mode, averagingPeriod, steps);
    }

    /** @return number of features of one sample */
    public int featureSize() {
        long n = 1;
        for (long d : sampleShape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** @return a copy of the shape of one sample */
    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }
}
