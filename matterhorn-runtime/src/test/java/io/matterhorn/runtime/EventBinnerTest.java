package io.matterhorn.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventBinnerTest {
    @Test
    void handComputedWindows() throws Exception {
        // 4x3 sensor, 2 polarities, 1000 us windows; the first event at t = 2500 starts the window [2000, 3000)
        EventBinner b = new EventBinner(4, 3, 2, 1000, 16, EventBinner.Overflow.BLOCK);
        assertEquals(24, b.inputSize());
        int[] active = new int[24];
        assertEquals(EventBinner.NOT_READY, b.poll(active));
        b.offer(1, 2, 0, 2500); // index (0 * 3 + 2) * 4 + 1 = 9
        b.offer(3, 0, 1, 2600); // (1 * 3 + 0) * 4 + 3 = 15
        b.offer(1, 2, 0, 2999); // 9 again
        assertEquals(EventBinner.NOT_READY, b.poll(active), "the window [2000, 3000) may still get events");
        b.offer(0, 0, 0, 3000); // 0, next window
        assertEquals(2, b.poll(active));
        assertArrayEquals(new int[] {9, 15}, Arrays.copyOf(active, 2));
        assertEquals(EventBinner.NOT_READY, b.poll(active));
        b.advanceTo(5000); // no event before 5000 will come: [3000, 4000) and [4000, 5000) are complete
        assertEquals(1, b.poll(active));
        assertEquals(0, active[0]);
        assertEquals(0, b.poll(active), "an empty window");
        assertEquals(EventBinner.NOT_READY, b.poll(active));
        assertFalse(b.offer(2, 2, 1, 4999), "a late event is dropped");
        assertEquals(1, b.dropped());
        assertEquals(4, b.accepted());
    }

    @Test
    void aFullBufferDropsByPolicyAndCounts() throws Exception {
        EventBinner newest = new EventBinner(8, 1, 1, 100, 4, EventBinner.Overflow.DROP_NEWEST);
        EventBinner oldest = new EventBinner(8, 1, 1, 100, 4, EventBinner.Overflow.DROP_OLDEST);
        for (int i = 0; i < 6; i++) {
            newest.offer(i, 0, 0, i);
            oldest.offer(i, 0, 0, i);
        }
        assertEquals(2, newest.dropped());
        assertEquals(2, oldest.dropped());
        newest.advanceTo(100);
        oldest.advanceTo(100);
        int[] a = new int[8];
        assertEquals(4, newest.poll(a));
        assertArrayEquals(new int[] {0, 1, 2, 3}, Arrays.copyOf(a, 4));
        assertEquals(4, oldest.poll(a));
        assertArrayEquals(new int[] {2, 3, 4, 5}, Arrays.copyOf(a, 4));
    }

    @Test
    void aBlockingProducerFasterThanTheConsumerLosesNothing() throws Exception {
        int events = 20_000;
        EventBinner b = new EventBinner(100, 1, 1, 10, 64, EventBinner.Overflow.BLOCK);
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < events; i++) {
                    b.offer(i % 100, 0, 0, i); // one event per microsecond, 10 per window
                }
                b.advanceTo(events);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        int[] active = new int[100];
        long seen = 0;
        int windows = 0;
        while (windows < events / 10) {
            int n = b.poll(active);
            if (n == EventBinner.NOT_READY) {
                Thread.onSpinWait();
                continue;
            }
            assertEquals(10, n, "window " + windows);
            for (int k = 0; k < n; k++) {
                assertEquals((windows * 10 + k) % 100, active[k]);
            }
            seen += n;
            windows++;
        }
        producer.join();
        assertEquals(events, seen);
        assertEquals(0, b.dropped());
        assertTrue(b.pending() == 0);
    }

    @Test
    void eventsOutsideTheSensorAreRefused() {
        EventBinner b = new EventBinner(4, 4, 2, 10, 4, EventBinner.Overflow.BLOCK);
        assertThrows(IllegalArgumentException.class, () -> b.offer(4, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> b.offer(0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> b.offer(0, 0, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new EventBinner(0, 4, 2, 10, 4,
                EventBinner.Overflow.BLOCK));
        assertThrows(IllegalArgumentException.class, () -> new EventBinner(65536, 65536, 2, 10, 4,
                EventBinner.Overflow.BLOCK));
    }
}
