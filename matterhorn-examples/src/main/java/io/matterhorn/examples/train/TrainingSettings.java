package io.matterhorn.examples.train;

import java.nio.file.Path;

/**
 * How {@link MnistTrainer} trains: the part of an example's settings that is not about the model.
 *
 * @param epochs training epochs, positive
 * @param scheduleEpochs length of the cosine learning-rate schedule ({@code T_max}), positive
 * @param batchSize batch size, positive
 * @param learningRate Adam learning rate, positive
 * @param seed seed of the per-epoch shuffle
 * @param dataDir folder with full MNIST IDX files, or null for the bundled 10,000-digit sample
 * @param maxTrainBatches stop each epoch after this many batches (0 = all); for smoke tests
 * @param quiet no progress bar or table
 */
public record TrainingSettings(int epochs, int scheduleEpochs, int batchSize, double learningRate, long seed,
        Path dataDir, int maxTrainBatches, boolean quiet) {

    /** Validates every field. */
    public TrainingSettings {
        if (epochs <= 0 || scheduleEpochs <= 0 || batchSize <= 0 || maxTrainBatches < 0) {
            throw new IllegalArgumentException("epochs, schedule length and batch size must be positive and "
                    + "max batches non-negative (got " + epochs + ", " + scheduleEpochs + ", " + batchSize + ", "
                    + maxTrainBatches + ")");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
    }
}
