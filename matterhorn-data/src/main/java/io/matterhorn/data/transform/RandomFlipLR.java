package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Mirrors the sample left to right with probability {@code p} (tonic {@code RandomFlipLR}): one draw
 * {@code u = random.nextDouble()}; if {@code u < p} then {@code x' = W - 1 - x} for every event.
 *
 * @param p the probability of flipping, in {@code [0, 1]}
 */
public record RandomFlipLR(double p) implements EventTransform {

    /**
     * Validates the probability.
     *
     * @param p the probability of flipping, in {@code [0, 1]}
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
     */
    public RandomFlipLR {
        Events.probability("RandomFlipLR", p);
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        if (random.nextDouble() >= p) {
            return events;
        }
        Events.requireInside("RandomFlipLR", events, sensor);
        int[] x = events.xs();
        for (int i = 0; i < x.length; i++) {
            x[i] = sensor.width() - 1 - x[i];
        }
        return PolarityEvents.of(events.times(), x, events.ys(), events.polarities());
    }
}
