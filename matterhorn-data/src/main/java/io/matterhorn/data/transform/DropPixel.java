package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Removes every event of chosen pixels (tonic {@code DropPixel}): either fixed coordinates ({@link #at}) or the
 * "hot" pixels of each sample ({@link #hot}), those firing faster than a frequency:
 * <pre>
 * duration = t_last - t_first                         (first and last event of the stream)
 * pixel (x, y) is hot  iff  count(x, y) &gt; frequency * duration / ticksPerSecond
 * </pre>
 * Deterministic.
 */
public final class DropPixel implements EventTransform {

    private final Set<Long> pixels;
    private final double frequency;
    private final double ticksPerSecond;

    private DropPixel(Set<Long> pixels, double frequency, double ticksPerSecond) {
        this.pixels = pixels;
        this.frequency = frequency;
        this.ticksPerSecond = ticksPerSecond;
    }

    /**
     * Drops the events of fixed pixels.
     *
     * @param xs the pixels' columns
     * @param ys the pixels' rows, as many as {@code xs}
     * @return the transform
     * @throws IllegalArgumentException if the lengths differ
     */
    public static DropPixel at(int[] xs, int[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("DropPixel.at: xs and ys must have equal lengths, got " + xs.length
                    + " and " + ys.length);
        }
        Set<Long> set = new HashSet<>();
        for (int i = 0; i < xs.length; i++) {
            set.add(key(xs[i], ys[i]));
        }
        return new DropPixel(Set.copyOf(set), -1, 1);
    }

    /**
     * Drops the events of pixels that fire faster than {@code frequency} events per second.
     *
     * @param frequency      the highest rate kept, in events per second, {@code >= 0}
     * @param ticksPerSecond time units per second ({@code 1e6} for microsecond timestamps), {@code > 0}
     * @return the transform
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static DropPixel hot(double frequency, double ticksPerSecond) {
        if (!(frequency >= 0) || !(ticksPerSecond > 0) || Double.isInfinite(ticksPerSecond)) {
            throw new IllegalArgumentException("DropPixel.hot: need frequency >= 0 and ticksPerSecond > 0, got "
                    + frequency + " and " + ticksPerSecond);
        }
        return new DropPixel(Set.of(), frequency, ticksPerSecond);
    }

    private static long key(int x, int y) {
        return ((long) x << 32) | (y & 0xFFFFFFFFL);
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        int n = events.size();
        boolean[] keep = new boolean[n];
        if (frequency < 0) {
            for (int i = 0; i < n; i++) {
                keep[i] = !pixels.contains(key(events.x(i), events.y(i)));
            }
            return Events.keep(events, keep);
        }
        if (n == 0) {
            return events;
        }
        Events.requireInside("DropPixel", events, sensor);
        int w = sensor.width();
        int[] counts = new int[w * sensor.height()];
        for (int i = 0; i < n; i++) {
            counts[events.y(i) * w + events.x(i)]++;
        }
        double limit = frequency * (events.time(n - 1) - events.time(0)) / ticksPerSecond;
        for (int i = 0; i < n; i++) {
            keep[i] = counts[events.y(i) * w + events.x(i)] <= limit;
        }
        return Events.keep(events, keep);
    }

    @Override
    public String toString() {
        return frequency < 0 ? "DropPixel[" + pixels.size() + " pixels]" : "DropPixel[hot > " + frequency + " Hz]";
    }
}
