/** The examples' pictures: MLP rasters and training curves, N-MNIST sample frames, and {@code show-events}. */
package io.matterhorn.examples.plots;
