package io.matterhorn.examples.mlp;

import io.matterhorn.snn.surrogate.Surrogate;
import java.nio.file.Path;

/**
 * Settings of example 1 (defaults as in the original's {@code 1_starting.py}, except the surrogate: see
 * {@link MlpExample}).
 *
 * @param epochs training epochs
 * @param scheduleEpochs length of the cosine learning-rate schedule ({@code T_max}); the original example sets it
 *     to its epoch count, 100, so a 20-epoch run ends at about 90% of the initial rate
 * @param timeSteps T of the Poisson encoder
 * @param batchSize batch size
 * @param learningRate Adam learning rate
 * @param surrogate spiking function of both LIF layers
 * @param seed seed for weights, encoder and shuffling
 * @param dataDir folder with full MNIST IDX files, or null for the bundled 10,000-digit sample
 * @param maxTrainBatches stop each epoch after this many batches (0 = all); for smoke tests and benchmarks
 * @param quiet no progress bar or table
 */
public record MlpConfig(int epochs, int scheduleEpochs, int timeSteps, int batchSize, double learningRate,
        Surrogate surrogate, long seed,
        Path dataDir, int maxTrainBatches, boolean quiet) {

    /** @return defaults: 20 epochs, schedule over 100, T = 32, batch 256, lr 1e-3, Sigmoid(1), seed 0, bundled data */
    public static MlpConfig defaults() {
        return new MlpConfig(20, 100, 32, 256, 1e-3, Surrogate.byName("Sigmoid", 1.0), 0L, null, 0, false);
    }

    /** Validates every field. */
    public MlpConfig {
        if (epochs <= 0 || scheduleEpochs <= 0 || timeSteps <= 0 || batchSize <= 0 || maxTrainBatches < 0) {
            throw new IllegalArgumentException("epochs, time steps and batch size must be positive (got " + epochs
                    + ", " + timeSteps + ", " + batchSize + ")");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
    }
}
