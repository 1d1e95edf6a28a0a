package io.matterhorn.data.events;

import java.util.Arrays;
import java.util.Objects;

/**
 * Events of an event camera (DVS, ATIS) as four parallel arrays: timestamp {@code t}, column {@code x}, row
 * {@code y} and polarity {@code p} (1 = ON, brightness increase; 0 = OFF).
 *
 * <p>Instances are immutable: every transformation returns a new instance (or this one when nothing changes), and
 * the accessors that return arrays return copies. Coordinates are pixel indices with {@code (0, 0)} at the upper
 * left corner as the frames are drawn ({@code y} is the row, {@code x} the column); each data set documents how
 * it maps its sensor onto that convention.
 */
public final class PolarityEvents extends TimedEvents<PolarityEvents> {

    /** The empty event stream. */
    public static final PolarityEvents EMPTY = new PolarityEvents(new long[0], new int[0], new int[0], new byte[0],
            0);

    final int[] x;
    final int[] y;
    final byte[] p;

    /** Wraps arrays without copying; only the first {@code n} entries are used. */
    PolarityEvents(long[] t, int[] x, int[] y, byte[] p, int n) {
        super(t, n);
        this.x = x;
        this.y = y;
        this.p = p;
    }

    /**
     * Creates an event stream from four arrays of equal length, which are copied.
     *
     * @param t timestamps
     * @param x columns, {@code >= 0}
     * @param y rows, {@code >= 0}
     * @param p polarities, each 0 or 1
     * @return the events, in the given order
     * @throws IllegalArgumentException if the lengths differ, a coordinate is negative or a polarity is not 0/1
     */
    public static PolarityEvents of(long[] t, int[] x, int[] y, int[] p) {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(p, "p");
        int n = t.length;
        if (x.length != n || y.length != n || p.length != n) {
            throw new IllegalArgumentException("PolarityEvents: arrays t, x, y, p must have equal lengths, got "
                    + n + ", " + x.length + ", " + y.length + ", " + p.length);
        }
        byte[] pb = new byte[n];
        for (int i = 0; i < n; i++) {
            if (x[i] < 0 || y[i] < 0) {
                throw new IllegalArgumentException("PolarityEvents: event " + i + " has a negative coordinate (x="
                        + x[i] + ", y=" + y[i] + ")");
            }
            if (p[i] != 0 && p[i] != 1) {
                throw new IllegalArgumentException("PolarityEvents: event " + i + " has polarity " + p[i]
                        + "; expected 0 or 1");
            }
            pb[i] = (byte) p[i];
        }
        return new PolarityEvents(t.clone(), x.clone(), y.clone(), pb, n);
    }

    /**
     * Returns the column of one event.
     *
     * @param i the event index, in {@code [0, size())}
     * @return its column
     */
    public int x(int i) {
        Objects.checkIndex(i, n);
        return x[i];
    }

    /**
     * Returns the row of one event.
     *
     * @param i the event index, in {@code [0, size())}
     * @return its row
     */
    public int y(int i) {
        Objects.checkIndex(i, n);
        return y[i];
    }

    /**
     * Returns the polarity of one event.
     *
     * @param i the event index, in {@code [0, size())}
     * @return 1 for ON, 0 for OFF
     */
    public int polarity(int i) {
        Objects.checkIndex(i, n);
        return p[i];
    }

    /**
     * Returns all columns.
     *
     * @return a fresh array of {@link #size()} columns
     */
    public int[] xs() {
        return Arrays.copyOf(x, n);
    }

    /**
     * Returns all rows.
     *
     * @return a fresh array of {@link #size()} rows
     */
    public int[] ys() {
        return Arrays.copyOf(y, n);
    }

    /**
     * Returns all polarities.
     *
     * @return a fresh array of {@link #size()} values, each 0 or 1
     */
    public int[] polarities() {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = p[i];
        }
        return out;
    }

    /**
     * Counts the ON events.
     *
     * @return the number of events with polarity 1
     */
    public int onCount() {
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += p[i];
        }
        return c;
    }

    /**
     * Keeps the events with {@code start <= t < end} and subtracts {@code start} from their timestamps: cuts a
     * segment out of a recording and shifts it to begin at 0 (used for the DVS128 Gesture instances).
     *
     * @param start first timestamp kept (inclusive); becomes 0
     * @param end   end of the segment (exclusive), {@code >= start}
     * @return the segment, in the original order
     * @throws IllegalArgumentException if {@code end < start}
     */
    public PolarityEvents segment(long start, long end) {
        if (end < start) {
            throw new IllegalArgumentException("segment end " + end + " is before its start " + start);
        }
        PolarityEvents kept = where(i -> t[i] >= start && t[i] < end);
        long[] shifted = new long[kept.n];
        for (int j = 0; j < kept.n; j++) {
            shifted[j] = kept.t[j] - start;
        }
        return new PolarityEvents(shifted, kept.x, kept.y, kept.p, kept.n);
    }

    /**
     * Drops the events outside a sensor of {@code width x height} pixels.
     *
     * @param width  number of columns; events need {@code x < width}
     * @param height number of rows; events need {@code y < height}
     * @return this instance if every event lies inside, otherwise a filtered copy
     */
    public PolarityEvents withinSensor(int width, int height) {
        return where(i -> x[i] < width && y[i] < height);
    }

    @Override
    PolarityEvents pick(int[] indices) {
        int m = indices.length;
        long[] t2 = new long[m];
        int[] x2 = new int[m];
        int[] y2 = new int[m];
        byte[] p2 = new byte[m];
        for (int j = 0; j < m; j++) {
            int i = indices[j];
            t2[j] = t[i];
            x2[j] = x[i];
            y2[j] = y[i];
            p2[j] = p[i];
        }
        return new PolarityEvents(t2, x2, y2, p2, m);
    }

    @Override
    PolarityEvents self() {
        return this;
    }

    /**
     * Describes the stream by size and time range.
     *
     * @return for example {@code PolarityEvents[4325 events, t 654..311175]}
     */
    @Override
    public String toString() {
        if (n == 0) {
            return "PolarityEvents[0 events]";
        }
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, t[i]);
            hi = Math.max(hi, t[i]);
        }
        return "PolarityEvents[" + n + " events, t " + lo + ".." + hi + "]";
    }
}
