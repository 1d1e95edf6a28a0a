package io.matterhorn.data.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Same seed, epoch and sample index give the same result on any thread; another index gives another draw. */
class TransformDeterminismTest {

    private static final SensorSize SENSOR = new SensorSize(16, 12);

    /** 400 events on a 16x12 grid in time order, from a fixed linear congruence (no generator involved). */
    static PolarityEvents stream() {
        int n = 400;
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = 7L * i + (i * 13L % 5);
            x[i] = (i * 7 + 3) % 16;
            y[i] = (i * 5 + 1) % 12;
            p[i] = (i * 3) % 2;
        }
        return PolarityEvents.of(t, x, y, p);
    }

    static Map<String, EventTransform> all() {
        return Map.ofEntries(Map.entry("Denoise", new Denoise(30)), Map.entry("Downsample", new Downsample(0.5, 0.5)),
                Map.entry("CenterCrop", new CenterCrop(10, 8)), Map.entry("RandomCrop", new RandomCrop(10, 8)),
                Map.entry("RandomFlipLR", new RandomFlipLR(0.5)), Map.entry("RandomFlipUD", new RandomFlipUD(0.5)),
                Map.entry("RandomFlipPolarity", new RandomFlipPolarity(0.5)),
                Map.entry("RandomTimeReversal", new RandomTimeReversal(0.5, true)),
                Map.entry("TimeJitter", new TimeJitter(20, true, true)),
                Map.entry("SpatialJitter", new SpatialJitter(2, 2, 0.5)),
                Map.entry("DropEvent", new DropEvent(0.3)), Map.entry("DropPixel", DropPixel.hot(2000, 1e6)),
                Map.entry("RefractoryPeriod", new RefractoryPeriod(50)), Map.entry("TimeSkew", new TimeSkew(1.5, 3)),
                Map.entry("MergePolarities", new MergePolarities()));
    }

    private static <T> List<T> onThreads(Function<Integer, T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                int index = k;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void everyEventTransformIsReproducibleAcrossThreads() throws Exception {
        PolarityEvents in = stream();
        for (Map.Entry<String, EventTransform> entry : all().entrySet()) {
            EventTransform t = entry.getValue();
            List<List<List<Long>>> results = onThreads(k -> Ev.rows(t.apply(in, SENSOR,
                    TransformSeeds.random(42, 3, 17))));
            for (List<List<Long>> r : results) {
                assertEquals(results.get(0), r, entry.getKey());
            }
        }
    }

    @Test
    void randomTransformsDrawAnewPerSampleIndex() {
        PolarityEvents in = stream();
        for (String name : List.of("RandomCrop", "TimeJitter", "SpatialJitter", "DropEvent")) {
            EventTransform t = all().get(name);
            List<List<Long>> a = Ev.rows(t.apply(in, SENSOR, TransformSeeds.random(42, 0, 1)));
            List<List<Long>> b = Ev.rows(t.apply(in, SENSOR, TransformSeeds.random(42, 0, 2)));
            List<List<Long>> c = Ev.rows(t.apply(in, SENSOR, TransformSeeds.random(42, 1, 1)));
            assertNotEquals(a, b, name + ": sample 1 and 2 drew alike");
            assertNotEquals(a, c, name + ": epoch 0 and 1 drew alike");
        }
    }

    @Test
    void unitAndFrameTransformsAreReproducibleAcrossThreads() throws Exception {
        long[] t = new long[300];
        int[] u = new int[300];
        for (int i = 0; i < 300; i++) {
            t[i] = 11L * i;
            u[i] = (i * 37) % 700;
        }
        UnitEvents in = UnitEvents.of(t, u);
        UnitTransform ut = UnitTransform.compose(new TimeJitter(30, true, true), new DropEvent(0.4),
                new UnitSubsample(2));
        List<List<Object>> results = onThreads(k -> {
            UnitEvents out = ut.apply(in, 700, TransformSeeds.random(9, 0, 5));
            float[] frames = new float[2 * 1 * 6 * 6];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = i;
            }
            new RandomErase(0.9, 2, 3).apply(frames, new long[] {2, 1, 6, 6}, TransformSeeds.random(9, 0, 5));
            return List.of(java.util.Arrays.toString(out.times()), java.util.Arrays.toString(out.units()),
                    java.util.Arrays.toString(frames));
        });
        for (List<Object> r : results) {
            assertEquals(results.get(0), r);
        }
    }
}
