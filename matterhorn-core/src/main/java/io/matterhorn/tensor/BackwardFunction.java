package io.matterhorn.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward rule of one graph node: given dL/d(output), accumulate dL/d(parent) into each parent
 * that requires gradients (through {@link Tensor#accumulateGrad(INDArray)}).
 *
 * <p>Implementations must not modify {@code gradOutput}: the same array may be handed to several parents (an
 * {@link InPlaceBackward} is told when it may). Arrays created for a parent's gradient can be handed over with
 * {@link Tensor#takeGrad(INDArray)} instead.
 */
@FunctionalInterface
public interface BackwardFunction {
    /**
     * Propagates the gradient of this node's output to its parents.
     *
     * @param gradOutput dL/d(output), same shape as the node's value
     */
    void apply(INDArray gradOutput);
}
