package io.matterhorn.data.events;

import java.util.Objects;

/**
 * How event timestamps map to {@code T} time bins.
 *
 * <p><b>Stretch</b> ({@link #stretch(int)}, the original's rule): after clipping, with every
 * operation in float32 as in the original,
 * <pre>
 * t'    = float(t) - min(float(t))
 * t_bin = floor( (t' * T) / (max(t') + 1) )
 * </pre>
 * so every sample is stretched over exactly {@code T} bins of its own duration. Above 2<sup>24</sup> time units
 * float32 loses integer precision; this is kept for bit parity with the original. A bin that rounds to {@code T}
 * is dropped, as in the original ({@code 0 <= t_bin < T}).
 *
 * <p><b>Fixed duration</b> ({@link #fixed(int, long)}, new in this port): bins of {@code d} time units each, in
 * exact 64-bit integer arithmetic, {@code t_bin = (t - origin) / d}, where the origin is the start of the clip
 * window if it has one and otherwise the first kept timestamp; events at or after {@code origin + T d} are
 * dropped.
 *
 * <p>An optional {@link TimeWindow} clips events before either rule. Instances are immutable.
 */
public final class TimeBinning {

    private final int timeSteps;
    private final long binDuration;
    private final TimeWindow window;

    private TimeBinning(int timeSteps, long binDuration, TimeWindow window) {
        if (timeSteps < 1) {
            throw new IllegalArgumentException("timeSteps must be >= 1, got " + timeSteps);
        }
        if (binDuration < 0) {
            throw new IllegalArgumentException("binDuration must be > 0 (or 0 for stretch binning), got "
                    + binDuration);
        }
        this.timeSteps = timeSteps;
        this.binDuration = binDuration;
        this.window = window;
    }

    /**
     * The original's rule: each sample stretched over {@code timeSteps} bins.
     *
     * @param timeSteps number of bins {@code T}, {@code >= 1}
     * @return the binning
     * @throws IllegalArgumentException if {@code timeSteps < 1}
     */
    public static TimeBinning stretch(int timeSteps) {
        return new TimeBinning(timeSteps, 0, null);
    }

    /**
     * Bins of a fixed duration.
     *
     * @param timeSteps   number of bins {@code T}, {@code >= 1}
     * @param binDuration length of one bin in time units (microseconds for the camera data sets), {@code >= 1}
     * @return the binning
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static TimeBinning fixed(int timeSteps, long binDuration) {
        if (binDuration < 1) {
            throw new IllegalArgumentException("binDuration must be >= 1, got " + binDuration);
        }
        return new TimeBinning(timeSteps, binDuration, null);
    }

    /**
     * Returns a copy that first clips events to a window.
     *
     * @param window the window, or {@code null} for no clipping
     * @return the new binning
     */
    public TimeBinning clipped(TimeWindow window) {
        return new TimeBinning(timeSteps, binDuration, window);
    }

    /**
     * Returns the number of bins.
     *
     * @return {@code T}
     */
    public int timeSteps() {
        return timeSteps;
    }

    /**
     * Returns the fixed bin duration.
     *
     * @return the duration in time units, or 0 for stretch binning
     */
    public long binDuration() {
        return binDuration;
    }

    /**
     * Tells whether this is the original's stretch rule.
     *
     * @return {@code true} for stretch binning, {@code false} for fixed-duration bins
     */
    public boolean isStretch() {
        return binDuration == 0;
    }

    /**
     * Returns the clip window.
     *
     * @return the window, or {@code null} when nothing is clipped
     */
    public TimeWindow window() {
        return window;
    }

    /**
     * Computes the time bin of every event.
     *
     * @param t timestamps; only the first {@code n} are used
     * @param n number of events
     * @return per event its bin in {@code [0, T)}, or -1 when the event is clipped away or falls outside the bins;
     *         all -1 when no event survives clipping (the frames are then all zero)
     */
    public int[] bins(long[] t, int n) {
        Objects.requireNonNull(t, "t");
        int[] bins = new int[n];
        boolean any = false;
        long minT = Long.MAX_VALUE;
        float minF = Float.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (window == null || window.contains(t[i])) {
                any = true;
                minT = Math.min(minT, t[i]);
                minF = Math.min(minF, (float) t[i]);
            }
        }
        if (!any) {
            java.util.Arrays.fill(bins, -1);
            return bins;
        }
        if (isStretch()) {
            stretchBins(t, n, minF, bins);
        } else {
            long origin = window != null && window.hasStart() ? window.start() : minT;
            for (int i = 0; i < n; i++) {
                if (window == null || window.contains(t[i])) {
                    long b = Math.floorDiv(t[i] - origin, binDuration);
                    bins[i] = b >= 0 && b < timeSteps ? (int) b : -1;
                } else {
                    bins[i] = -1;
                }
            }
        }
        return bins;
    }

    /** The original's float32 rule, step 3 of its binning. */
    private void stretchBins(long[] t, int n, float minF, int[] bins) {
        float maxShifted = 0f;
        for (int i = 0; i < n; i++) {
            if (window == null || window.contains(t[i])) {
                maxShifted = Math.max(maxShifted, (float) t[i] - minF);
            }
        }
        float denominator = Math.max(maxShifted + 1f, 1f);
        float steps = timeSteps;
        for (int i = 0; i < n; i++) {
            if (window == null || window.contains(t[i])) {
                float shifted = (float) t[i] - minF;
                float scaled = shifted * steps;
                int b = (int) Math.floor(scaled / denominator);
                bins[i] = b >= 0 && b < timeSteps ? b : -1;
            } else {
                bins[i] = -1;
            }
        }
    }

    /**
     * Describes the binning for cache keys and messages.
     *
     * @return for example {@code stretch(T=128)} or {@code fixed(T=32,d=10000,window=[0,320000))}
     */
    @Override
    public String toString() {
        String w = window == null ? "" : ",window=" + window;
        return isStretch() ? "stretch(T=" + timeSteps + w + ")" : "fixed(T=" + timeSteps + ",d=" + binDuration + w
                + ")";
    }
}
