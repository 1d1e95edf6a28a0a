package io.matterhorn.spark;

/**
 * Figures of one distributed training epoch.
 *
 * @param steps global steps taken
 * @param loss mean per-sample loss over the epoch's samples (as computed before each update)
 * @param accuracy fraction of the epoch's samples classified correctly (before each update)
 * @param samples samples trained on
 * @param seconds wall-clock seconds on the driver
 */
public record EpochStats(int steps, double loss, double accuracy, long samples, double seconds) {
}
