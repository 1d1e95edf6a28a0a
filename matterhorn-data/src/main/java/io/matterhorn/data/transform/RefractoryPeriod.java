package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Gives every pixel a dead time after each event it keeps (tonic {@code RefractoryPeriod}). Visiting the events in
 * stream order, per pixel {@code (x, y)} (either polarity):
 * <pre>
 * keep event i  iff  the pixel has no kept event yet, or t_i - t_lastKept(x, y) &gt; delta
 * </pre>
 * Dropped events do not restart the dead time. Deterministic.
 *
 * @param delta the refractory period, {@code >= 0}, in the events' time unit
 */
public record RefractoryPeriod(long delta) implements EventTransform {

    /**
     * Validates the period.
     *
     * @param delta the refractory period, {@code >= 0}, in the events' time unit
     * @throws IllegalArgumentException if {@code delta < 0}
     */
    public RefractoryPeriod {
        if (delta < 0) {
            throw new IllegalArgumentException("RefractoryPeriod: delta must be >= 0, got " + delta);
        }
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        Events.requireInside("RefractoryPeriod", events, sensor);
        int w = sensor.width();
        long[] last = new long[w * sensor.height()];
        boolean[] fired = new boolean[last.length];
        boolean[] keep = new boolean[events.size()];
        for (int i = 0; i < keep.length; i++) {
            int k = events.y(i) * w + events.x(i);
            long t = events.time(i);
            if (!fired[k] || t - last[k] > delta) {
                keep[i] = true;
                fired[k] = true;
                last[k] = t;
            }
        }
        return Events.keep(events, keep);
    }
}
