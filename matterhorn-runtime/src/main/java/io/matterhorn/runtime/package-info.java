/**
 * The streaming runtime: a trained network compiled for running on a live input one time step at a time
 * ({@link io.matterhorn.runtime.StreamingNetwork}), with the state of each stream held apart
 * ({@link io.matterhorn.runtime.StreamState}) and camera events binned into steps as they arrive
 * ({@link io.matterhorn.runtime.EventBinner}). Depends on no ND4J: plain float arrays, the neuron definitions of
 * {@code io.matterhorn.neuron} and the readers of {@code io.matterhorn.format}.
 */
package io.matterhorn.runtime;
