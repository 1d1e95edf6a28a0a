package io.matterhorn.data.events;

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
 * where no event falls), so the destination need not be cleared. A sample with no events, or whose events are all
 * clipped away, gives all-zero frames.
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
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(spec, "spec");
        int steps = spec.time().timeSteps();
        int block = spec.stepSize();
        checkDestination(dst, offset, timeStride, steps, block);
        clear(dst, offset, timeStride, steps, block);
        int n = events.n;
        int[] bins = spec.time().bins(events.t, n);
        int[] xMap = scaleTable(spec.sensorWidth(), spec.width());
        int[] yMap = scaleTable(spec.sensorHeight(), spec.height());
        int width = spec.width();
        int plane = spec.height() * width;
        boolean split = spec.polarity();
        boolean count = spec.count();
        for (int i = 0; i < n; i++) {
            int b = bins[i];
            int x = events.x[i];
            int y = events.y[i];
            if (b < 0 || x >= xMap.length || y >= yMap.length) {
                continue;
            }
            int channel = split ? events.p[i] : 0;
            int index = offset + b * timeStride + channel * plane + yMap[y] * width + xMap[x];
            if (count) {
                dst[index] += 1f;
            } else {
                dst[index] = 1f;
            }
        }
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
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(spec, "spec");
        int steps = spec.time().timeSteps();
        int block = spec.length();
        checkDestination(dst, offset, timeStride, steps, block);
        clear(dst, offset, timeStride, steps, block);
        int n = events.n;
        int[] bins = spec.time().bins(events.t, n);
        int[] map = scaleTable(spec.sensorUnits(), spec.length());
        boolean count = spec.count();
        for (int i = 0; i < n; i++) {
            int b = bins[i];
            int u = events.unit[i];
            if (b < 0 || u >= map.length) {
                continue;
            }
            int index = offset + b * timeStride + map[u];
            if (count) {
                dst[index] += 1f;
            } else {
                dst[index] = 1f;
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

    private static void clear(float[] dst, int offset, int timeStride, int steps, int block) {
        for (int k = 0; k < steps; k++) {
            int from = offset + k * timeStride;
            Arrays.fill(dst, from, from + block, 0f);
        }
    }

    private static void checkDestination(float[] dst, int offset, int timeStride, int steps, int block) {
        Objects.requireNonNull(dst, "dst");
        if (timeStride < block) {
            throw new IllegalArgumentException("timeStride " + timeStride + " is smaller than one time step of "
                    + block + " values: time steps would overlap");
        }
        long last = (long) offset + (long) (steps - 1) * timeStride + block;
        if (offset < 0 || last > dst.length) {
            throw new IllegalArgumentException("dst of length " + dst.length + " has no room for " + steps
                    + " time steps of " + block + " values at offset " + offset + " with stride " + timeStride);
        }
    }
}
