package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Drops isolated events (tonic {@code Denoise}): an event is kept when one of its four direct neighbours
 * ({@code (x +- 1, y)}, {@code (x, y +- 1)}) had an event shortly before it:
 * <pre>
 * keep event i  iff  exists j before i in the stream with |x_j - x_i| + |y_j - y_i| = 1 and t_i - t_j &lt; filterTime
 * </pre>
 * Events are visited in stream order (time order for the data sets, which store sorted events). Every event,
 * kept or not, counts as a neighbour for later ones. Unlike tonic's implementation, whose memory starts at
 * {@code filterTime} and so keeps every event before {@code t = filterTime}, a pixel here has no event before the
 * first one. Deterministic.
 *
 * @param filterTime the time window, {@code >= 1}, in the events' time unit
 */
public record Denoise(long filterTime) implements EventTransform {

    /**
     * Validates the window.
     *
     * @param filterTime the time window, {@code >= 1}, in the events' time unit
     * @throws IllegalArgumentException if {@code filterTime < 1}
     */
    public Denoise {
        if (filterTime < 1) {
            throw new IllegalArgumentException("Denoise: filterTime must be >= 1, got " + filterTime);
        }
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        Events.requireInside("Denoise", events, sensor);
        int w = sensor.width();
        int h = sensor.height();
        long[] last = new long[w * h];
        boolean[] seen = new boolean[w * h];
        boolean[] keep = new boolean[events.size()];
        for (int i = 0; i < events.size(); i++) {
            int x = events.x(i);
            int y = events.y(i);
            long t = events.time(i);
            keep[i] = recent(last, seen, x - 1, y, w, h, t) || recent(last, seen, x + 1, y, w, h, t)
                    || recent(last, seen, x, y - 1, w, h, t) || recent(last, seen, x, y + 1, w, h, t);
            last[y * w + x] = t;
            seen[y * w + x] = true;
        }
        return Events.keep(events, keep);
    }

    private boolean recent(long[] last, boolean[] seen, int x, int y, int w, int h, long t) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return false;
        }
        int k = y * w + x;
        return seen[k] && t - last[k] < filterTime;
    }
}
