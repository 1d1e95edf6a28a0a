package io.matterhorn.data.events;

import java.util.Objects;

/**
 * Describes how unit spikes (SHD) become frames of shape {@code [T, L]}, by the original's rule.
 *
 * <p>Per spike, after the time bin of {@link TimeBinning}: {@code x_bin = floor(unit * L / sensorUnits)} (integer
 * division, equal to the original's float32 floor here), and {@code frame[t_bin, x_bin]} holds the spike count
 * ({@code count}) or 1 if any spike is there. Spikes with {@code unit >= sensorUnits} are dropped.
 *
 * @param time        the time binning (number of steps, rule, clip window)
 * @param length      output length {@code L}, {@code >= 1} (700 keeps every channel)
 * @param sensorUnits number of input channels (700 for SHD), {@code >= 1}
 * @param count       {@code true} to store spike counts, {@code false} for binary frames
 */
public record UnitFrameSpec(TimeBinning time, int length, int sensorUnits, boolean count) {

    /**
     * Validates the sizes.
     *
     * @param time the time binning (number of steps, rule, clip window)
     * @param length output length {@code L}, {@code >= 1} (700 keeps every channel)
     * @param sensorUnits number of input channels (700 for SHD), {@code >= 1}
     * @param count {@code true} to store spike counts, {@code false} for binary frames
     * @throws IllegalArgumentException if a size is below 1 or the frames would not fit in a Java array
     */
    public UnitFrameSpec {
        Objects.requireNonNull(time, "time");
        if (length < 1 || sensorUnits < 1) {
            throw new IllegalArgumentException("UnitFrameSpec: sizes must be >= 1, got length " + length
                    + ", sensorUnits " + sensorUnits);
        }
        if ((long) time.timeSteps() * length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("UnitFrameSpec: frames do not fit in an array");
        }
    }

    /**
     * Returns the number of values in all frames of one sample.
     *
     * @return {@code T * L}
     */
    public int frameSize() {
        return time.timeSteps() * length;
    }

    /**
     * Returns the frame shape.
     *
     * @return a fresh {@code [T, L]}
     */
    public long[] shape() {
        return new long[] {time.timeSteps(), length};
    }
}
