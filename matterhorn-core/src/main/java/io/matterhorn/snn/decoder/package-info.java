/**
 * Decoders that turn a spike sequence [T, B, ...] into a per-sample value (average or sum of spikes, first-spike
 * time, time average).
 */
package io.matterhorn.snn.decoder;
