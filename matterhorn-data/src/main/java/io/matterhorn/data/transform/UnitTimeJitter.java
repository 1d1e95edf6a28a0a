package io.matterhorn.data.transform;

import io.matterhorn.data.events.UnitEvents;
import java.util.random.RandomGenerator;

/**
 * {@link TimeJitter} for unit spikes: {@code t'_i = t_i + round(std * g_i)}, one standard normal draw per spike in
 * stream order; spikes with {@code t' < 0} dropped if {@code clipNegative}; stably sorted if
 * {@code sortTimestamps}.
 *
 * @param std            the standard deviation, {@code >= 0}, in the spikes' time unit
 * @param clipNegative   whether to drop spikes moved before 0
 * @param sortTimestamps whether to sort the result by time
 */
public record UnitTimeJitter(double std, boolean clipNegative, boolean sortTimestamps) implements UnitTransform {

    /**
     * Validates the deviation.
     *
     * @param std the standard deviation, {@code >= 0}, in the spikes' time unit
     * @param clipNegative whether to drop spikes moved before 0
     * @param sortTimestamps whether to sort the result by time
     * @throws IllegalArgumentException if {@code std} is negative or not finite
     */
    public UnitTimeJitter {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("UnitTimeJitter: std must be finite and >= 0, got " + std);
        }
    }

    @Override
    public UnitEvents apply(UnitEvents events, int units, RandomGenerator random) {
        long[] t = Events.jitter(events.times(), std, random);
        UnitEvents out = UnitEvents.of(t, events.units());
        if (clipNegative) {
            boolean[] keep = new boolean[t.length];
            for (int i = 0; i < t.length; i++) {
                keep[i] = t[i] >= 0;
            }
            out = Events.keep(out, keep);
        }
        return sortTimestamps ? out.sortedByTime() : out;
    }
}
