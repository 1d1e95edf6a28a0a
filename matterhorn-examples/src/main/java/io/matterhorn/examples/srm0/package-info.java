/**
 * The SRM0 example: a network of SRM0 linear layers on MNIST.
 */
package io.matterhorn.examples.srm0;
