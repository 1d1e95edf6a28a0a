/**
 * What the supervised MNIST examples share around the library's {@link io.matterhorn.train.Trainer}: settings, the
 * optimiser recipe, saving and resuming, the progress bar and the per-epoch table.
 */
package io.matterhorn.examples.train;
