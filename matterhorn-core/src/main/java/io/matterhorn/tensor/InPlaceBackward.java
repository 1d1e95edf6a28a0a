package io.matterhorn.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A backward rule that may reuse the memory of dL/d(output). The graph tells it whether the array is private to
 * the node (every gradient summed here, or handed over with {@link Tensor#takeGrad(INDArray)}); only then may the
 * rule overwrite it, for example with dL/d(input) of an elementwise operation, and hand it on with
 * {@code takeGrad}. The node releases its gradient right after the rule returns, so nothing reads the old values.
 */
@FunctionalInterface
public interface InPlaceBackward extends BackwardFunction {
    /**
     * Propagates the gradient of this node's output to its parents.
     *
     * @param gradOutput dL/d(output), same shape as the node's value
     * @param writable whether {@code gradOutput} is private to this node and may be overwritten
     */
    void apply(INDArray gradOutput, boolean writable);

    /** Propagates a gradient that must not be modified. */
    @Override
    default void apply(INDArray gradOutput) {
        apply(gradOutput, false);
    }
}
