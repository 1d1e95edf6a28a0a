package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Plays the sample backwards with probability {@code p} (tonic {@code RandomTimeReversal}): one draw
 * {@code u = random.nextDouble()}; if {@code u < p}, with {@code n} events and {@code t_max} their largest
 * timestamp, event {@code i} of the result is event {@code n - 1 - i} of the input with
 * <pre>
 * t' = t_max - t        p' = 1 - p   (if flipPolarities: a brightness increase played backwards is a decrease)
 * </pre>
 * so a time-sorted stream stays sorted.
 *
 * @param p              the probability of reversing, in {@code [0, 1]}
 * @param flipPolarities whether to swap ON and OFF as well (tonic's default: true)
 */
public record RandomTimeReversal(double p, boolean flipPolarities) implements EventTransform {

    /**
     * Validates the probability.
     *
     * @param p the probability of reversing, in {@code [0, 1]}
     * @param flipPolarities whether to swap ON and OFF as well (tonic's default: true)
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
     */
    public RandomTimeReversal {
        Events.probability("RandomTimeReversal", p);
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        if (random.nextDouble() >= p || events.size() == 0) {
            return events;
        }
        int n = events.size();
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, events.time(i));
        }
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] pol = new int[n];
        for (int i = 0; i < n; i++) {
            int j = n - 1 - i;
            t[i] = max - events.time(j);
            x[i] = events.x(j);
            y[i] = events.y(j);
            pol[i] = flipPolarities ? 1 - events.polarity(j) : events.polarity(j);
        }
        return PolarityEvents.of(t, x, y, pol);
    }
}
