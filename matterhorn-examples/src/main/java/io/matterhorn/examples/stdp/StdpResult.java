package io.matterhorn.examples.stdp;

import java.util.List;

/**
 * Outcome of example 2.
 *
 * @param epochs statistics of each unsupervised STDP epoch
 * @param stdpTestAccuracy readout test accuracy on the spike counts of the STDP-trained layer
 * @param randomTestAccuracy readout test accuracy on the spike counts of the same layer at its initial weights
 * @param stdpTrainAccuracy readout training accuracy, STDP-trained layer
 * @param randomTrainAccuracy readout training accuracy, initial layer
 * @param stdpSilentNeurons neurons of the trained layer that never fired on the training digits
 * @param randomSilentNeurons neurons of the initial layer that never fired on the training digits
 */
public record StdpResult(List<EpochStats> epochs, double stdpTestAccuracy, double randomTestAccuracy,
        double stdpTrainAccuracy, double randomTrainAccuracy, int stdpSilentNeurons, int randomSilentNeurons) {
}
