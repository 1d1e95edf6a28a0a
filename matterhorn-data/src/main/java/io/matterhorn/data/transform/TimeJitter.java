package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Moves every event in time by Gaussian noise (tonic {@code TimeJitter}): one standard normal draw
 * {@code g_i = random.nextGaussian()} per event, in stream order, and
 * <pre>
 * t'_i = t_i + round(std * g_i)
 * </pre>
 * With {@code clipNegative} the events with {@code t' < 0} are dropped; with {@code sortTimestamps} the result is
 * stably sorted by {@code t'} (binning does not need sorted events, but {@link Denoise} and
 * {@link RefractoryPeriod} read the stream in order).
 *
 * @param std            the standard deviation, {@code >= 0}, in the events' time unit
 * @param clipNegative   whether to drop events moved before 0
 * @param sortTimestamps whether to sort the result by time
 */
public record TimeJitter(double std, boolean clipNegative, boolean sortTimestamps) implements EventTransform {

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
