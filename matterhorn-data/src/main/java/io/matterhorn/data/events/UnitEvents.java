package io.matterhorn.data.events;

import java.util.Arrays;
import java.util.Objects;

/**
 * Spikes of a population of input channels (units) as two parallel arrays: timestamp {@code t} and channel
 * {@code unit}. Used for the Spiking Heidelberg Digits, whose 700 units model cochlear hair cells.
 *
 * <p>Instances are immutable: every transformation returns a new instance (or this one when nothing changes), and
 * the accessors that return arrays return copies.
 */
public final class UnitEvents implements EventStream {

    /** The empty spike train. */
    public static final UnitEvents EMPTY = new UnitEvents(new long[0], new int[0], 0);

    final long[] t;
    final int[] unit;
    final int n;

    /** Wraps arrays without copying; only the first {@code n} entries are used. */
    UnitEvents(long[] t, int[] unit, int n) {
        this.t = t;
        this.unit = unit;
        this.n = n;
    }

    /**
     * Creates a spike train from two arrays of equal length, which are copied.
     *
     * @param t    timestamps
     * @param unit channel indices, {@code >= 0}
     * @return the spikes, in the given order
     * @throws IllegalArgumentException if the lengths differ or a unit is negative
     */
    public static UnitEvents of(long[] t, int[] unit) {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(unit, "unit");
        if (t.length != unit.length) {
            throw new IllegalArgumentException("UnitEvents: arrays t and unit must have equal lengths, got "
                    + t.length + " and " + unit.length);
        }
        for (int i = 0; i < unit.length; i++) {
            if (unit[i] < 0) {
                throw new IllegalArgumentException("UnitEvents: spike " + i + " has a negative unit " + unit[i]);
            }
        }
        return new UnitEvents(t.clone(), unit.clone(), t.length);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public long time(int i) {
        Objects.checkIndex(i, n);
        return t[i];
    }

    /**
     * Returns the channel of one spike.
     *
     * @param i the spike index, in {@code [0, size())}
     * @return its unit
     */
    public int unit(int i) {
        Objects.checkIndex(i, n);
        return unit[i];
    }

    /**
     * Returns all timestamps.
     *
     * @return a fresh array of {@link #size()} timestamps
     */
    public long[] times() {
        return Arrays.copyOf(t, n);
    }

    /**
     * Returns all channels.
     *
     * @return a fresh array of {@link #size()} units
     */
    public int[] units() {
        return Arrays.copyOf(unit, n);
    }

    @Override
    public boolean isSortedByTime() {
        return TimeOrder.isSorted(t, n);
    }

    /**
     * Sorts the spikes by timestamp, keeping the file order of spikes with equal timestamps.
     *
     * @return this instance if already sorted, otherwise a sorted copy
     */
    public UnitEvents sortedByTime() {
        if (isSortedByTime()) {
            return this;
        }
        int[] perm = TimeOrder.stablePermutation(Arrays.copyOf(t, n));
        long[] t2 = new long[n];
        int[] u2 = new int[n];
        for (int k = 0; k < n; k++) {
            t2[k] = t[perm[k]];
            u2[k] = unit[perm[k]];
        }
        return new UnitEvents(t2, u2, n);
    }

    /**
     * Keeps every {@code k}-th spike, starting with the first.
     *
     * @param k the step, {@code >= 1}
     * @return this instance if {@code k == 1}, otherwise the spikes at indices {@code 0, k, 2k, ...}
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public UnitEvents everyNth(int k) {
        TimeOrder.checkSampling(k);
        if (k == 1) {
            return this;
        }
        int m = TimeOrder.keptBySampling(n, k);
        long[] t2 = new long[m];
        int[] u2 = new int[m];
        for (int j = 0, i = 0; j < m; j++, i += k) {
            t2[j] = t[i];
            u2[j] = unit[i];
        }
        return new UnitEvents(t2, u2, m);
    }

    /**
     * Drops the spikes of channels at or above {@code units}.
     *
     * @param units number of channels; spikes need {@code unit < units}
     * @return this instance if every spike is in range, otherwise a filtered copy
     */
    public UnitEvents withinUnits(int units) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (unit[i] < units) {
                m++;
            }
        }
        if (m == n) {
            return this;
        }
        long[] t2 = new long[m];
        int[] u2 = new int[m];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (unit[i] < units) {
                t2[j] = t[i];
                u2[j] = unit[i];
                j++;
            }
        }
        return new UnitEvents(t2, u2, m);
    }

    /**
     * Describes the spike train by size.
     *
     * @return for example {@code UnitEvents[5123 spikes]}
     */
    @Override
    public String toString() {
        return "UnitEvents[" + n + " spikes]";
    }
}
