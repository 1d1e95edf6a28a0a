/**
 * Example 1: a spiking multilayer perceptron on MNIST.
 */
package io.matterhorn.examples.mlp;
