package io.matterhorn.snn;

import io.matterhorn.tensor.Tensor;

/**
 * A single-step module (a soma, a recurrent layer, a delay) that also runs a whole sequence at once, as one fused
 * graph node with the same values and gradients as stepping it: {@link io.matterhorn.snn.container.Temporal} calls
 * {@link #forwardSequence} instead of T single steps. State carries over from one call to the next until
 * {@link Module#reset()}, as with single steps.
 */
public interface SequenceModule {
    /**
     * @param x input sequence [T, B, ...], T &gt;= 1
     * @return output sequence [T, B, ...]
     */
    Tensor forwardSequence(Tensor x);
}
