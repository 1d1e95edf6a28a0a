package io.matterhorn.data.events;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * What {@link PolarityEvents} and {@link UnitEvents} share: the timestamps, the count, and every operation that
 * only moves whole events (sort by time, keep every k-th, keep those that pass a test). A subclass adds its other
 * columns and says how to copy a selection of its events ({@link #pick(int[])}). Immutable, as the subclasses.
 *
 * @param <S> the concrete event type
 */
abstract class TimedEvents<S extends TimedEvents<S>> implements EventStream {
    final long[] t;
    final int n;

    /**
     * @param t timestamps, used as given (not copied); only the first {@code n} are events
     * @param n number of events
     */
    TimedEvents(long[] t, int n) {
        this.t = t;
        this.n = n;
    }

    /**
     * Copies a selection of the events.
     *
     * @param indices the events to keep, in the order of the result
     * @return a new instance holding those events
     */
    abstract S pick(int[] indices);

    /** @return this instance as its concrete type */
    abstract S self();

    @Override
    public final int size() {
        return n;
    }

    @Override
    public final long time(int i) {
        Objects.checkIndex(i, n);
        return t[i];
    }

    /**
     * Returns all timestamps.
     *
     * @return a fresh array of {@link #size()} timestamps
     */
    public final long[] times() {
        return Arrays.copyOf(t, n);
    }

    @Override
    public final boolean isSortedByTime() {
        return TimeOrder.isSorted(t, n);
    }

    /**
     * Sorts the events by timestamp, keeping the file order of events with equal timestamps.
     *
     * @return this instance if already sorted, otherwise a sorted copy
     */
    public final S sortedByTime() {
        return isSortedByTime() ? self() : pick(TimeOrder.stablePermutation(Arrays.copyOf(t, n)));
    }

    /**
     * Keeps every {@code k}-th event, starting with the first (the original's {@code sampling} option,
     * {@code events[::k]}).
     *
     * @param k the step, {@code >= 1}
     * @return this instance if {@code k == 1}, otherwise the events at indices {@code 0, k, 2k, ...}
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public final S everyNth(int k) {
        TimeOrder.checkSampling(k);
        if (k == 1) {
            return self();
        }
        int[] indices = new int[TimeOrder.keptBySampling(n, k)];
        for (int j = 0; j < indices.length; j++) {
            indices[j] = j * k;
        }
        return pick(indices);
    }

    /**
     * Keeps the events that pass a test, in their order.
     *
     * @param keep the test of an event index
     * @return this instance if every event passes, otherwise a filtered copy
     */
    final S where(IntPredicate keep) {
        int[] indices = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (keep.test(i)) {
                indices[m++] = i;
            }
        }
        return m == n ? self() : pick(Arrays.copyOf(indices, m));
    }
}
