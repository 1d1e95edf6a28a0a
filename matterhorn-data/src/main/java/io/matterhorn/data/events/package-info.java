/**
 * Event-camera and spike-train data: struct-of-arrays event containers, readers for the raw file formats of the
 * neuromorphic data sets, and the binning of events into dense frames.
 *
 * <ul>
 *   <li>{@link io.matterhorn.data.events.PolarityEvents} ({@code t, x, y, p}) and
 *       {@link io.matterhorn.data.events.UnitEvents} ({@code t, unit}) hold one recording or sample.</li>
 *   <li>Readers are pure functions from bytes to events: {@link io.matterhorn.data.events.NmnistBinReader}
 *       (N-MNIST {@code .bin}), {@link io.matterhorn.data.events.Aedat2Reader} (AEDAT 2.0, CIFAR10-DVS),
 *       {@link io.matterhorn.data.events.Aedat31Reader} (AEDAT 3.1, DVS128 Gesture) and
 *       {@link io.matterhorn.data.events.ShdFileReader} (SHD HDF5 through jHDF).</li>
 *   <li>{@link io.matterhorn.data.events.FrameBinner} turns events into {@code [T, P, H, W]} or {@code [T, L]}
 *       frames by the rule of the original, described by a
 *       {@link io.matterhorn.data.events.FrameSpec}.</li>
 * </ul>
 *
 * <p>Malformed input raises an {@link io.matterhorn.data.events.EventFormatException} naming the source and the
 * byte offset of the problem.
 */
package io.matterhorn.data.events;
