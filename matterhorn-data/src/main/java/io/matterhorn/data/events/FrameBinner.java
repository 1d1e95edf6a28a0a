package io.matterhorn.data.events;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Bins events into dense float32 frames: {@code [T, P, H, W]} for camera events ({@link FrameSpec}) and
 * {@code [T, L]} for unit spikes ({@link UnitFrameSpec}). See those classes and {@link TimeBinning} for the rules.
 *
 * <p>The output is written into a caller-supplied array so that a loader can place each sample straight into a
 * time-major batch: time step {@code k} of the sample goes to {@code dst[offset + k * timeStride ...]}, one block of
 * {@code P*H*W} (or {@code L}) values per step. With {@code timeStride == P*H*W} the frames are contiguous
 * ({@code [T, P, H, W]} in C order); with {@code timeStride == B*P*H*W} and {@code offset = b*P*H*W} they form
 * sample {@code b} of a {@code [T, B, P, H, W]} batch. Every value of the sample's blocks is overwritten (zeros
 * where no event falls), so the destination need not be cleared; the {@link FloatBuffer} variants write straight
 * into ND4J memory and can skip the clearing when the array is known to be zero. A sample with no events, or
 * whose events are all clipped away, gives all-zero frames.
 *
 * <p>Stateless and thread-safe.
 */
public final class FrameBinner {

    private FrameBinner() {
    }

    /**
     * Bins camera events into a new contiguous {@code [T, P, H, W]} array.
     *
     * @param events the events (any order)
     * @param spec   the frame description
     * @return a fresh array of {@code spec.frameSize()} values in C order
     */
    public static float[] frames(PolarityEvents events, FrameSpec spec) {
        float[] out = new float[spec.frameSize()];
        bin(events, spec, out, 0, spec.stepSize());
        return out;
    }

    /**
     * Bins unit spikes into a new contiguous {@code [T, L]} array.
     *
     * @param events the spikes (any order)
     * @param spec   the frame description
     * @return a fresh array of {@code spec.frameSize()} values in C order
     */
    public static float[] frames(UnitEvents events, UnitFrameSpec spec) {
        float[] out = new float[spec.frameSize()];
        bin(events, spec, out, 0, spec.length());
        return out;
    }

    /**
     * Bins camera events into {@code dst}.
     *
     * @param events     the events (any order)
     * @param spec       the frame description
     * @param dst        the destination
     * @param offset     index of the first value of time step 0
     * @param timeStride distance between the starts of consecutive time steps, {@code >= P*H*W}
     * @throws IllegalArgumentException if the blocks do not fit in {@code dst} or overlap
     */
    public static void bin(PolarityEvents events, FrameSpec spec, float[] dst, int offset, int timeStride) {
        Objects.requireNonNull(dst, "dst");
        int steps = spec.time().timeSteps();
        checkDestination(dst.length, offset, timeStride, steps, spec.stepSize());
        for (int k = 0; k < steps; k++) {
            int from = offset + k * timeStride;
            Arrays.fill(dst, from, from + spec.stepSize(), 0f);
        }
        scatter(cells(events, spec, timeStride), dst, offset, spec.count());
    }

    /**
     * Bins camera events into a direct buffer (for example the memory of an ND4J array), with the layout of
     * {@link #bin(PolarityEvents, FrameSpec, float[], int, int)}.
     *
     * @param events     the events (any order)
     * @param spec       the frame description
     * @param dst        the destination; only absolute get/put are used, so threads may share it for disjoint
     *                   samples
     * @param offset     index of the first value of time step 0
     * @param timeStride distance between the starts of consecutive time steps, {@code >= P*H*W}
     * @param zeroed     {@code true} if the sample's blocks already hold zeros (a freshly created ND4J array), so
     *                   clearing them can be skipped
     * @throws IllegalArgumentException if the blocks do not fit in {@code dst} or overlap
     */
    public static void bin(PolarityEvents events, FrameSpec spec, FloatBuffer dst, int offset, int timeStride,
                           boolean zeroed) {
        Objects.requireNonNull(dst, "dst");
        int steps = spec.time().timeSteps();
        checkDestination(dst.limit(), offset, timeStride, steps, spec.stepSize());
        if (!zeroed) {
            clear(dst, offset, timeStride, steps, spec.stepSize());
        }
        scatter(cells(events, spec, timeStride), dst, offset, spec.count());
    }

    /**
     * Bins unit spikes into {@code dst}.
     *
     * @param events     the spikes (any order)
     * @param spec       the frame description
     * @param dst        the destination
     * @param offset     index of the first value of time step 0
     * @param timeStride distance between the starts of consecutive time steps, {@code >= L}
     * @throws IllegalArgumentException if the blocks do not fit in {@code dst} or overlap
     */
    public static void bin(UnitEvents events, UnitFrameSpec spec, float[] dst, int offset, int timeStride) {
        Objects.requireNonNull(dst, "dst");
        int steps = spec.time().timeSteps();
        checkDestination(dst.length, offset, timeStride, steps, spec.length());
        for (int k = 0; k < steps; k++) {
            int from = offset + k * timeStride;
            Arrays.fill(dst, from, from + spec.length(), 0f);
        }
        scatter(cells(events, spec, timeStride), dst, offset, spec.count());
    }

