/**
 * The STDP example: unsupervised learning of receptive fields with STDPLinear and a spike-count readout.
 */
package io.matterhorn.examples.stdp;
