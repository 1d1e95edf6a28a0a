/**
 * Surrogate spiking functions: the Heaviside step forward with a smooth derivative backward. The four built-ins
 * (Rectangular, Polynomial, Sigmoid, Gaussian) run on every backend; a user's own Surrogate runs in the fused
 * Java kernel.
 */
package io.matterhorn.snn.surrogate;
