package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Swaps ON and OFF with probability {@code p} (tonic {@code RandomFlipPolarity}): one draw
 * {@code u = random.nextDouble()}; if {@code u < p} then {@code p' = 1 - p} for every event.
 *
 * @param p the probability of flipping, in {@code [0, 1]}
 */
public record RandomFlipPolarity(double p) implements EventTransform {

    /**
     * Validates the probability.
     *
     * @param p the probability of flipping, in {@code [0, 1]}
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
     */
    public RandomFlipPolarity {
        Events.probability("RandomFlipPolarity", p);
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        if (random.nextDouble() >= p) {
            return events;
        }
        int[] pol = events.polarities();
        for (int i = 0; i < pol.length; i++) {
            pol[i] = 1 - pol[i];
        }
        return PolarityEvents.of(events.times(), events.xs(), events.ys(), pol);
    }
}
