package io.matterhorn.examples.nmnist;

import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Surrogate;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of example 4 (convolutional SNN on N-MNIST); the defaults are the original's
 * {@code examples/4_convolution_and_event_datasets.py}.
 *
 * @param epochs          training epochs (32)
 * @param scheduleEpochs  {@code T_max} of the cosine learning-rate schedule (32, the epoch count)
 * @param timeSteps       time bins per sample {@code T} (128)
 * @param batchSize       samples per batch (128)
 * @param learningRate    Adam learning rate (1e-3)
 * @param tauM            membrane time constant of the LIF layers (1.1)
 * @param surrogate       spiking function of the LIF layers ({@code Rectangular(2)}, the original's default)
 * @param seed            seed of the weight initialisation and the shuffling
 * @param dataRoot        data folder holding {@code NMNIST/} ({@code data})
 * @param download        download missing archives from Mendeley Data
 * @param maxTrainBatches stop each epoch after this many batches (0 = all); for quick runs
 * @param maxTestBatches  evaluate on at most this many test batches (0 = all)
 * @param quiet           print nothing but errors
 * @param simulated       train on {@link io.matterhorn.data.neuromorphic.SimulatedNMNIST} (no download) instead of
 *                        N-MNIST
 * @param mnist           with {@code simulated}: folder of MNIST IDX files to simulate, or {@code null} for the
 *                        bundled 10,000-digit sample
 * @param reluHead        end the network with the original's {@code ReLU} after the read-out {@code Linear}
 *                        ({@code true}, the original) or leave the scores linear ({@code false}). With the MSE loss a
 *                        ReLU read-out can lose classes for good: a class whose score is negative for every input
 *                        gets no gradient, so it is never predicted again (see {@link NmnistExample})
 */
public record NmnistConfig(int epochs, int scheduleEpochs, int timeSteps, int batchSize, double learningRate,
                           double tauM, Surrogate surrogate, long seed, Path dataRoot, boolean download,
                           int maxTrainBatches, int maxTestBatches, boolean quiet, boolean simulated, Path mnist,
                           boolean reluHead) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a count or rate is not positive
     */
    public NmnistConfig {
        Objects.requireNonNull(surrogate, "surrogate");
        Objects.requireNonNull(dataRoot, "dataRoot");
        if (epochs < 1 || scheduleEpochs < 1 || timeSteps < 1 || batchSize < 1 || maxTrainBatches < 0
                || maxTestBatches < 0) {
            throw new IllegalArgumentException("example 4: epochs, tmax, time steps and batch size must be >= 1 and "
                    + "batch limits >= 0");
        }
        if (!(learningRate > 0) || !(tauM > 0)) {
            throw new IllegalArgumentException("example 4: learning rate and tau must be > 0");
        }
    }

    /**
     * Settings with the original's ReLU read-out ({@code reluHead = true}); the other values as the canonical
     * constructor.
     *
     * @param epochs          training epochs
     * @param scheduleEpochs  {@code T_max} of the cosine learning-rate schedule
     * @param timeSteps       time bins per sample
     * @param batchSize       samples per batch
     * @param learningRate    Adam learning rate
     * @param tauM            membrane time constant
     * @param surrogate       spiking function
     * @param seed            seed of the initialisation and the shuffling
     * @param dataRoot        data folder
     * @param download        download missing archives
     * @param maxTrainBatches batches per epoch (0 = all)
     * @param maxTestBatches  test batches (0 = all)
     * @param quiet           print nothing but errors
     * @param simulated       train on the simulated N-MNIST
     * @param mnist           MNIST IDX folder to simulate, or {@code null} for the bundled sample
     * @throws IllegalArgumentException if a count or rate is not positive
     */
    public NmnistConfig(int epochs, int scheduleEpochs, int timeSteps, int batchSize, double learningRate,
                        double tauM, Surrogate surrogate, long seed, Path dataRoot, boolean download,
                        int maxTrainBatches, int maxTestBatches, boolean quiet, boolean simulated, Path mnist) {
        this(epochs, scheduleEpochs, timeSteps, batchSize, learningRate, tauM, surrogate, seed, dataRoot, download,
                maxTrainBatches, maxTestBatches, quiet, simulated, mnist, true);
    }

    /**
     * Returns the original's settings.
     *
     * @return 32 epochs, T = 128, batch 128, lr 1e-3, tau 1.1, Rectangular surrogate, seed 0, data folder
     *         {@code data}, ReLU read-out
     */
    public static NmnistConfig defaults() {
        return new NmnistConfig(32, 32, 128, 128, 1e-3, 1.1, new Rectangular(), 0, Path.of("data"), false, 0, 0,
                false, false, null, true);
    }
}
