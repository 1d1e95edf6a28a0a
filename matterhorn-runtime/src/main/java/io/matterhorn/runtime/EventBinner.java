package io.matterhorn.runtime;

import java.util.Arrays;

/**
 * Turns a live stream of camera events {@code (x, y, polarity, t)} into per-step binary input for
 * {@link StreamingNetwork#stepSpikes}: step k covers the time window {@code [t0 + k dt, t0 + (k + 1) dt)}
 * (microseconds, {@code t0} the first event's time rounded down to a multiple of {@code dt}), and input
 * {@code p * H * W + y * W + x} is 1 when at least one event of polarity p hit pixel (x, y) in the window.
 *
 * <p><b>Incremental and bounded.</b> Events wait in a ring buffer of fixed capacity; a step touches only the events
 * of its window. A window is complete, and {@link #poll} returns it, once an event at or after its end has arrived
 * or the producer has declared the time with {@link #advanceTo}; before that {@link #poll} returns
 * {@link #NOT_READY}. Events older than the window being built (late events) are dropped and counted.
 *
 * <p><b>A producer faster than the consumer.</b> When the buffer is full, the {@link Overflow} policy decides:
 * {@code BLOCK} makes {@link #offer} wait for room; {@code DROP_OLDEST} discards the oldest waiting event;
 * {@code DROP_NEWEST} discards the offered one. {@link #dropped()} counts every event discarded (overflow and late).
 *
 * <p>Thread-safe: one or more producer threads may {@link #offer} while one consumer thread polls; nothing is
 * allocated after construction.
 */
public final class EventBinner {
    /** Returned by {@link #poll} while the next window may still receive events. */
    public static final int NOT_READY = -1;

    /** What {@link #offer} does when the buffer is full. */
    public enum Overflow {
        /** Wait until the consumer makes room. */
        BLOCK,
        /** Discard the oldest waiting event to make room (counted by {@link #dropped()}). */
        DROP_OLDEST,
        /** Discard the offered event (counted by {@link #dropped()}). */
        DROP_NEWEST
    }

    private final int width;
    private final int height;
    private final int polarities;
    private final long stepMicros;
    private final Overflow overflow;
    private final int[] index;
    private final long[] time;
    private final int[] mark;
    private int head;
    private int size;
    private long windowStart = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    private long dropped;
    private long accepted;
    private int stamp;

    /**
     * @param width sensor width W
     * @param height sensor height H
     * @param polarities number of polarity channels P (2 for ON/OFF; 1 to merge them: polarity must be 0)
     * @param stepMicros window length in microseconds, positive
     * @param capacity events the buffer holds, positive
     * @param overflow what to do when it is full
     * @throws IllegalArgumentException for a non-positive size, a sensor of more than 2^31 - 1 inputs, or a null
     *     policy
     */
    public EventBinner(int width, int height, int polarities, long stepMicros, int capacity, Overflow overflow) {
        if (width < 1 || height < 1 || polarities < 1 || stepMicros < 1 || capacity < 1 || overflow == null) {
            throw new IllegalArgumentException("EventBinner: width, height, polarities, stepMicros and capacity "
                    + "must be positive and overflow given, got " + width + ", " + height + ", " + polarities + ", "
                    + stepMicros + ", " + capacity + ", " + overflow);
        }
        long inputs = (long) width * height * polarities;
        if (inputs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("EventBinner: " + inputs + " inputs do not fit one array");
        }
        this.width = width;
        this.height = height;
        this.polarities = polarities;
        this.stepMicros = stepMicros;
        this.overflow = overflow;
        this.index = new int[capacity];
        this.time = new long[capacity];
        this.mark = new int[(int) inputs];
    }

    /** @return inputs per step, {@code P * H * W} (the network's input size) */
    public int inputSize() {
        return mark.length;
    }

    /**
     * Adds one event. Events must arrive in non-decreasing time (an event older than the window being built is
     * dropped and counted).
     *
     * @param x column, in [0, W)
     * @param y row, in [0, H)
     * @param polarity in [0, P)
     * @param tMicros time in microseconds
     * @return whether the event was kept (false: dropped by {@code DROP_NEWEST} or late)
     * @throws IllegalArgumentException for a coordinate or polarity out of range
     * @throws InterruptedException when interrupted while waiting ({@code BLOCK})
     */
    public synchronized boolean offer(int x, int y, int polarity, long tMicros) throws InterruptedException {
        if (x < 0 || x >= width || y < 0 || y >= height || polarity < 0 || polarity >= polarities) {
            throw new IllegalArgumentException("EventBinner.offer: event (x=" + x + ", y=" + y + ", p=" + polarity
                    + ") outside the " + width + "x" + height + " sensor with " + polarities + " polarities");
        }
        if (windowStart != Long.MIN_VALUE && tMicros < windowStart) {
            dropped++;
            return false;
        }
        if (windowStart == Long.MIN_VALUE) {
            windowStart = Math.floorDiv(tMicros, stepMicros) * stepMicros;
        }
        // the offered event's time is the producer's clock: windows before it are complete even if it must wait
        watermark = Math.max(watermark, tMicros);
        notifyAll();
        while (size == index.length) {
            switch (overflow) {
                case BLOCK -> wait();
                case DROP_OLDEST -> {
                    head = (head + 1) % index.length;
                    size--;
                    dropped++;
                }
                default -> {
                    dropped++;
                    return false;
                }
            }
        }
        int slot = (head + size) % index.length;
        index[slot] = (polarity * height + y) * width + x;
        time[slot] = tMicros;
        size++;
        accepted++;
        return true;
    }

    /**
     * Declares that no event earlier than {@code tMicros} will come (the producer's clock), so windows ending at or
     * before it can be emitted even if they are empty.
     *
     * @param tMicros time in microseconds
     */
    public synchronized void advanceTo(long tMicros) {
        watermark = Math.max(watermark, tMicros);
        if (windowStart == Long.MIN_VALUE) {
            windowStart = Math.floorDiv(tMicros, stepMicros) * stepMicros;
        }
    }

    /**
     * Emits the next window if it is complete.
     *
     * @param active receives the indices of the inputs that are 1, ascending (capacity at least
     *     {@link #inputSize()}, or at least the events of a window)
     * @return the number of indices written, or {@link #NOT_READY}
     */
    public synchronized int poll(int[] active) {
        if (windowStart == Long.MIN_VALUE) {
            return NOT_READY;
        }
        long end = windowStart + stepMicros;
        if (watermark < end) {
            return NOT_READY;
        }
        if (++stamp == 0) {
            Arrays.fill(mark, 0);
            stamp = 1;
        }
        int count = 0;
        while (size > 0 && time[head] < end) {
            int j = index[head];
            if (mark[j] != stamp) {
                mark[j] = stamp;
                if (count == active.length) {
                    throw new IllegalArgumentException("EventBinner.poll: active holds " + active.length
                            + " entries, the window has more distinct inputs");
                }
                active[count++] = j;
            }
            head = (head + 1) % index.length;
            size--;
        }
        Arrays.sort(active, 0, count);
        windowStart = end;
        notifyAll();
        return count;
    }

    /** @return events discarded so far (overflow and late) */
    public synchronized long dropped() {
        return dropped;
    }

    /** @return events kept so far */
    public synchronized long accepted() {
        return accepted;
    }

    /** @return events waiting in the buffer */
    public synchronized int pending() {
        return size;
    }

    /** @return the start of the next window to be emitted, in microseconds ({@code Long.MIN_VALUE} before any event) */
    public synchronized long windowStart() {
        return windowStart;
    }
}
