package io.matterhorn.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PolarityEventsTest {

    @Test
    void stableSortKeepsFileOrderOfEqualTimestamps() {
        PolarityEvents e = PolarityEvents.of(new long[] {5, 1, 5, 1, 0}, new int[] {0, 1, 2, 3, 4},
                new int[] {0, 0, 0, 0, 0}, new int[] {0, 1, 0, 1, 0});
        PolarityEvents s = e.sortedByTime();
        assertArrayEquals(new long[] {0, 1, 1, 5, 5}, s.times());
        assertArrayEquals(new int[] {4, 1, 3, 0, 2}, s.xs());
        assertSame(s, s.sortedByTime());
    }

    @Test
    void samplingSegmentsAndSensorFilter() {
        PolarityEvents e = PolarityEvents.of(new long[] {10, 20, 30, 40, 50}, new int[] {0, 1, 2, 3, 40},
                new int[] {0, 1, 2, 3, 4}, new int[] {0, 1, 0, 1, 0});
        assertArrayEquals(new int[] {0, 2, 40}, e.everyNth(2).xs());
        assertSame(e, e.everyNth(1));
        PolarityEvents seg = e.segment(20, 40);
        assertArrayEquals(new long[] {0, 10}, seg.times());
        assertArrayEquals(new int[] {1, 2}, seg.xs());
        assertArrayEquals(new int[] {0, 1, 2, 3}, e.withinSensor(34, 34).xs());
        assertThrows(IllegalArgumentException.class, () -> e.everyNth(0));
        assertThrows(IllegalArgumentException.class, () -> e.segment(5, 4));
        assertThrows(IllegalArgumentException.class, () -> PolarityEvents.of(new long[1], new int[1], new int[1],
                new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> PolarityEvents.of(new long[2], new int[1], new int[1],
                new int[1]));
    }
}
