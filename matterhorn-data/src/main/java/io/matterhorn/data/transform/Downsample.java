package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Scales space and time (tonic {@code Downsample}):
 * <pre>
 * x' = floor(x * spatialFactor)   y' = floor(y * spatialFactor)   t' = floor(t * timeFactor)
 * W' = floor((W - 1) * spatialFactor) + 1                          H' = floor((H - 1) * spatialFactor) + 1
 * </pre>
 * Several pixels merge into one when {@code spatialFactor < 1}; the events stay separate (binning counts them).
 * Deterministic.
 *
 * @param spatialFactor the factor on x and y, {@code > 0}
 * @param timeFactor    the factor on t, {@code > 0}
 */
public record Downsample(double spatialFactor, double timeFactor) implements EventTransform {

    /**
     * Validates the factors.
     *
     * @param spatialFactor the factor on x and y, {@code > 0}
     * @param timeFactor the factor on t, {@code > 0}
     * @throws IllegalArgumentException if a factor is not a positive finite number
     */
    public Downsample {
        if (!(spatialFactor > 0) || Double.isInfinite(spatialFactor) || !(timeFactor > 0)
                || Double.isInfinite(timeFactor)) {
            throw new IllegalArgumentException("Downsample: factors must be positive and finite, got spatial "
                    + spatialFactor + ", time " + timeFactor);
        }
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        Events.requireInside("Downsample", events, sensor);
        int n = events.size();
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = (long) Math.floor(events.time(i) * timeFactor);
            x[i] = (int) Math.floor(events.x(i) * spatialFactor);
            y[i] = (int) Math.floor(events.y(i) * spatialFactor);
        }
        return PolarityEvents.of(t, x, y, events.polarities());
    }

    @Override
    public SensorSize outputSize(SensorSize input) {
        return new SensorSize((int) Math.floor((input.width() - 1) * spatialFactor) + 1,
                (int) Math.floor((input.height() - 1) * spatialFactor) + 1);
    }
}
