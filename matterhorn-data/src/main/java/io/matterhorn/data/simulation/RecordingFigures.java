package io.matterhorn.data.simulation;

import io.matterhorn.data.events.FrameBinner;
import io.matterhorn.data.events.FrameSpec;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.TimeBinning;
import java.util.List;
import java.util.Objects;

/**
 * Summary figures of a camera recording, used to compare simulated recordings with real ones.
 *
 * <p>Frame densities use the data sets' default binning: binary frames of shape
 * {@code [T, 2, H, W]}, each recording stretched over its {@code T} bins; the density is the fraction of non-zero
 * cells, {@code nonZero / (T 2 H W)}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param events         number of events
 * @param onEvents       number of ON events
 * @param durationMicros last minus first timestamp (0 for fewer than two events)
 * @param density8       fraction of non-zero cells at {@code T = 8}
 * @param density128     fraction of non-zero cells at {@code T = 128}
 */
public record RecordingFigures(double events, double onEvents, double durationMicros, double density8,
                               double density128) {

    /**
     * Measures one recording.
     *
     * @param recording  the events
     * @param sensorSize sensor rows and columns (34 for N-MNIST)
     * @return its figures
     */
    public static RecordingFigures of(PolarityEvents recording, int sensorSize) {
        Objects.requireNonNull(recording, "recording");
        int n = recording.size();
        double duration = 0;
        if (n > 1) {
            long[] t = recording.times();
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (long v : t) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            duration = hi - lo;
        }
        return new RecordingFigures(n, recording.onCount(), duration, density(recording, sensorSize, 8),
                density(recording, sensorSize, 128));
    }

    /**
     * Averages figures field by field.
     *
     * @param figures at least one entry
     * @return the means
     * @throws IllegalArgumentException if the list is empty
     */
    public static RecordingFigures mean(List<RecordingFigures> figures) {
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("figures: need at least one entry to average");
        }
        double e = 0;
        double on = 0;
        double d = 0;
        double d8 = 0;
        double d128 = 0;
        for (RecordingFigures f : figures) {
            e += f.events;
            on += f.onEvents;
            d += f.durationMicros;
            d8 += f.density8;
            d128 += f.density128;
        }
        int k = figures.size();
        return new RecordingFigures(e / k, on / k, d / k, d8 / k, d128 / k);
    }

    /**
     * Returns the share of ON events.
     *
     * @return {@code onEvents / events}, or NaN without events
     */
    public double onFraction() {
        return events == 0 ? Double.NaN : onEvents / events;
    }

    /**
     * Returns the ratio of ON to OFF events.
     *
     * @return {@code onEvents / (events - onEvents)}
     */
    public double onOffRatio() {
        return onEvents / (events - onEvents);
    }

    /**
     * Fraction of non-zero cells of the binary {@code [T, 2, S, S]} frames.
     *
     * @param recording  the events
     * @param sensorSize {@code S}
     * @param timeSteps  {@code T}
     * @return non-zero cells over all cells
     */
    public static double density(PolarityEvents recording, int sensorSize, int timeSteps) {
        FrameSpec spec = new FrameSpec(TimeBinning.stretch(timeSteps), true, sensorSize, sensorSize, sensorSize,
                sensorSize, false);
        float[] frames = FrameBinner.frames(recording, spec);
        int nonZero = 0;
        for (float v : frames) {
            if (v != 0f) {
                nonZero++;
            }
        }
        return (double) nonZero / frames.length;
    }
}
