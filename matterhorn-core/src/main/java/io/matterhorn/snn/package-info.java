/**
 * The module base (Module) with parameters, state and step modes, and the input-shape helper that spiking
 * networks are built from.
 */
package io.matterhorn.snn;
