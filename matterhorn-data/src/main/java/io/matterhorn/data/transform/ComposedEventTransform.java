package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.List;
import java.util.random.RandomGenerator;

/** Transforms applied one after the other; see {@link EventTransform#compose(EventTransform...)}. */
final class ComposedEventTransform implements EventTransform {

    private final List<EventTransform> steps;

    ComposedEventTransform(EventTransform... transforms) {
        if (transforms == null || transforms.length == 0) {
            throw new IllegalArgumentException("compose: give at least one transform");
        }
        for (int i = 0; i < transforms.length; i++) {
            if (transforms[i] == null) {
                throw new IllegalArgumentException("compose: transform " + i + " is null");
            }
        }
        this.steps = List.of(transforms);
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        PolarityEvents e = events;
        SensorSize s = sensor;
        for (EventTransform t : steps) {
            e = t.apply(e, s, random);
            s = t.outputSize(s);
        }
        return e;
    }

    @Override
    public SensorSize outputSize(SensorSize input) {
        SensorSize s = input;
        for (EventTransform t : steps) {
            s = t.outputSize(s);
        }
        return s;
    }

    @Override
    public String toString() {
        return "Compose" + steps;
    }
}
