package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Mirrors the sample top to bottom with probability {@code p} (tonic {@code RandomFlipUD}): one draw
 * {@code u = random.nextDouble()}; if {@code u < p} then {@code y' = H - 1 - y} for every event.
 *
 * @param p the probability of flipping, in {@code [0, 1]}
 */
public record RandomFlipUD(double p) implements EventTransform {

    /**
     * Validates the probability.
     *
     * @param p the probability of flipping, in {@code [0, 1]}
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
     */
    public RandomFlipUD {
        Events.probability("RandomFlipUD", p);
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        if (random.nextDouble() >= p) {
            return events;
        }
        Events.requireInside("RandomFlipUD", events, sensor);
        int[] y = events.ys();
        for (int i = 0; i < y.length; i++) {
            y[i] = sensor.height() - 1 - y[i];
        }
        return PolarityEvents.of(events.times(), events.xs(), y, events.polarities());
    }
}
