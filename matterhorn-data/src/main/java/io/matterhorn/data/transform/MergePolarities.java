package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Makes every event OFF ({@code p' = 0}), so both polarities land in channel 0 (tonic {@code MergePolarities}).
 * Binning with {@code polarity(false)} gives the same channel without a transform and with one channel instead of
 * two; this transform is for pipelines that must keep {@code P = 2}. Deterministic.
 */
public record MergePolarities() implements EventTransform {

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        return PolarityEvents.of(events.times(), events.xs(), events.ys(), new int[events.size()]);
    }
}
