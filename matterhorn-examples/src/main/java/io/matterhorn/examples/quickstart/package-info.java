/**
 * The quick start: a spiking MLP trained on the 10,000-digit MNIST sample bundled with {@code matterhorn-data},
 * in one short file that README.md shows verbatim (a test keeps the two identical).
 */
package io.matterhorn.examples.quickstart;
