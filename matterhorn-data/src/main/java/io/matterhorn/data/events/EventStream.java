package io.matterhorn.data.events;

/**
 * A sequence of timestamped events held as parallel arrays (struct of arrays).
 *
 * <p>Timestamps are integers in the unit of the data set (microseconds for the camera data sets, nanoseconds by
 * default for SHD); they are {@code long} because AEDAT 3.1 timestamps carry an overflow counter above bit 31.
 */
public interface EventStream {

    /**
     * Returns the number of events.
     *
     * @return the number of events, {@code >= 0}
     */
    int size();

    /**
     * Returns the timestamp of one event.
     *
     * @param i the event index, in {@code [0, size())}
     * @return its timestamp
     */
    long time(int i);

    /**
     * Tells whether the timestamps never decrease.
     *
     * @return {@code true} if {@code time(i) <= time(i + 1)} for every {@code i}
     */
    default boolean isSortedByTime() {
        for (int i = 1; i < size(); i++) {
            if (time(i) < time(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
