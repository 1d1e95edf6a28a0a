/**
 * Unsupervised learning: the STDP rule (Stdp, StdpWindow) and the STDPLinear layer that applies it, with the
 * spike history it streams over.
 */
package io.matterhorn.snn.learning;
