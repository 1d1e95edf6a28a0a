/**
 * Synapses: linear and convolution layers, batch and layer normalisation, time folding and initialisation.
 */
package io.matterhorn.snn.synapse;
