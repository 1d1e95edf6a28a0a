package io.matterhorn.data.transform;

import io.matterhorn.data.events.UnitEvents;
import java.util.random.RandomGenerator;

/**
 * Keeps every {@code factor}-th channel and renumbers them:
 * <pre>
 * keep a spike iff unit % factor == 0;    unit' = unit / factor;    units' = ceil(units / factor)
 * </pre>
 * (700 SHD channels with factor 2 become 350). Deterministic.
 *
 * @param factor the channel step, {@code >= 1}
 */
public record UnitSubsample(int factor) implements UnitTransform {

    /**
     * Validates the step.
     *
     * @param factor the channel step, {@code >= 1}
     * @throws IllegalArgumentException if {@code factor < 1}
     */
    public UnitSubsample {
        if (factor < 1) {
            throw new IllegalArgumentException("UnitSubsample: factor must be >= 1, got " + factor);
        }
    }

    @Override
    public UnitEvents apply(UnitEvents events, int units, RandomGenerator random) {
        boolean[] keep = new boolean[events.size()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = events.unit(i) % factor == 0;
        }
        UnitEvents kept = Events.keep(events, keep);
        int[] u = kept.units();
        for (int i = 0; i < u.length; i++) {
            u[i] /= factor;
        }
        return UnitEvents.of(kept.times(), u);
    }

    @Override
    public int outputUnits(int units) {
        return (units + factor - 1) / factor;
    }
}
