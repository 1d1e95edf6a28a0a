package io.matterhorn.data;

import io.matterhorn.data.events.TimeWindow;
import io.matterhorn.data.transform.FrameTransform;

/**
 * The options every event data set builder shares: how a sample's events become frames (time bins, bin duration,
 * time window, count or binary frames), the transform of the binned frames and the seed of the random transforms.
 * {@code io.matterhorn.data.neuromorphic.EventDatasetBuilder} (the published data sets) and
 * {@code io.matterhorn.data.custom.UserEventDataset.Builder} (a user's own recordings) extend it. Defaults:
 * {@code T = 128}, stretch binning, no clipping, binary frames, no frame transform, seed 0. The values are checked
 * when the data set is built. Not thread-safe.
 *
 * @param <B> the concrete builder
 */
public abstract class EventFramingBuilder<B extends EventFramingBuilder<B>> {
    private int timeSteps = 128;
    private long binDuration;
    private TimeWindow clipped;
    private boolean count;
    private FrameTransform frameTransform;
    private long transformSeed;

    /** For subclasses. */
    protected EventFramingBuilder() {
    }

    /**
     * Returns this builder typed as its subclass.
     *
     * @return {@code this}
     */
    protected abstract B self();

    /**
     * Sets the number of time bins {@code T} (default 128).
     *
     * @param timeSteps {@code >= 1}
     * @return this builder
     */
    public B timeSteps(int timeSteps) {
        this.timeSteps = timeSteps;
        return self();
    }

    /**
     * Uses bins of a fixed duration instead of stretching each sample over {@code T} bins (default 0: stretch).
     *
     * @param binDuration bin length in the events' time unit ({@code >= 1}), or 0 for the stretch rule
     * @return this builder
     */
    public B binDuration(long binDuration) {
        this.binDuration = binDuration;
        return self();
    }

    /**
     * Keeps only events with {@code start <= t < end} before binning (the original's tuple {@code clipped}).
     *
     * @param start first timestamp kept
     * @param end   first timestamp dropped, {@code > start}
     * @return this builder
     * @throws IllegalArgumentException if {@code end <= start}
     */
    public B clipped(long start, long end) {
        return window(TimeWindow.between(start, end));
    }

    /**
     * Chooses count frames (number of events per cell) or binary frames (default).
     *
     * @param count {@code true} for counts
     * @return this builder
     */
    public B count(boolean count) {
        this.count = count;
        return self();
    }

    /**
     * Sets a transform applied to every sample's frames after binning (default none).
     *
     * @param frameTransform the transform, or null for none
     * @return this builder
     */
    public B frameTransform(FrameTransform frameTransform) {
        this.frameTransform = frameTransform;
        return self();
    }

    /**
     * Sets the seed of the random transforms (default 0). Sample {@code i} in epoch {@code e} draws from
     * {@code TransformSeeds.random(seed, e, i)}, whatever thread bins it.
     *
     * @param seed any value
     * @return this builder
     */
    public B transformSeed(long seed) {
        this.transformSeed = seed;
        return self();
    }

    /**
     * Sets the time window kept before binning.
     *
     * @param window the window, or null for all events
     * @return this builder
     */
    protected final B window(TimeWindow window) {
        this.clipped = window;
        return self();
    }

    /**
     * Returns the number of time bins.
     *
     * @return {@code T} as set (not yet checked)
     */
    protected final int timeSteps() {
        return timeSteps;
    }

    /**
     * Returns the bin duration.
     *
     * @return the duration, 0 for the stretch rule
     */
    protected final long binDuration() {
        return binDuration;
    }

    /**
     * Returns the time window.
     *
     * @return the window, or null for all events
     */
    protected final TimeWindow clipped() {
        return clipped;
    }

    /**
     * Tells whether frames count events.
     *
     * @return {@code true} for count frames
     */
    protected final boolean count() {
        return count;
    }

    /**
     * Returns the frame transform.
     *
     * @return the transform, or null
     */
    protected final FrameTransform frameTransform() {
        return frameTransform;
    }

    /**
     * Returns the transform seed.
     *
     * @return the seed
     */
    protected final long transformSeed() {
        return transformSeed;
    }
}
