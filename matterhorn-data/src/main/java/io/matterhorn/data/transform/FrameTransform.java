package io.matterhorn.data.transform;

import java.util.random.RandomGenerator;

/**
 * A transform of one sample's binned frames, in place: {@code [T, P, H, W]} for camera data, {@code [T, L]} for
 * unit data, in C order. A frame transform keeps the shape. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface FrameTransform {

    /**
     * Transforms the frames in place.
     *
     * @param frames the sample's values, {@code product(shape)} of them starting at index 0
     * @param shape  the sample shape, time first
     * @param random the source of every random draw
     */
    void apply(float[] frames, long[] shape, RandomGenerator random);
}
