package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.events.TimeWindow;
import io.matterhorn.data.transform.FrameTransform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * Common builder of the event data sets, with the original's constructor options and defaults: {@code train}
 * true, {@code download} false, {@code timeSteps} 128, {@code sampling} 1, {@code count} false, no clipping, the
 * stretch binning; plus {@code verifyChecksums} (true), {@code binDuration} (fixed-duration bins) and
 * {@code targetTransform}.
 *
 * @param <B> the concrete builder type
 * @param <D> the data set built
 */
public abstract class EventDatasetBuilder<B extends EventDatasetBuilder<B, D>, D> {

    private final Path root;
    private boolean train = true;
    private boolean download;
    private boolean verifyChecksums = true;
    private int timeSteps = 128;
    private int sampling = 1;
    private boolean count;
    private TimeWindow clipped;
    private long binDuration;
    private IntUnaryOperator targetTransform = IntUnaryOperator.identity();
    private FrameTransform frameTransform;
    private long transformSeed;

    /**
     * @param root the data folder
     */
    protected EventDatasetBuilder(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Returns this builder typed as its subclass.
     *
     * @return {@code this}
     */
    protected abstract B self();

    /**
     * Opens the data set: finds, downloads (if allowed) and extracts its files, processes the events into the
     * cache on the first use, and opens the cache.
     *
     * @return the data set (close it when done)
     * @throws io.matterhorn.data.download.DatasetNotFoundException if the files are missing and cannot be
     *                                                               downloaded; the message says where to get them
     * @throws io.matterhorn.data.download.ChecksumMismatchException if an archive has the wrong MD5
     * @throws io.matterhorn.data.events.EventFormatException        if a data file is malformed
     * @throws IOException                                            if reading or writing fails
     */
    public abstract D build() throws IOException;

    /**
     * Selects the split (default training).
     *
     * @param train {@code true} for the training split, {@code false} for the test split
     * @return this builder
     */
    public B train(boolean train) {
        this.train = train;
        return self();
    }

    /**
     * Allows downloading missing archives (default off).
     *
     * @param download {@code true} to download
     * @return this builder
     */
    public B download(boolean download) {
        this.download = download;
        return self();
    }

    /**
     * Chooses whether archives already on disk are checked against their MD5 before extraction (default on).
     *
     * @param verify {@code true} to check
     * @return this builder
     */
    public B verifyChecksums(boolean verify) {
        this.verifyChecksums = verify;
        return self();
    }

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
     * Keeps every n-th event after sorting by time (default 1). Changes the cached events.
     *
     * @param sampling {@code >= 1}
     * @return this builder
     */
    public B sampling(int sampling) {
        this.sampling = sampling;
        return self();
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
     * Keeps only events with {@code t < end} (the original's integer {@code clipped}).
     *
     * @param end first timestamp dropped
     * @return this builder
     */
    public B clipped(long end) {
        this.clipped = TimeWindow.before(end);
        return self();
    }

    /**
     * Keeps only events with {@code start <= t < end} (the original's tuple {@code clipped}).
     *
     * @param start first timestamp kept
     * @param end   first timestamp dropped, {@code > start}
     * @return this builder
     */
    public B clipped(long start, long end) {
        this.clipped = TimeWindow.between(start, end);
        return self();
    }

    /**
     * Uses bins of a fixed duration instead of stretching each sample over {@code T} bins.
     *
     * @param binDuration bin length in the data set's time unit ({@code >= 1}), or 0 for the stretch rule
     * @return this builder
     */
    public B binDuration(long binDuration) {
        this.binDuration = binDuration;
        return self();
    }

    /**
     * Sets a function applied to every label.
     *
     * @param targetTransform maps a stored label to the label returned; results must be {@code >= 0}
     * @return this builder
     */
    public B targetTransform(IntUnaryOperator targetTransform) {
        this.targetTransform = Objects.requireNonNull(targetTransform, "targetTransform");
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

    /**
     * Collects the common options.
     *
     * @return the options
     * @throws IllegalArgumentException if a value is out of range
     */
    protected EventOptions options() {
        return new EventOptions(root, train, download, verifyChecksums, timeSteps, sampling, count, clipped,
                binDuration, targetTransform);
    }
}
