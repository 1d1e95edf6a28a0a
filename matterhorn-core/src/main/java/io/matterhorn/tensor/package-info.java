/**
 * Tensors with reverse-mode automatic differentiation over ND4J arrays: the Tensor graph, memory scopes, layout
 * helpers and the differentiable operations (convolution, pooling, normalisation, functional ops).
 *
 * <p>{@link io.matterhorn.tensor.Tensor} is the graph node and the entry point of the common operations, whose
 * implementations live in one class per family (arithmetic, elementwise functions, comparisons, sums, shape
 * operations, the reverse pass; {@link io.matterhorn.tensor.Elementwise}, {@link io.matterhorn.tensor.Slicing},
 * {@link io.matterhorn.tensor.Reductions}, {@link io.matterhorn.tensor.Activations} and
 * {@link io.matterhorn.tensor.Functional} are public). Convolutions ({@link io.matterhorn.tensor.Convolution})
 * choose per call between a dense im2col + GEMM engine and event-driven or scatter engines for sparse spikes and
 * gradients.
 */
package io.matterhorn.tensor;
