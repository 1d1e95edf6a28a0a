/**
 * Simulated event cameras: {@link io.matterhorn.data.simulation.DvsSimulator} turns a grey image moved along a
 * {@link io.matterhorn.data.simulation.SaccadePath} into DVS polarity events (log-intensity change detectors with
 * threshold mismatch, refractory period and background noise; settings in
 * {@link io.matterhorn.data.simulation.DvsParameters}); {@link io.matterhorn.data.simulation.RecordingFigures}
 * summarises recordings for comparison with real ones. The data set built on it is
 * {@link io.matterhorn.data.neuromorphic.SimulatedNMNIST}.
 */
package io.matterhorn.data.simulation;
