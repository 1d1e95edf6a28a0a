package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import java.util.random.RandomGenerator;

/**
 * Moves every event in time by Gaussian noise (tonic {@code TimeJitter}): one standard normal draw
 * {@code g_i = random.nextGaussian()} per event, in stream order, and
 * <pre>
 * t'_i = t_i + round(std * g_i)
 * </pre>
 * With {@code clipNegative} the events with {@code t' < 0} are dropped; with {@code sortTimestamps} the result is
 * stably sorted by {@code t'} (binning does not need sorted events, but {@link Denoise} and
 * {@link RefractoryPeriod} read the stream in order). The same rule moves unit spikes (SHD): it is both an
 * {@link EventTransform} and a {@link UnitTransform}.
 *
 * @param std            the standard deviation, {@code >= 0}, in the events' time unit
 * @param clipNegative   whether to drop events moved before 0
 * @param sortTimestamps whether to sort the result by time
 */
public record TimeJitter(double std, boolean clipNegative, boolean sortTimestamps)
        implements EventTransform, UnitTransform {

    /**
     * Validates the deviation.
     *
     * @param std the standard deviation, {@code >= 0}, in the events' time unit
     * @param clipNegative whether to drop events moved before 0
     * @param sortTimestamps whether to sort the result by time
     * @throws IllegalArgumentException if {@code std} is negative or not finite
     */
    public TimeJitter {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("TimeJitter: std must be finite and >= 0, got " + std);
        }
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        long[] t = Events.jitter(events.times(), std, random);
        PolarityEvents out = PolarityEvents.of(t, events.xs(), events.ys(), events.polarities());
        out = clipNegative ? Events.keep(out, notNegative(t)) : out;
        return sortTimestamps ? out.sortedByTime() : out;
    }

    @Override
    public UnitEvents apply(UnitEvents events, int units, RandomGenerator random) {
        long[] t = Events.jitter(events.times(), std, random);
        UnitEvents out = UnitEvents.of(t, events.units());
        out = clipNegative ? Events.keep(out, notNegative(t)) : out;
        return sortTimestamps ? out.sortedByTime() : out;
    }

    private static boolean[] notNegative(long[] t) {
        boolean[] keep = new boolean[t.length];
        for (int i = 0; i < t.length; i++) {
            keep[i] = t[i] >= 0;
        }
        return keep;
    }
}
