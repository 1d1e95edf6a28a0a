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
public final class UnitEvents extends TimedEvents<UnitEvents> {

    /** The empty spike train. */
    public static final UnitEvents EMPTY = new UnitEvents(new long[0], new int[0], 0);

    final int[] unit;

    /** Wraps arrays without copying; only the first {@code n} entries are used. */
    UnitEvents(long[] t, int[] unit, int n) {
        super(t, n);
        this.unit = unit;
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
     * Returns all channels.
     *
     * @return a fresh array of {@link #size()} units
     */
    public int[] units() {
        return Arrays.copyOf(unit, n);
    }

    /**
     * Drops the spikes of channels at or above {@code units}.
     *
     * @param units number of channels; spikes need {@code unit < units}
     * @return this instance if every spike is in range, otherwise a filtered copy
     */
    public UnitEvents withinUnits(int units) {
        return where(i -> unit[i] < units);
    }

    @Override
    UnitEvents pick(int[] indices) {
        long[] t2 = new long[indices.length];
        int[] u2 = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            t2[j] = t[indices[j]];
            u2[j] = unit[indices[j]];
        }
        return new UnitEvents(t2, u2, indices.length);
    }

    @Override
    UnitEvents self() {
        return this;
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
