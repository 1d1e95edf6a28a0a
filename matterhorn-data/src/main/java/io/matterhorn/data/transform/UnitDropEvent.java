package io.matterhorn.data.transform;

import io.matterhorn.data.events.UnitEvents;
import java.util.random.RandomGenerator;

/**
 * {@link DropEvent} for unit spikes: {@code k = floor(probability * n + 0.5)} of the {@code n} spikes, chosen by
 * the same partial Fisher-Yates shuffle, are removed.
 *
 * @param probability the share dropped, in {@code [0, 1]}
 */
public record UnitDropEvent(double probability) implements UnitTransform {

    /**
     * Validates the share.
     *
     * @param probability the share dropped, in {@code [0, 1]}
     * @throws IllegalArgumentException if it is outside {@code [0, 1]}
     */
    public UnitDropEvent {
        Events.probability("UnitDropEvent", probability);
    }

    @Override
    public UnitEvents apply(UnitEvents events, int units, RandomGenerator random) {
        return Events.keep(events, Events.dropMask(events.size(), probability, random));
    }
}
