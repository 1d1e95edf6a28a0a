package io.matterhorn.data.transform;

import static io.matterhorn.data.transform.Ev.e;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.events.PolarityEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected results worked out by hand from each transform's formula (which follows tonic's documented
 * behaviour); random draws are scripted.
 */
class EventTransformTest {

    private static final SensorSize S8 = new SensorSize(8, 8);

    private static void assertEvents(PolarityEvents expected, PolarityEvents actual) {
        assertEquals(Ev.rows(expected), Ev.rows(actual));
    }

    @Test
    void denoiseKeepsEventsWithARecentFourNeighbour() {
        PolarityEvents in = Ev.of(e(0, 1, 1, 1), e(5, 2, 1, 0), e(20, 2, 1, 1), e(22, 2, 2, 1), e(40, 5, 5, 0),
                e(41, 6, 6, 0));
        // e0: no earlier event; e1: (1,1) at 0, 5 < 10; e2: neighbours (1,1) at 0 is 20 ago, same pixel does not
        // count; e3: (2,1) at 20, 2 ago; e4: isolated; e5: (5,5) is diagonal, not a four-neighbour
        PolarityEvents out = new Denoise(10).apply(in, S8, new ScriptedRandom());
        assertEvents(Ev.of(e(5, 2, 1, 0), e(22, 2, 2, 1)), out);
        // the window is strict: 10 ago is too old
        assertEquals(0, new Denoise(10).apply(Ev.of(e(0, 1, 1, 1), e(10, 2, 1, 1)), S8, null).size());
        assertThrows(IllegalArgumentException.class, () -> new Denoise(0));
    }

    @Test
    void downsampleFloorsSpaceAndTime() {
        Downsample d = new Downsample(0.5, 0.1);
        PolarityEvents out = d.apply(Ev.of(e(105, 3, 6, 1), e(19, 7, 1, 0)), S8, null);
        assertEvents(Ev.of(e(10, 1, 3, 1), e(1, 3, 0, 0)), out);
        assertEquals(new SensorSize(4, 4), d.outputSize(S8));                 // floor(7 * 0.5) + 1
        assertEquals(new SensorSize(12, 17), new Downsample(0.5, 1).outputSize(new SensorSize(24, 34)));
        assertThrows(IllegalArgumentException.class, () -> new Downsample(0, 1));
    }

    @Test
    void centerCropCutsTheMiddle() {
        SensorSize sensor = new SensorSize(8, 6);
        CenterCrop c = new CenterCrop(4, 2);                                   // ox = 2, oy = 2
        PolarityEvents out = c.apply(Ev.of(e(1, 2, 2, 1), e(2, 5, 3, 0), e(3, 6, 2, 1), e(4, 1, 3, 0),
                e(5, 3, 4, 1)), sensor, null);
        assertEvents(Ev.of(e(1, 0, 0, 1), e(2, 3, 1, 0)), out);
        assertEquals(new SensorSize(4, 2), c.outputSize(sensor));
        assertThrows(IllegalArgumentException.class, () -> new CenterCrop(9, 2).apply(PolarityEvents.EMPTY, sensor,
                null));
    }

    @Test
    void randomCropDrawsItsCornerFromTheGenerator() {
        SensorSize sensor = new SensorSize(8, 6);
        ScriptedRandom r = new ScriptedRandom().withInts(3, 1);                    // ox = 3, oy = 1
        PolarityEvents out = new RandomCrop(4, 2).apply(Ev.of(e(1, 3, 1, 1), e(2, 6, 2, 0), e(3, 7, 2, 1),
                e(4, 2, 1, 0), e(5, 4, 3, 1)), sensor, r);
        assertEvents(Ev.of(e(1, 0, 0, 1), e(2, 3, 1, 0)), out);
        assertEquals(List.of(5, 5), r.bounds);                                 // W - w + 1, H - h + 1
    }

