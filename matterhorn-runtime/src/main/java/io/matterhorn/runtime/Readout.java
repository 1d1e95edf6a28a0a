package io.matterhorn.runtime;

import java.util.List;

/**
 * What a model does after its last per-step layer: a decoder that accumulates the per-step output over the steps
 * of a stream ({@code SumSpikeDecoder}: the sum; {@code AvgSpikeDecoder}: the mean), followed by stateless
 * operations on the decoded value (the head, such as a {@code Linear} classifier). Immutable.
 *
 * @param decoder the accumulation
 * @param head operations applied in order to the decoded value
 * @param decodedShape per-sample shape after the head
 */
record Readout(Decoder decoder, List<Op> head, int[] decodedShape) {
    /** The accumulation of the per-step output. */
    enum Decoder {
        /** No decoder: the decoded value is the running mean of the output (as {@code AvgSpikeDecoder}). */
        NONE,
        /** The sum over the stream's steps. */
        SUM,
        /** The mean over the stream's steps. */
        AVG
    }
}
