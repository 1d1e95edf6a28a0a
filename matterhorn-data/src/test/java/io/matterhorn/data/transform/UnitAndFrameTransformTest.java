package io.matterhorn.data.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed results of the unit-spike and frame transforms. */
class UnitAndFrameTransformTest {

    @Test
    void unitTimeJitter() {
        UnitEvents in = UnitEvents.of(new long[] {100, 110, 3}, new int[] {4, 5, 6});
        // 100 + round(20) = 120; 110 + round(-5) = 105; 3 + round(-4.9) = -2 (dropped), sorted by time
        UnitEvents out = new TimeJitter(10, true, true).apply(in, 8,
                new ScriptedRandom().withGaussians(2.0, -0.5, -0.49));
        assertArrayEquals(new long[] {105, 120}, out.times());
        assertArrayEquals(new int[] {5, 4}, out.units());
    }

    @Test
    void unitDropEvent() {
        UnitEvents in = UnitEvents.of(new long[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3});
        // k = floor(0.25 * 4 + 0.5) = 1; swap(0, 0 + 3) drops spike 3
        ScriptedRandom r = new ScriptedRandom().withInts(3);
        UnitEvents out = new DropEvent(0.25).apply(in, 4, r);
        assertArrayEquals(new int[] {0, 1, 2}, out.units());
        assertEquals(List.of(4), r.bounds);
    }

    @Test
    void oneTimeJitterAndOneDropEventServeCameraEventsAndUnitSpikesAlike() {
        TimeJitter jitter = new TimeJitter(10, true, true);
        PolarityEvents camera = jitter.apply(PolarityEvents.of(new long[] {100, 110, 3}, new int[] {1, 2, 3},
                new int[] {0, 0, 0}, new int[] {1, 0, 1}), new SensorSize(4, 4),
                new ScriptedRandom().withGaussians(2.0, -0.5, -0.49));
        UnitEvents units = jitter.apply(UnitEvents.of(new long[] {100, 110, 3}, new int[] {1, 2, 3}), 8,
                new ScriptedRandom().withGaussians(2.0, -0.5, -0.49));
        assertArrayEquals(units.times(), camera.times());
        assertArrayEquals(units.units(), camera.xs(), "the same events survive, in the same order");
        DropEvent drop = new DropEvent(0.25);
        PolarityEvents keptCamera = drop.apply(PolarityEvents.of(new long[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3},
                new int[4], new int[4]), new SensorSize(4, 4), new ScriptedRandom().withInts(1));
        UnitEvents keptUnits = drop.apply(UnitEvents.of(new long[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}), 4,
                new ScriptedRandom().withInts(1));
        assertArrayEquals(new int[] {0, 2, 3}, keptUnits.units());
        assertArrayEquals(keptUnits.units(), keptCamera.xs());
    }

    @Test
    void unitSubsample() {
        UnitSubsample s = new UnitSubsample(3);
        UnitEvents out = s.apply(UnitEvents.of(new long[] {1, 2, 3, 4, 5}, new int[] {0, 1, 3, 6, 7}), 8, null);
        assertArrayEquals(new long[] {1, 3, 4}, out.times());
        assertArrayEquals(new int[] {0, 1, 2}, out.units());
        assertEquals(3, s.outputUnits(8));
        assertEquals(234, s.outputUnits(700));
        UnitTransform both = UnitTransform.compose(new UnitSubsample(2), new UnitSubsample(2));
        assertEquals(175, both.outputUnits(700));
        assertThrows(IllegalArgumentException.class, () -> new UnitSubsample(0));
    }

    @Test
    void clampAndLogCounts() {
        float[] f = {0, 1, 3, 5};
        new ClampCounts(2).apply(f, new long[] {2, 2}, null);
        assertArrayEquals(new float[] {0, 1, 2, 2}, f);
        float[] g = {0, (float) (Math.E - 1)};
        new LogCounts().apply(g, new long[] {2, 1}, null);
        assertArrayEquals(new float[] {0, 1}, g, 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> new ClampCounts(1).apply(new float[3], new long[] {2, 2},
                null));
    }

    @Test
    void randomEraseZeroesOneWindowInEveryPlane() {
        // [T=2, P=1, H=2, W=3]; y0 = 1 of bound 2, x0 = 0 of bound 2
        float[] f = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        ScriptedRandom r = new ScriptedRandom().withDoubles(0.1).withInts(1, 0);
        new RandomErase(0.5, 1, 2).apply(f, new long[] {2, 1, 2, 3}, r);
        assertArrayEquals(new float[] {1, 2, 3, 0, 0, 6, 7, 8, 9, 0, 0, 12}, f);
        assertEquals(List.of(2, 2), r.bounds);
        float[] g = {1, 2, 3, 4, 5, 6};
        new RandomErase(0.5, 1, 1).apply(g, new long[] {1, 1, 2, 3}, new ScriptedRandom().withDoubles(0.7));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, g);
    }
}
