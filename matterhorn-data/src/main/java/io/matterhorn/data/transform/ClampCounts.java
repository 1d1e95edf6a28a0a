package io.matterhorn.data.transform;

import java.util.random.RandomGenerator;

/**
 * Limits count frames: {@code v' = min(v, max)} for every cell. Deterministic.
 *
 * @param max the largest value kept, {@code >= 0}
 */
public record ClampCounts(float max) implements FrameTransform {

    /**
     * Validates the limit.
     *
     * @param max the largest value kept, {@code >= 0}
     * @throws IllegalArgumentException if {@code max} is negative or NaN
     */
    public ClampCounts {
        if (!(max >= 0)) {
            throw new IllegalArgumentException("ClampCounts: max must be >= 0, got " + max);
        }
    }

    @Override
    public void apply(float[] frames, long[] shape, RandomGenerator random) {
        int n = FrameShapes.size(shape, frames, "ClampCounts");
        for (int i = 0; i < n; i++) {
            frames[i] = Math.min(frames[i], max);
        }
    }
}
