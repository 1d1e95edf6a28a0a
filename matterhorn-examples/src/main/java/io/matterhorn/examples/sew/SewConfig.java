package io.matterhorn.examples.sew;

import io.matterhorn.model.ResidualConnection;
import java.nio.file.Path;

/**
 * Settings of example 5 (SEW-ResNet-18 on N-MNIST).
 *
 * @param dataRoot folder holding {@code NMNIST/} (as example 4), or null to use the synthetic stand-in
 * @param outDir where {@code log.csv}, {@code best.safetensors} and {@code last.safetensors} go
 * @param epochs training epochs, positive
 * @param timeSteps T, positive
 * @param batchSize batch size, positive
 * @param learningRate Adam learning rate, positive
 * @param connection SEW connection
 * @param seed seed of weights and shuffling
 * @param maxTrainBatches stop each epoch after this many batches (0 = all)
 * @param maxTestBatches evaluate on at most this many test batches (0 = all)
 * @param syntheticSamples training samples of the synthetic stand-in (test: a quarter, at least 2)
 * @param simulated train on the simulated N-MNIST ({@code SimulatedNMNIST}, cached in {@code dataRoot}, or in
 *     {@code outDir/data} when dataRoot is null) instead of N-MNIST
 */
public record SewConfig(Path dataRoot, Path outDir, int epochs, int timeSteps, int batchSize, double learningRate,
        ResidualConnection connection, long seed, int maxTrainBatches, int maxTestBatches, int syntheticSamples,
        boolean simulated) {

    /** Settings without the simulated data set (N-MNIST or the synthetic stand-in). */
    public SewConfig(Path dataRoot, Path outDir, int epochs, int timeSteps, int batchSize, double learningRate,
            ResidualConnection connection, long seed, int maxTrainBatches, int maxTestBatches, int syntheticSamples) {
        this(dataRoot, outDir, epochs, timeSteps, batchSize, learningRate, connection, seed, maxTrainBatches,
                maxTestBatches, syntheticSamples, false);
    }

    /** Validates every field. */
    public SewConfig {
        if (outDir == null || connection == null) {
            throw new IllegalArgumentException("sew: output folder and connection must be given");
        }
        if (epochs <= 0 || timeSteps <= 0 || batchSize <= 0 || maxTrainBatches < 0 || maxTestBatches < 0
                || syntheticSamples < batchSize) {
            throw new IllegalArgumentException("sew: epochs, time steps and batch size must be positive, max batches "
                    + "non-negative and synthetic samples at least one batch (got " + epochs + ", " + timeSteps + ", "
                    + batchSize + ", " + maxTrainBatches + ", " + maxTestBatches + ", " + syntheticSamples + ")");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("sew: learning rate must be positive, got " + learningRate);
        }
    }
}
