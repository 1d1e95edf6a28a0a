package io.matterhorn.train;

/**
 * The figures of one training epoch, as {@link Trainer#fit} returns them and
 * {@link TrainingListener#epochFinished} receives them.
 *
 * @param epoch            1-based epoch number
 * @param loss             mean training loss over the epoch's batches
 * @param trainAccuracy    fraction of training samples classified correctly during the epoch (before each step)
 * @param testLoss         mean loss on the test batches after the epoch, NaN without a test source
 * @param testAccuracy     fraction of test samples classified correctly after the epoch, NaN without a test source
 * @param trainSeconds     wall time of the training part of the epoch
 * @param samples          number of training samples seen
 * @param samplesPerSecond training throughput, {@code samples / trainSeconds}
 */
public record EpochResult(int epoch, double loss, double trainAccuracy, double testLoss, double testAccuracy,
        double trainSeconds, long samples, double samplesPerSecond) {

    /**
     * Returns this result with the figures of a test evaluation.
     *
     * @param test the evaluation after the epoch
     * @return a copy with {@link #testLoss()} and {@link #testAccuracy()} set
     */
    public EpochResult withTest(Evaluation test) {
        return new EpochResult(epoch, loss, trainAccuracy, test.loss(), test.accuracy(), trainSeconds, samples,
                samplesPerSecond);
    }
}
