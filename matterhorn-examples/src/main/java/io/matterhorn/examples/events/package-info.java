/**
 * Synthetic event data (a simulated N-MNIST) for examples and benchmarks.
 */
package io.matterhorn.examples.events;
