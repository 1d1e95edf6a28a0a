package io.matterhorn.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Camera events and unit spikes share their time operations: the same events survive, in the same order. */
class TimedEventsTest {
    private static final long[] T = {30, 10, 20, 10, 50};
    private static final int[] COLUMN = {0, 1, 2, 3, 4};

    private static PolarityEvents camera() {
        return PolarityEvents.of(T, COLUMN, new int[] {0, 0, 9, 0, 0}, new int[] {1, 0, 1, 0, 1});
    }

    private static UnitEvents units() {
        return UnitEvents.of(T, COLUMN);
    }

    @Test
    void sortingIsStableAndTheSameForBothKinds() {
        assertArrayEquals(new long[] {10, 10, 20, 30, 50}, camera().sortedByTime().times());
        assertArrayEquals(new int[] {1, 3, 2, 0, 4}, camera().sortedByTime().xs());
        assertArrayEquals(new int[] {1, 3, 2, 0, 4}, units().sortedByTime().units());
        PolarityEvents sorted = camera().sortedByTime();
        assertSame(sorted, sorted.sortedByTime());
    }

    @Test
    void everyNthKeepsIndicesZeroKTwoK() {
        assertArrayEquals(new int[] {0, 2, 4}, camera().everyNth(2).xs());
        assertArrayEquals(new int[] {0, 2, 4}, units().everyNth(2).units());
        UnitEvents u = units();
        assertSame(u, u.everyNth(1));
        assertThrows(IllegalArgumentException.class, () -> u.everyNth(0));
    }

    @Test
    void filtersKeepOrderAndReturnTheSameInstanceWhenNothingIsDropped() {
        assertArrayEquals(new int[] {0, 1, 3, 4}, camera().withinSensor(5, 5).xs());
        assertArrayEquals(new int[] {0, 1, 2}, units().withinUnits(3).units());
        PolarityEvents c = camera();
        assertSame(c, c.withinSensor(10, 10));
        PolarityEvents segment = c.segment(10, 30);
        assertArrayEquals(new long[] {0, 10, 0}, segment.times());
        assertArrayEquals(new int[] {1, 2, 3}, segment.xs());
        assertArrayEquals(new long[] {20, 0, 10, 0, 40}, c.segment(10, 60).times());
    }
}
