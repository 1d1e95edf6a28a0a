/**
 * The shared training loop of the supervised examples (epochs, settings, reports).
 */
package io.matterhorn.examples.train;
