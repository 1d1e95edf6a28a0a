package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Stretches and shifts time linearly (tonic {@code TimeSkew}): {@code t' = floor(coefficient * t + offset)}.
 * Deterministic.
 *
 * @param coefficient the factor, {@code > 0}
 * @param offset      the shift, in the events' time unit
 */
public record TimeSkew(double coefficient, double offset) implements EventTransform {

    /**
     * Validates the arguments.
     *
     * @param coefficient the factor, {@code > 0}
     * @param offset the shift, in the events' time unit
     * @throws IllegalArgumentException if the coefficient is not positive or a value is not finite
     */
    public TimeSkew {
        if (!(coefficient > 0) || Double.isInfinite(coefficient) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("TimeSkew: need a finite coefficient > 0 and a finite offset, got "
                    + coefficient + " and " + offset);
        }
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        long[] t = events.times();
        for (int i = 0; i < t.length; i++) {
            t[i] = (long) Math.floor(coefficient * t[i] + offset);
        }
        return PolarityEvents.of(t, events.xs(), events.ys(), events.polarities());
    }
}
