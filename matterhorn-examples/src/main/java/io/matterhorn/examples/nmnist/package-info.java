/**
 * The N-MNIST example: a spiking network on neuromorphic MNIST recordings.
 */
package io.matterhorn.examples.nmnist;
