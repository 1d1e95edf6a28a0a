package io.matterhorn.data.events;

import java.util.Objects;

/**
 * Describes how camera events become frames of shape {@code [T, P, H, W]}, by the original's rule.
 *
 * <p>Per event, after the time bin of {@link TimeBinning}:
 * <pre>
 * p_bin = floor(p * P / 2)         P = 2 with polarity, 1 without (both polarities merged into channel 0)
 * y_bin = floor(y * H / sensorH)   x_bin = floor(x * W / sensorW)   (floor scaling: down-sampling merges pixels)
 * frame[t_bin, p_bin, y_bin, x_bin] = number of events there   (count mode)
 *                                   = 1 if any event is there   (binary mode, the default)
 * </pre>
 * The spatial floors are computed with integer division, which equals the original's float32 floor for every
 * coordinate below 2<sup>24</sup> / max(H, W). Events outside the sensor ({@code x >= sensorW} or
 * {@code y >= sensorH}) are dropped (the original did not check).
 *
 * @param time         the time binning (number of steps, rule, clip window)
 * @param polarity     {@code true} for two channels (OFF = 0, ON = 1), {@code false} for one
 * @param height       output height {@code H}, {@code >= 1}
 * @param width        output width {@code W}, {@code >= 1}
 * @param sensorHeight sensor rows (34 for N-MNIST, 128 for DVS128), {@code >= 1}
 * @param sensorWidth  sensor columns, {@code >= 1}
 * @param count        {@code true} to store event counts, {@code false} for binary frames
 */
public record FrameSpec(TimeBinning time, boolean polarity, int height, int width, int sensorHeight,
                        int sensorWidth, boolean count) {

    /**
     * Validates the sizes.
     *
     * @param time the time binning (number of steps, rule, clip window)
     * @param polarity {@code true} for two channels (OFF = 0, ON = 1), {@code false} for one
     * @param height output height {@code H}, {@code >= 1}
     * @param width output width {@code W}, {@code >= 1}
     * @param sensorHeight sensor rows (34 for N-MNIST, 128 for DVS128), {@code >= 1}
     * @param sensorWidth sensor columns, {@code >= 1}
     * @param count {@code true} to store event counts, {@code false} for binary frames
     * @throws IllegalArgumentException if a size is below 1 or the frames would not fit in a Java array
     */
    public FrameSpec {
        Objects.requireNonNull(time, "time");
        if (height < 1 || width < 1 || sensorHeight < 1 || sensorWidth < 1) {
            throw new IllegalArgumentException("FrameSpec: sizes must be >= 1, got output " + height + "x" + width
                    + ", sensor " + sensorHeight + "x" + sensorWidth);
        }
        long cells = (long) time.timeSteps() * (polarity ? 2 : 1) * height * width;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("FrameSpec: frames of " + cells + " values do not fit in an array");
        }
    }

    /**
     * Returns the number of polarity channels.
     *
     * @return {@code P}: 2 with polarity, 1 without
     */
    public int channels() {
        return polarity ? 2 : 1;
    }

    /**
     * Returns the number of values in one time step.
     *
     * @return {@code P * H * W}
     */
    public int stepSize() {
        return channels() * height * width;
    }

    /**
     * Returns the number of values in all frames of one sample.
     *
     * @return {@code T * P * H * W}
     */
    public int frameSize() {
        return time.timeSteps() * stepSize();
    }

    /**
     * Returns the frame shape.
     *
     * @return a fresh {@code [T, P, H, W]}
     */
    public long[] shape() {
        return new long[] {time.timeSteps(), channels(), height, width};
    }
}
