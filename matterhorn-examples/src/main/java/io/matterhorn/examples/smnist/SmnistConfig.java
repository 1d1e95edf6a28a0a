package io.matterhorn.examples.smnist;

import java.nio.file.Path;

/**
 * Settings of the sequential-MNIST example.
 *
 * @param epochs epochs of the recurrent network
 * @param baselineEpochs epochs of the baseline (0: no baseline)
 * @param hidden H, hidden neurons
 * @param batchSize batch size
 * @param learningRate Adam's learning rate
 * @param cosine whether the learning rate follows a cosine from its value to 0 over the epochs
 * @param seed seed of the weights and the shuffling
 * @param dataDir folder with the full MNIST, or null for the bundled sample
 * @param maxBatches train on at most this many batches per epoch (0: all)
 * @param quiet final figures only
 */
public record SmnistConfig(int epochs, int baselineEpochs, int hidden, int batchSize, double learningRate,
        boolean cosine, long seed, Path dataDir, int maxBatches, boolean quiet) {
    /**
     * @throws IllegalArgumentException for a non-positive size or rate, or negative counts
     */
    public SmnistConfig {
        if (epochs < 1 || baselineEpochs < 0 || hidden < 1 || batchSize < 1 || !(learningRate > 0) || maxBatches < 0) {
            throw new IllegalArgumentException("smnist: epochs and sizes must be positive (baseline epochs and "
                    + "max batches may be 0), the learning rate positive");
        }
    }
}
