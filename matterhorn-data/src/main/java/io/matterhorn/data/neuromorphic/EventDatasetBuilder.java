package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.EventFramingBuilder;
import io.matterhorn.data.events.TimeWindow;
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
public abstract class EventDatasetBuilder<B extends EventDatasetBuilder<B, D>, D> extends EventFramingBuilder<B> {

    private final Path root;
    private boolean train = true;
    private boolean download;
    private boolean verifyChecksums = true;
    private int sampling = 1;
    private IntUnaryOperator targetTransform = IntUnaryOperator.identity();

    /**
     * @param root the data folder
     */
    protected EventDatasetBuilder(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

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
     * Keeps only events with {@code t < end} (the original's integer {@code clipped}).
     *
     * @param end first timestamp dropped
     * @return this builder
     */
    public B clipped(long end) {
        return window(TimeWindow.before(end));
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
     * Collects the common options.
     *
     * @return the options
     * @throws IllegalArgumentException if a value is out of range
     */
    protected EventOptions options() {
        return new EventOptions(root, train, download, verifyChecksums, timeSteps(), sampling, count(), clipped(),
                binDuration(), targetTransform);
    }
}
