/**
 * Sequential MNIST: a recurrent adaptive-LIF network (LSNN) reads a digit one row per time step; a feed-forward
 * network of the same size is the baseline.
 */
package io.matterhorn.examples.smnist;