    @Test
    void flipsHappenWhenTheDrawIsBelowP() {
        PolarityEvents in = Ev.of(e(1, 0, 2, 1), e(2, 5, 7, 0));
        assertEvents(Ev.of(e(1, 7, 2, 1), e(2, 2, 7, 0)),
                new RandomFlipLR(0.5).apply(in, S8, new ScriptedRandom().withDoubles(0.3)));
        assertSame(in, new RandomFlipLR(0.5).apply(in, S8, new ScriptedRandom().withDoubles(0.5)));
        assertEvents(Ev.of(e(1, 0, 5, 1), e(2, 5, 0, 0)),
                new RandomFlipUD(0.5).apply(in, S8, new ScriptedRandom().withDoubles(0.49)));
        assertSame(in, new RandomFlipUD(0.5).apply(in, S8, new ScriptedRandom().withDoubles(0.9)));
        assertEvents(Ev.of(e(1, 0, 2, 0), e(2, 5, 7, 1)),
                new RandomFlipPolarity(1).apply(in, S8, new ScriptedRandom().withDoubles(0.99)));
        assertSame(in, new RandomFlipPolarity(0).apply(in, S8, new ScriptedRandom().withDoubles(0.0)));
        assertThrows(IllegalArgumentException.class, () -> new RandomFlipLR(1.5));
    }

    @Test
    void timeReversalMirrorsTimeReversesOrderAndFlipsPolarity() {
        PolarityEvents in = Ev.of(e(10, 0, 0, 1), e(30, 1, 0, 0), e(60, 2, 0, 1));
        // t' = 60 - t, read from the last event to the first
        assertEvents(Ev.of(e(0, 2, 0, 0), e(30, 1, 0, 1), e(50, 0, 0, 0)),
                new RandomTimeReversal(0.5, true).apply(in, S8, new ScriptedRandom().withDoubles(0.1)));
        assertEvents(Ev.of(e(0, 2, 0, 1), e(30, 1, 0, 0), e(50, 0, 0, 1)),
                new RandomTimeReversal(0.5, false).apply(in, S8, new ScriptedRandom().withDoubles(0.1)));
        assertSame(in, new RandomTimeReversal(0.5, true).apply(in, S8, new ScriptedRandom().withDoubles(0.6)));
    }

    @Test
    void timeJitterAddsRoundedGaussianNoise() {
        PolarityEvents in = Ev.of(e(5, 0, 0, 1), e(15, 1, 0, 0), e(30, 2, 0, 1));
        ScriptedRandom r = new ScriptedRandom().withGaussians(0.26, -2.0, 0.04);
        // 5 + round(2.6) = 8; 15 + round(-20) = -5 (dropped); 30 + round(0.4) = 30
        assertEvents(Ev.of(e(8, 0, 0, 1), e(30, 2, 0, 1)), new TimeJitter(10, true, false).apply(in, S8, r));
        assertTrue(r.exhausted());
        // without clipping the negative time stays; with sorting the order follows t'
        assertEvents(Ev.of(e(-5, 1, 0, 0), e(8, 0, 0, 1), e(30, 2, 0, 1)), new TimeJitter(10, false, true)
                .apply(in, S8, new ScriptedRandom().withGaussians(0.26, -2.0, 0.04)));
        assertThrows(IllegalArgumentException.class, () -> new TimeJitter(-1, false, false));
    }

    @Test
    void spatialJitterUsesTheCholeskyFactorAndDropsOutliers() {
        // varX 4, varY 5, sigmaXY 2: dx = 2 g1, dy = (2 / 2) g1 + sqrt(5 - 4 / 4) g2 = g1 + 2 g2
        SpatialJitter j = new SpatialJitter(4, 5, 2);
        ScriptedRandom r = new ScriptedRandom().withGaussians(1.0, 0.5, 0.5, 0.0, -0.2, -0.3);
        PolarityEvents out = j.apply(Ev.of(e(1, 3, 3, 1), e(2, 7, 0, 0), e(3, 4, 4, 1)), S8, r);
        // e0: dx = 2, dy = 1 + 1 = 2 -> (5, 5); e1: dx = 1 -> x = 8 off the sensor; e2: dx = round(-0.4) = 0,
        // dy = round(-0.2 - 0.6) = -1 -> (4, 3)
        assertEvents(Ev.of(e(1, 5, 5, 1), e(3, 4, 3, 1)), out);
        assertTrue(r.exhausted());
        assertThrows(IllegalArgumentException.class, () -> new SpatialJitter(1, 1, 2));
    }

