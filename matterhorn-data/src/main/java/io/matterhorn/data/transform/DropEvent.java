package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import java.util.random.RandomGenerator;

/**
 * Drops a fixed share of the events at random (tonic {@code DropEvent}): of {@code n} events,
 * {@code k = floor(probability * n + 0.5)} are chosen uniformly without replacement and removed; the rest keep
 * their order. The choice is a partial Fisher-Yates shuffle of the indices {@code 0..n-1}: for
 * {@code i = 0..k-1}, swap position {@code i} with position {@code i + random.nextInt(n - i)}; the first {@code k}
 * positions are dropped. The same rule drops unit spikes (SHD): it is both an {@link EventTransform} and a
 * {@link UnitTransform}.
 *
 * @param probability the share dropped, in {@code [0, 1]}
 */
public record DropEvent(double probability) implements EventTransform, UnitTransform {

    /**
     * Validates the share.
     *
     * @param probability the share dropped, in {@code [0, 1]}
     * @throws IllegalArgumentException if it is outside {@code [0, 1]}
     */
    public DropEvent {
        Events.probability("DropEvent", probability);
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        return Events.keep(events, Events.dropMask(events.size(), probability, random));
    }

    @Override
    public UnitEvents apply(UnitEvents events, int units, RandomGenerator random) {
        return Events.keep(events, Events.dropMask(events.size(), probability, random));
    }
}
