package io.matterhorn.data.events;

/**
 * A half-open time interval {@code [start, end)} used to clip events before binning (the original's
 * {@code clipped} option): an integer {@code c} there is {@link #before(long) before(c)}, a pair {@code (a, b)}
 * is {@link #between(long, long) between(a, b)}. Clipping works on the timestamps as stored (before the shift to
 * the first event).
 *
 * @param start first timestamp kept (inclusive); {@link Long#MIN_VALUE} for no lower bound
 * @param end   first timestamp no longer kept (exclusive); {@link Long#MAX_VALUE} for no upper bound
 */
public record TimeWindow(long start, long end) {

    /**
     * Validates the interval.
     *
     * @param start first timestamp kept (inclusive); {@link Long#MIN_VALUE} for no lower bound
     * @param end first timestamp no longer kept (exclusive); {@link Long#MAX_VALUE} for no upper bound
     * @throws IllegalArgumentException if {@code end <= start}
     */
    public TimeWindow {
        if (end <= start) {
            throw new IllegalArgumentException("TimeWindow: end " + end + " must be greater than start " + start);
        }
    }

    /**
     * Keeps events with {@code t < end} (the original's integer {@code clipped}).
     *
     * @param end first timestamp no longer kept
     * @return the window {@code [-inf, end)}
     * @throws IllegalArgumentException if {@code end == Long.MIN_VALUE}
     */
    public static TimeWindow before(long end) {
        return new TimeWindow(Long.MIN_VALUE, end);
    }

    /**
     * Keeps events with {@code start <= t < end} (the original's tuple {@code clipped}).
     *
     * @param start first timestamp kept
     * @param end   first timestamp no longer kept, {@code > start}
     * @return the window
     * @throws IllegalArgumentException if {@code end <= start}
     */
    public static TimeWindow between(long start, long end) {
        return new TimeWindow(start, end);
    }

    /**
     * Tells whether a timestamp lies inside.
     *
     * @param t a timestamp
     * @return {@code start <= t < end}
     */
    public boolean contains(long t) {
        return t >= start && t < end;
    }

    /**
     * Tells whether the window has a lower bound.
     *
     * @return {@code start != Long.MIN_VALUE}
     */
    public boolean hasStart() {
        return start != Long.MIN_VALUE;
    }

    /**
     * Describes the window for cache keys and messages.
     *
     * @return for example {@code [100,300)} or {@code [-inf,300)}
     */
    @Override
    public String toString() {
        return "[" + (hasStart() ? Long.toString(start) : "-inf") + "," + (end == Long.MAX_VALUE ? "inf"
                : Long.toString(end)) + ")";
    }
}