    @Test
    void dropEventRemovesRoundedShareChosenByPartialShuffle() {
        PolarityEvents in = Ev.of(e(0, 0, 0, 1), e(1, 1, 0, 1), e(2, 2, 0, 1), e(3, 3, 0, 1), e(4, 4, 0, 1));
        // k = floor(0.5 * 5 + 0.5) = 3; order [0..4]: swap(0, 0 + 2) -> drop 2; swap(1, 1 + 3) -> drop 4;
        // swap(2, 2 + 0) -> drop order[2] = 0
        ScriptedRandom r = new ScriptedRandom().withInts(2, 3, 0);
        assertEvents(Ev.of(e(1, 1, 0, 1), e(3, 3, 0, 1)), new DropEvent(0.5).apply(in, S8, r));
        assertEquals(List.of(5, 4, 3), r.bounds);
        assertSame(in, new DropEvent(0).apply(in, S8, new ScriptedRandom()));
    }

    @Test
    void dropPixelRemovesListedAndHotPixels() {
        PolarityEvents in = Ev.of(e(0, 1, 1, 1), e(1, 2, 2, 0), e(2, 1, 1, 0));
        assertEvents(Ev.of(e(1, 2, 2, 0)), DropPixel.at(new int[] {1}, new int[] {1}).apply(in, S8, null));
        // duration 2,000,000 us at 1 Hz allows 2 events per pixel: (1,1) has 3 and goes, (2,2) has 2 and stays
        PolarityEvents hot = Ev.of(e(0, 1, 1, 1), e(500_000, 2, 2, 1), e(900_000, 1, 1, 0), e(1_500_000, 2, 2, 1),
                e(2_000_000, 1, 1, 1));
        assertEvents(Ev.of(e(500_000, 2, 2, 1), e(1_500_000, 2, 2, 1)),
                DropPixel.hot(1, 1e6).apply(hot, S8, null));
    }

    @Test
    void refractoryPeriodIgnoresEventsDuringTheDeadTime() {
        PolarityEvents in = Ev.of(e(0, 0, 0, 1), e(1, 3, 3, 1), e(5, 0, 0, 0), e(10, 0, 0, 1), e(11, 0, 0, 1),
                e(25, 0, 0, 0));
        // pixel (0,0): keep 0; 5 and 10 are within 10 of it; 11 - 0 > 10 keeps 11; 25 - 11 > 10 keeps 25
        assertEvents(Ev.of(e(0, 0, 0, 1), e(1, 3, 3, 1), e(11, 0, 0, 1), e(25, 0, 0, 0)),
                new RefractoryPeriod(10).apply(in, S8, null));
    }

    @Test
    void timeSkewAndMergePolarities() {
        PolarityEvents in = Ev.of(e(3, 1, 1, 1), e(10, 2, 2, 0));
        assertEvents(Ev.of(e(1, 1, 1, 1), e(15, 2, 2, 0)), new TimeSkew(2, -5).apply(in, S8, null));
        assertEvents(Ev.of(e(2, 1, 1, 1), e(5, 2, 2, 0)), new TimeSkew(0.5, 0.7).apply(in, S8, null));
        assertEvents(Ev.of(e(3, 1, 1, 0), e(10, 2, 2, 0)), new MergePolarities().apply(in, S8, null));
    }

    @Test
    void composeThreadsTheGridAndTheDraws() {
        EventTransform t = EventTransform.compose(new Downsample(0.5, 1), new RandomFlipLR(1), new CenterCrop(2, 2));
        assertEquals(new SensorSize(2, 2), t.outputSize(S8));
        // (6, 4) -> downsample (3, 2) on 4x4 -> flip x = 0 -> crop ox = oy = 1: x = -1 dropped; (2, 2) -> (1, 1)
        // -> flip (2, 1) -> crop (1, 0)
        PolarityEvents out = t.apply(Ev.of(e(1, 6, 4, 1), e(2, 2, 2, 0)), S8, new ScriptedRandom().withDoubles(0.0));
        assertEvents(Ev.of(e(2, 1, 0, 0)), out);
        assertThrows(IllegalArgumentException.class, () -> EventTransform.compose());
    }

    @Test
    void transformsRejectEventsOffTheirGrid() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new Denoise(5).apply(Ev.of(e(0, 9, 0, 1)), S8, null));
        assertTrue(ex.getMessage().contains("outside the sensor 8x8"), ex.getMessage());
    }
}
