/**
 * Event and frame transforms (data augmentation and cleaning), applied to a sample's events after they are read
 * from the cache and before they are binned, so the on-disk cache always keeps the raw events.
 *
 * <p>Three kinds: {@link io.matterhorn.data.transform.EventTransform} for camera events
 * {@code (t, x, y, p)}, {@link io.matterhorn.data.transform.UnitTransform} for unit spikes {@code (t, unit)} (SHD),
 * and {@link io.matterhorn.data.transform.FrameTransform} for the binned frames {@code [T, P, H, W]} or
 * {@code [T, L]}. Random transforms draw only from the {@link java.util.random.RandomGenerator} they are handed;
 * a data set hands each sample a generator seeded from {@code (seed, epoch, sample index)}
 * ({@link io.matterhorn.data.transform.TransformSeeds}), so a sample is transformed the same way on any thread
 * and in any order. The definitions follow the documented behaviour of the tonic library's transforms; each class
 * states its formula and where it differs.
 */
package io.matterhorn.data.transform;
