/**
 * Tensors with reverse-mode automatic differentiation over ND4J arrays: the Tensor graph, memory scopes, layout
 * helpers and the differentiable operations (convolution, pooling, normalisation, functional ops).
 */
package io.matterhorn.tensor;
