package io.matterhorn.data.neuromorphic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventCacheTest {

    private static final PolarityEvents A = PolarityEvents.of(new long[] {1_000_000_000L, 1_000_000_005L,
            5_000_000_000L}, new int[] {0, 127, 64}, new int[] {127, 0, 3}, new int[] {1, 0, 1});

    @Test
    void polarityEventsRoundTrip(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("train.mhev");
        try (EventCacheWriter w = new EventCacheWriter(file, "k1", EventCache.KIND_POLARITY)) {
            w.add(3, A);
            w.add(0, PolarityEvents.EMPTY);
            w.add(9, A.everyNth(2));
            w.commit();
        }
        assertEquals(24 + 2 + 6 * 5 + 28 * 3, Files.size(file), "documented layout");
        try (EventCache c = EventCache.openIfValid(file, "k1", EventCache.KIND_POLARITY)) {
            assertNotNull(c);
            assertEquals(3, c.size());
            assertArrayEquals(new int[] {3, 0, 9}, c.labels());
            PolarityEvents back = c.polarity(0);
            assertArrayEquals(A.times(), back.times());
            assertArrayEquals(A.xs(), back.xs());
            assertArrayEquals(A.ys(), back.ys());
            assertArrayEquals(A.polarities(), back.polarities());
            assertEquals(0, c.polarity(1).size());
            assertArrayEquals(new long[] {1_000_000_000L, 5_000_000_000L}, c.polarity(2).times());
        }
    }

    @Test
    void unitEventsRoundTrip(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("u.mhev");
        UnitEvents u = UnitEvents.of(new long[] {7, 9, 9}, new int[] {699, 0, 65535});
        try (EventCacheWriter w = new EventCacheWriter(file, "u", EventCache.KIND_UNIT)) {
            w.add(19, u);
            w.commit();
        }
        try (EventCache c = EventCache.openIfValid(file, "u", EventCache.KIND_UNIT)) {
            assertArrayEquals(u.times(), c.units(0).times());
            assertArrayEquals(u.units(), c.units(0).units());
            assertThrows(IllegalStateException.class, () -> c.polarity(0));
        }
        assertNull(EventCache.openIfValid(file, "u", EventCache.KIND_POLARITY), "other kind");
    }

    @Test
    void uncommittedWriteLeavesNothingBehind(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.mhev");
        try (EventCacheWriter w = new EventCacheWriter(file, "k", EventCache.KIND_POLARITY)) {
            w.add(1, A);
            // an exception here (interrupted run) skips commit()
        }
        assertFalse(Files.exists(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "temporary file removed");
        }
    }

    @Test
    void staleOrDamagedCachesAreReportedAbsent(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("y.mhev");
        try (EventCacheWriter w = new EventCacheWriter(file, "key-a", EventCache.KIND_POLARITY)) {
            w.add(1, A);
            w.commit();
        }
        assertNull(EventCache.openIfValid(file, "key-b", EventCache.KIND_POLARITY), "other key");
        assertNull(EventCache.openIfValid(dir.resolve("missing"), "key-a", EventCache.KIND_POLARITY));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(file) - 1);
        }
        assertNull(EventCache.openIfValid(file, "key-a", EventCache.KIND_POLARITY), "truncated");
        Files.write(file, new byte[] {1, 2, 3});
        assertNull(EventCache.openIfValid(file, "key-a", EventCache.KIND_POLARITY), "garbage");
    }

    @Test
    void unrepresentableEventsAreRejected(@TempDir Path dir) throws IOException {
        try (EventCacheWriter w = new EventCacheWriter(dir.resolve("z.mhev"), "k", EventCache.KIND_POLARITY)) {
            assertThrows(IllegalArgumentException.class, () -> w.add(0, PolarityEvents.of(new long[] {0},
                    new int[] {128}, new int[] {0}, new int[] {0})));
            assertThrows(IllegalArgumentException.class, () -> w.add(0, PolarityEvents.of(new long[] {5, 4},
                    new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0})));
            assertThrows(IllegalArgumentException.class, () -> w.add(-1, A));
        }
    }
}
