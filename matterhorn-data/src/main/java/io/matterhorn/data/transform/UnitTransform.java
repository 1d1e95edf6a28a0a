package io.matterhorn.data.transform;

import io.matterhorn.data.events.UnitEvents;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A transform of unit spikes {@code (t, unit)} such as the Spiking Heidelberg Digits. Implementations are immutable
 * and thread-safe; random ones draw only from the generator they are given.
 */
@FunctionalInterface
public interface UnitTransform {

    /**
     * Transforms one sample's spikes.
     *
     * @param events the spikes, every unit below {@code units}
     * @param units  the number of input channels
     * @param random the source of every random draw
     * @return the transformed spikes, every unit below {@link #outputUnits(int) outputUnits(units)}
     */
    UnitEvents apply(UnitEvents events, int units, RandomGenerator random);

    /**
     * Returns the number of channels after the transform.
     *
     * @param units the number before
     * @return the number after; unchanged by default
     */
    default int outputUnits(int units) {
        return units;
    }

    /**
     * Composes transforms, applied left to right.
     *
     * @param transforms the transforms, at least one
     * @return their composition
     * @throws IllegalArgumentException if none is given or one is null
     */
    static UnitTransform compose(UnitTransform... transforms) {
        if (transforms == null || transforms.length == 0) {
            throw new IllegalArgumentException("compose: give at least one transform");
        }
        for (int i = 0; i < transforms.length; i++) {
            Objects.requireNonNull(transforms[i], "transform " + i);
        }
        List<UnitTransform> steps = List.of(transforms);
        return new UnitTransform() {
            @Override
            public UnitEvents apply(UnitEvents events, int units, RandomGenerator random) {
                UnitEvents e = events;
                int u = units;
                for (UnitTransform t : steps) {
                    e = t.apply(e, u, random);
                    u = t.outputUnits(u);
                }
                return e;
            }

            @Override
            public int outputUnits(int units) {
                int u = units;
                for (UnitTransform t : steps) {
                    u = t.outputUnits(u);
                }
                return u;
            }
        };
    }
}
