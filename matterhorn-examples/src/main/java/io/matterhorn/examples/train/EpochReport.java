package io.matterhorn.examples.train;

/**
 * Figures of one training epoch, as printed in the table of {@link MnistTrainer}.
 *
 * @param epoch 1-based epoch number
 * @param loss mean training loss over the epoch's batches
 * @param trainAccuracy fraction of training samples classified correctly during the epoch
 * @param testAccuracy fraction of test samples classified correctly after the epoch
 * @param trainSeconds wall time of the training part
 * @param samplesPerSecond training throughput
 */
public record EpochReport(int epoch, double loss, double trainAccuracy, double testAccuracy, double trainSeconds,
        double samplesPerSecond) {
}
