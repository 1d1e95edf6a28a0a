package io.matterhorn.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrameBinnerTest {

    /** The golden example of 1.0.1's binning rule: events (t, p, y, x). */
    private static final PolarityEvents GOLDEN = PolarityEvents.of(new long[] {100, 100, 0, 399, 250},
            new int[] {5, 5, 0, 33, 5}, new int[] {3, 3, 0, 33, 3}, new int[] {1, 1, 0, 0, 1});

    private static FrameSpec spec(TimeBinning time, boolean polarity, int size, boolean count) {
        return new FrameSpec(time, polarity, size, size, 34, 34, count);
    }

    /** Lists the non-zero cells as "t,p,y,x=value". */
    private static List<String> nonZero(float[] frames, FrameSpec s) {
        List<String> out = new ArrayList<>();
        int c = s.channels();
        int h = s.height();
        int w = s.width();
        for (int i = 0; i < frames.length; i++) {
            if (frames[i] != 0f) {
                int x = i % w;
                int y = i / w % h;
                int p = i / (w * h) % c;
                int t = i / (w * h * c);
                out.add(t + "," + p + "," + y + "," + x + "=" + frames[i]);
            }
        }
        return out;
    }

    @Test
    void goldenExampleOfTheSpec() {
        FrameSpec s = spec(TimeBinning.stretch(4), true, 34, false);
        assertEquals(List.of("0,0,0,0=1.0", "1,1,3,5=1.0", "2,1,3,5=1.0", "3,0,33,33=1.0"),
                nonZero(FrameBinner.frames(GOLDEN, s), s));
    }

    @Test
    void goldenCountModeDownscaleAndClipping() {
        FrameSpec count = spec(TimeBinning.stretch(4), true, 34, true);
        assertEquals(List.of("0,0,0,0=1.0", "1,1,3,5=2.0", "2,1,3,5=1.0", "3,0,33,33=1.0"),
                nonZero(FrameBinner.frames(GOLDEN, count), count));
        FrameSpec small = spec(TimeBinning.stretch(4), false, 17, false);
        assertEquals(List.of("0,0,0,0=1.0", "1,0,1,2=1.0", "2,0,1,2=1.0", "3,0,16,16=1.0"),
                nonZero(FrameBinner.frames(GOLDEN, small), small));
        FrameSpec clipped = spec(TimeBinning.stretch(4).clipped(TimeWindow.between(100, 300)), true, 34, false);
        assertEquals(List.of("0,1,3,5=1.0", "3,1,3,5=1.0"), nonZero(FrameBinner.frames(GOLDEN, clipped), clipped));
        FrameSpec before = spec(TimeBinning.stretch(4).clipped(TimeWindow.before(100)), true, 34, false);
        assertEquals(List.of("0,0,0,0=1.0"), nonZero(FrameBinner.frames(GOLDEN, before), before));
    }

    @Test
    void emptyInputAndClippingEverythingAwayGiveZeros() {
        FrameSpec s = spec(TimeBinning.stretch(4), true, 34, true);
        float[] dst = new float[s.frameSize()];
        Arrays.fill(dst, 7f);
        FrameBinner.bin(PolarityEvents.EMPTY, s, dst, 0, s.stepSize());
        assertEquals(0, nonZero(dst, s).size(), "stale values are overwritten");
        FrameSpec none = spec(TimeBinning.stretch(4).clipped(TimeWindow.between(1000, 2000)), true, 34, true);
        assertEquals(0, nonZero(FrameBinner.frames(GOLDEN, none), none).size());
        FrameSpec fixedNone = spec(TimeBinning.fixed(4, 10).clipped(TimeWindow.before(-5)), true, 34, true);
        assertEquals(0, nonZero(FrameBinner.frames(GOLDEN, fixedNone), fixedNone).size());
    }

    @Test
    void fixedDurationBinsAreExactAndDropLateEvents() {
        // origin = first event (t=0); bins of 100: 0 -> 0, 100 -> 1, 250 -> 2, 399 -> 3
        FrameSpec s = spec(TimeBinning.fixed(3, 100), true, 34, true);
        assertEquals(List.of("0,0,0,0=1.0", "1,1,3,5=2.0", "2,1,3,5=1.0"), nonZero(FrameBinner.frames(GOLDEN, s), s));
        // a window with a start puts the origin there: [50, 1000) -> 100 -> 0, 250 -> 2, 399 -> 3
        FrameSpec w = spec(TimeBinning.fixed(4, 100).clipped(TimeWindow.between(50, 1000)), true, 34, false);
        assertEquals(List.of("0,1,3,5=1.0", "2,1,3,5=1.0", "3,0,33,33=1.0"), nonZero(FrameBinner.frames(GOLDEN, w), w));
    }

    @Test
    void float32RoundingAboveTwoToThe24IsKeptAndTheBinTIsDropped() {
        // float(2^24 + 1) = 2^24 and 2^24 + 1 rounds to 2^24, so the last event lands in bin T and is dropped,
        // exactly as the original's float32 arithmetic does
        long big = (1L << 24) + 1;
        PolarityEvents e = PolarityEvents.of(new long[] {0, big}, new int[] {1, 2}, new int[] {1, 2},
                new int[] {0, 0});
        FrameSpec s = spec(TimeBinning.stretch(8), true, 34, true);
        assertEquals(List.of("0,0,1,1=1.0"), nonZero(FrameBinner.frames(e, s), s));
        assertArrayEquals(new int[] {0, -1}, TimeBinning.stretch(8).bins(e.times(), 2));
    }

    @Test
    void eventsOutsideTheSensorAreDroppedNotWrittenElsewhere() {
        PolarityEvents e = PolarityEvents.of(new long[] {0, 1, 2}, new int[] {34, 0, 200}, new int[] {0, 34, 1},
                new int[] {1, 1, 0});
        FrameSpec s = spec(TimeBinning.stretch(2), true, 34, true);
        assertEquals(0, nonZero(FrameBinner.frames(e, s), s).size());
    }

    @Test
    void stridedTimeMajorOutputEqualsContiguousFrames() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 500;
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextLong(1_000_000);
            x[i] = r.nextInt(34);
            y[i] = r.nextInt(34);
            p[i] = r.nextInt(2);
        }
        PolarityEvents e = PolarityEvents.of(t, x, y, p);
        FrameSpec s = spec(TimeBinning.stretch(5), true, 34, true);
        float[] contiguous = FrameBinner.frames(e, s);
        int batch = 3;
        int b = 1;
        float[] timeMajor = new float[s.frameSize() * batch];
        FrameBinner.bin(e, s, timeMajor, b * s.stepSize(), batch * s.stepSize());
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(Arrays.copyOfRange(contiguous, k * s.stepSize(), (k + 1) * s.stepSize()),
                    Arrays.copyOfRange(timeMajor, (k * batch + b) * s.stepSize(), (k * batch + b + 1) * s.stepSize()));
        }
        double total = 0;
        for (float v : contiguous) {
            total += v;
        }
        assertEquals(n, total, "count mode keeps every event");
        java.nio.FloatBuffer direct = java.nio.ByteBuffer.allocateDirect(4 * timeMajor.length)
                .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < timeMajor.length; i++) {
            direct.put(i, 5f); // stale values: cleared unless the caller says the memory is zero
        }
        FrameBinner.bin(e, s, direct, b * s.stepSize(), batch * s.stepSize(), false);
        for (int k = 0; k < 5; k++) {
            for (int j = 0; j < s.stepSize(); j++) {
                int i = (k * batch + b) * s.stepSize() + j;
                assertEquals(timeMajor[i], direct.get(i));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> FrameBinner.bin(e, s, new float[10], 0, s.stepSize()));
        assertThrows(IllegalArgumentException.class, () -> FrameBinner.bin(e, s, timeMajor, 0, s.stepSize() - 1));
    }

    @Test
    void unitSpikesBinIntoTimeByLength() {
        UnitEvents e = UnitEvents.of(new long[] {0, 10, 10, 30, 39}, new int[] {0, 699, 699, 350, 1});
        UnitFrameSpec s = new UnitFrameSpec(TimeBinning.stretch(4), 700, 700, true);
        float[] f = FrameBinner.frames(e, s);
        // t_bin = floor(t * 4 / 40): 0, 1, 1, 3, 3
        assertEquals(1f, f[0]);
        assertEquals(2f, f[700 + 699]);
        assertEquals(1f, f[3 * 700 + 350]);
        assertEquals(1f, f[3 * 700 + 1]);
        UnitFrameSpec small = new UnitFrameSpec(TimeBinning.stretch(1), 7, 700, false);
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0, 1}, FrameBinner.frames(e, small));
    }

    @Test
    void specsRejectBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> TimeBinning.stretch(0));
        assertThrows(IllegalArgumentException.class, () -> TimeBinning.fixed(4, 0));
        assertThrows(IllegalArgumentException.class, () -> TimeWindow.between(5, 5));
        assertThrows(IllegalArgumentException.class, () -> spec(TimeBinning.stretch(2), true, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new UnitFrameSpec(TimeBinning.stretch(2), 0, 700, false));
    }
}
