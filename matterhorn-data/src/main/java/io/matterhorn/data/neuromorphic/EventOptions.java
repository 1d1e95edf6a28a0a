package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.events.TimeBinning;
import io.matterhorn.data.events.TimeWindow;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * The options shared by every event data set, with the original's names and defaults.
 *
 * @param root            the data folder; each data set uses {@code root/<Name>/{raw,extracted,processed}}
 * @param train           {@code true} for the training split
 * @param download        {@code true} to download missing archives (where the data set allows it)
 * @param verifyChecksums {@code true} to check the MD5 of archives found on disk before extracting them
 * @param timeSteps       number of time bins {@code T} (default 128)
 * @param sampling        keep every n-th event after sorting by time (default 1: all)
 * @param count           {@code true} for event counts per cell, {@code false} for binary frames (default)
 * @param clipped         keep only events in this window before binning, or {@code null} (default)
 * @param binDuration     0 for the original's stretch binning (default), otherwise the fixed bin length in time
 *                        units
 * @param targetTransform applied to every label ({@code label(i)}); the identity by default (the original applied
 *                        its {@code target_transform} to the data, docs/datasets.md #24)
 */
public record EventOptions(Path root, boolean train, boolean download, boolean verifyChecksums, int timeSteps,
                           int sampling, boolean count, TimeWindow clipped, long binDuration,
                           IntUnaryOperator targetTransform) {

    /**
     * Validates the options.
     *
     * @param root the data folder; each data set uses {@code root/<Name>/{raw,extracted,processed}}
     * @param train {@code true} for the training split
     * @param download {@code true} to download missing archives (where the data set allows it)
     * @param verifyChecksums {@code true} to check the MD5 of archives found on disk before extracting them
     * @param timeSteps number of time bins {@code T} (default 128)
     * @param sampling keep every n-th event after sorting by time (default 1: all)
     * @param count {@code true} for event counts per cell, {@code false} for binary frames (default)
     * @param clipped keep only events in this window before binning, or {@code null} (default)
     * @param binDuration 0 for the original's stretch binning (default), otherwise the fixed bin length in time units
     * @param targetTransform applied to every label ({@code label(i)}); the identity by default (the original applied
     *     its {@code target_transform} to the data, docs/datasets.md #24)
     * @throws IllegalArgumentException if {@code timeSteps < 1}, {@code sampling < 1} or {@code binDuration < 0}
     */
    public EventOptions {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(targetTransform, "targetTransform");
        if (timeSteps < 1) {
            throw new IllegalArgumentException("timeSteps must be >= 1, got " + timeSteps);
        }
        if (sampling < 1) {
            throw new IllegalArgumentException("sampling must be >= 1, got " + sampling);
        }
        if (binDuration < 0) {
            throw new IllegalArgumentException("binDuration must be >= 0 (0 = stretch over T bins), got "
                    + binDuration);
        }
    }

    /**
     * Returns the time binning these options describe.
     *
     * @return stretch or fixed-duration binning, clipped to {@link #clipped()}
     */
    public TimeBinning timeBinning() {
        TimeBinning b = binDuration == 0 ? TimeBinning.stretch(timeSteps) : TimeBinning.fixed(timeSteps, binDuration);
        return b.clipped(clipped);
    }

    /**
     * Returns the split name.
     *
     * @return {@code "train"} or {@code "test"}
     */
    public String split() {
        return train ? "train" : "test";
    }
}
