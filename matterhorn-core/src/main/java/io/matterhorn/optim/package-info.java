/**
 * Optimisers (SGD, Adam), learning-rate schedules and loss functions over trainable tensors.
 */
package io.matterhorn.optim;
