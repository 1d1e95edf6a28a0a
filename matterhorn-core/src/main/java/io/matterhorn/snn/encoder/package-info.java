/**
 * Encoders that turn static input into a spike or potential sequence [T, B, ...] (direct, Poisson, temporal).
 */
package io.matterhorn.snn.encoder;
