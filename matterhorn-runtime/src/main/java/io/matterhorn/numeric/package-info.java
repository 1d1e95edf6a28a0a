/**
 * General numeric helpers on plain arrays and buffers, below tensor: the parallel loop (Parallel), float/double
 * buffer views (NumBuffer), im2col and convolution geometry, pooling and normalisation loops, sparse spike rows
 * and the spike-times-dense product. Nothing here knows about tensors, autograd or neurons.
 */
package io.matterhorn.numeric;
