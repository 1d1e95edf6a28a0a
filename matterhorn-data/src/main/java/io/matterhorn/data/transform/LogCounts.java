package io.matterhorn.data.transform;

import java.util.random.RandomGenerator;

/**
 * Compresses count frames: {@code v' = ln(1 + v)} for every cell (0 stays 0). Deterministic.
 */
public record LogCounts() implements FrameTransform {

    @Override
    public void apply(float[] frames, long[] shape, RandomGenerator random) {
        int n = FrameShapes.size(shape, frames, "LogCounts");
        for (int i = 0; i < n; i++) {
            frames[i] = (float) Math.log1p(frames[i]);
        }
    }
}
