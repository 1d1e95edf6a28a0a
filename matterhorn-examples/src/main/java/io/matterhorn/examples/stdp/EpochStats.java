package io.matterhorn.examples.stdp;

/**
 * What one unsupervised STDP epoch did to the weight {@code W [hidden, 784]}.
 *
 * @param epoch epoch number, from 1
 * @param meanAbsChange mean over all weights of {@code |W_end - W_start|}
 * @param maxAbsChange largest {@code |W_end - W_start|}
 * @param weightMean mean of W at the end of the epoch
 * @param weightStd standard deviation of W at the end of the epoch
 * @param spikesPerNeuron output spikes per neuron per digit during the epoch
 * @param seconds wall time of the epoch
 */
public record EpochStats(int epoch, double meanAbsChange, double maxAbsChange, double weightMean, double weightStd,
        double spikesPerNeuron, double seconds) {
}
