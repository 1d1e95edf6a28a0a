package io.matterhorn.examples.srm0;

import io.matterhorn.examples.train.TrainingSettings;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;
import java.nio.file.Path;

/**
 * Settings of example 3 (defaults as in the original's {@code 3_using_SRM0.py}, which trains 100 epochs; 10 here).
 *
 * @param epochs training epochs
 * @param scheduleEpochs length of the cosine learning-rate schedule ({@code T_max}); the original sets it to its
 *     epoch count, 100
 * @param timeSteps T of the Poisson encoder
 * @param batchSize batch size
 * @param learningRate Adam learning rate
 * @param surrogate spiking function of both SRM0 layers
 * @param seed seed for weights, encoder and shuffling
 * @param dataDir folder with full MNIST IDX files, or null for the bundled 10,000-digit sample
 * @param maxTrainBatches stop each epoch after this many batches (0 = all); for smoke tests
 * @param quiet no progress bar or table
 */
public record Srm0Config(int epochs, int scheduleEpochs, int timeSteps, int batchSize, double learningRate,
        Surrogate surrogate, long seed, Path dataDir, int maxTrainBatches, boolean quiet) {

    /**
     * @return defaults: 10 epochs, schedule over 100, T = 32, batch 256, lr 1e-3, Rectangular(2) (1.0.1's default),
     *     seed 0, bundled data
     */
    public static Srm0Config defaults() {
        return new Srm0Config(10, 100, 32, 256, 1e-3, new Rectangular(), 0L, null, 0, false);
    }

    /** Validates every field. */
    public Srm0Config {
        if (timeSteps <= 0) {
            throw new IllegalArgumentException("time steps must be positive, got " + timeSteps);
        }
        if (surrogate == null) {
            throw new IllegalArgumentException("surrogate must not be null");
        }
        training(epochs, scheduleEpochs, batchSize, learningRate, seed, dataDir, maxTrainBatches, quiet);
    }

    /** @return the training-loop part of these settings */
    public TrainingSettings training() {
        return training(epochs, scheduleEpochs, batchSize, learningRate, seed, dataDir, maxTrainBatches, quiet);
    }

    private static TrainingSettings training(int epochs, int scheduleEpochs, int batchSize, double learningRate,
            long seed, Path dataDir, int maxTrainBatches, boolean quiet) {
        return new TrainingSettings(epochs, scheduleEpochs, batchSize, learningRate, seed, dataDir, maxTrainBatches,
                quiet);
    }
}
