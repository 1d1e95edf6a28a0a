package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A transform of camera events {@code (t, x, y, p)}: cleaning (denoise, hot pixels, refractory period), geometry
 * (crop, flip, down-sampling) or augmentation (jitter, dropping). Implementations are immutable and thread-safe;
 * random ones draw only from the generator they are given, so equal generators give equal results.
 *
 * <p>A transform may change the sensor grid (a crop makes it smaller); {@link #outputSize(SensorSize)} says how,
 * so a data set can bin the transformed events onto the right grid.
 */
@FunctionalInterface
public interface EventTransform {

    /**
     * Transforms one sample's events.
     *
     * @param events the events, every one inside {@code sensor}
     * @param sensor the grid the events live on
     * @param random the source of every random draw
     * @return the transformed events, inside {@link #outputSize(SensorSize) outputSize(sensor)}
     */
    PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random);

    /**
     * Returns the grid of the transformed events.
     *
     * @param input the grid of the input events
     * @return the output grid; the input grid by default
     */
    default SensorSize outputSize(SensorSize input) {
        return input;
    }

    /**
     * Chains another transform after this one.
     *
     * @param next applied to the output of this transform
     * @return the composition {@code next(this(events))}
     */
    default EventTransform andThen(EventTransform next) {
        return compose(this, Objects.requireNonNull(next, "next"));
    }

    /**
     * Composes transforms, applied left to right; each sees the grid its predecessor produced, and all draw
     * from the same generator in that order.
     *
     * @param transforms the transforms, at least one
     * @return their composition
     * @throws IllegalArgumentException if none is given or one is null
     */
    static EventTransform compose(EventTransform... transforms) {
        return new ComposedEventTransform(transforms);
    }
}