    /**
     * Bins unit spikes into a direct buffer; see
     * {@link #bin(PolarityEvents, FrameSpec, FloatBuffer, int, int, boolean)}.
     *
     * @param events     the spikes (any order)
     * @param spec       the frame description
     * @param dst        the destination (absolute get/put only)
     * @param offset     index of the first value of time step 0
     * @param timeStride distance between the starts of consecutive time steps, {@code >= L}
     * @param zeroed     {@code true} if the sample's blocks already hold zeros
     * @throws IllegalArgumentException if the blocks do not fit in {@code dst} or overlap
     */
    public static void bin(UnitEvents events, UnitFrameSpec spec, FloatBuffer dst, int offset, int timeStride,
                           boolean zeroed) {
        Objects.requireNonNull(dst, "dst");
        int steps = spec.time().timeSteps();
        checkDestination(dst.limit(), offset, timeStride, steps, spec.length());
        if (!zeroed) {
            clear(dst, offset, timeStride, steps, spec.length());
        }
        scatter(cells(events, spec, timeStride), dst, offset, spec.count());
    }

    /**
     * Computes each event's destination relative to the sample's offset:
     * {@code t_bin * timeStride + (p_bin * H + y_bin) * W + x_bin}, or -1 for a dropped event.
     */
    static int[] cells(PolarityEvents events, FrameSpec spec, int timeStride) {
        Objects.requireNonNull(events, "events");
        int n = events.n;
        int[] cells = spec.time().bins(events.t, n);
        int[] xMap = scaleTable(spec.sensorWidth(), spec.width());
        int[] yMap = scaleTable(spec.sensorHeight(), spec.height());
        int width = spec.width();
        int plane = spec.height() * width;
        boolean split = spec.polarity();
        for (int i = 0; i < n; i++) {
            int b = cells[i];
            int x = events.x[i];
            int y = events.y[i];
            if (b < 0 || x >= xMap.length || y >= yMap.length) {
                cells[i] = -1;
            } else {
                int channel = split ? events.p[i] : 0;
                cells[i] = b * timeStride + channel * plane + yMap[y] * width + xMap[x];
            }
        }
        return cells;
    }

    /** As {@link #cells(PolarityEvents, FrameSpec, int)}: {@code t_bin * timeStride + x_bin}, or -1. */
    static int[] cells(UnitEvents events, UnitFrameSpec spec, int timeStride) {
        Objects.requireNonNull(events, "events");
        int n = events.n;
        int[] cells = spec.time().bins(events.t, n);
        int[] map = scaleTable(spec.sensorUnits(), spec.length());
        for (int i = 0; i < n; i++) {
            int b = cells[i];
            int u = events.unit[i];
            cells[i] = b < 0 || u >= map.length ? -1 : b * timeStride + map[u];
        }
        return cells;
    }

    private static void scatter(int[] cells, float[] dst, int offset, boolean count) {
        for (int c : cells) {
            if (c >= 0) {
                dst[offset + c] = count ? dst[offset + c] + 1f : 1f;
            }
        }
    }

    private static void scatter(int[] cells, FloatBuffer dst, int offset, boolean count) {
        for (int c : cells) {
            if (c >= 0) {
                int i = offset + c;
                dst.put(i, count ? dst.get(i) + 1f : 1f);
            }
        }
    }

    private static void clear(FloatBuffer dst, int offset, int timeStride, int steps, int block) {
        for (int k = 0; k < steps; k++) {
            int from = offset + k * timeStride;
            for (int i = from; i < from + block; i++) {
                dst.put(i, 0f);
            }
        }
    }

    /** {@code table[v] = floor(v * out / in)} for every sensor coordinate {@code v < in}. */
    private static int[] scaleTable(int in, int out) {
        int[] table = new int[in];
        for (int v = 0; v < in; v++) {
            table[v] = (int) ((long) v * out / in);
        }
        return table;
    }

    private static void checkDestination(int length, int offset, int timeStride, int steps, int block) {
        if (timeStride < block) {
            throw new IllegalArgumentException("timeStride " + timeStride + " is smaller than one time step of "
                    + block + " values: time steps would overlap");
        }
        long last = (long) offset + (long) (steps - 1) * timeStride + block;
        if (offset < 0 || last > length) {
            throw new IllegalArgumentException("dst of length " + length + " has no room for " + steps
                    + " time steps of " + block + " values at offset " + offset + " with stride " + timeStride);
        }
    }
}
