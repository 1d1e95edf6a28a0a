package io.matterhorn.data.neuromorphic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and crafted caches: every defect the format can express is found on open. The crafted files come from
 * {@link RawCache}, an independent writer of the documented layout that computes correct CRCs around impossible
 * content, so the order, bounds and label checks are tested on their own and not only through the checksums.
 */
class EventCacheHostileTest {

    private static final CacheBounds NMNIST_BOUNDS = new CacheBounds(10, 34, 34, 65536);

    /** One crafted sample: label, t0, dt per event, payload per event. */
    record Sample(int label, long t0, long[] dt, int[] payload) {
    }

    /** Writes the documented version-2 layout directly. */
    static byte[] rawCache(String key, int kind, List<Sample> samples, int extraTableEntries) throws IOException {
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        DataOutputStream ev = new DataOutputStream(events);
        DataOutputStream tb = new DataOutputStream(table);
        long first = 0;
        for (Sample s : samples) {
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(one);
            for (int k = 0; k < s.dt().length; k++) {
                o.writeInt((int) s.dt()[k]);
                o.writeShort(s.payload()[k]);
            }
            CRC32 crc = new CRC32();
            crc.update(one.toByteArray());
            ev.write(one.toByteArray());
            tb.writeInt(s.label());
            tb.writeInt(s.dt().length);
            tb.writeLong(s.t0());
            tb.writeLong(first);
            tb.writeInt((int) crc.getValue());
            first += s.dt().length;
        }
        int n = samples.size();
        ByteBuffer fixed = ByteBuffer.allocate(16).putInt(0x4D484556).putInt(2).putInt(kind).putInt(n);
        CRC32 tableCrc = new CRC32();
        tableCrc.update(fixed.array());
        tableCrc.update(table.toByteArray());
        for (int i = 0; i < extraTableEntries; i++) { // appended after the CRC was taken, as a damaged file would be
            tb.writeInt(0);
            tb.writeInt(0);
            tb.writeLong(0);
            tb.writeLong(first);
            tb.writeInt(0);
        }
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream f = new DataOutputStream(file);
        f.write(fixed.array(), 0, 12);
        f.writeInt(n + extraTableEntries);
        f.writeInt((int) tableCrc.getValue());
        f.writeInt(k.length);
        f.write(k);
        f.write(events.toByteArray());
        f.write(table.toByteArray());
        return file.toByteArray();
    }

    private static int xy(int x, int y, int p) {
        return x | y << 7 | p << 14;
    }

    private static List<Sample> valid() {
        List<Sample> s = new ArrayList<>();
        s.add(new Sample(3, 100, new long[] {0, 5, 5, 90}, new int[] {xy(1, 2, 0), xy(33, 33, 1), xy(0, 0, 0),
                xy(10, 20, 1)}));
        s.add(new Sample(0, 0, new long[0], new int[0]));
        s.add(new Sample(9, 7, new long[] {0, 1}, new int[] {xy(4, 4, 1), xy(5, 5, 0)}));
        return s;
    }

    private static EventCache open(Path dir, byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("c.mhev"), bytes);
        return EventCache.openIfValid(file, "key", EventCache.KIND_POLARITY, NMNIST_BOUNDS);
    }

    @Test
    void theIndependentWriterAgreesWithTheFormat(@TempDir Path dir) throws IOException {
        try (EventCache c = open(dir, rawCache("key", 1, valid(), 0))) {
            assertNotNull(c);
            assertEquals(3, c.size());
            assertArrayEquals(new long[] {100, 105, 105, 190}, c.polarity(0).times());
            assertArrayEquals(new int[] {1, 33, 0, 10}, c.polarity(0).xs());
        }
    }

    @Test
    void craftedContentWithCorrectChecksumsIsStillRefused(@TempDir Path dir) throws IOException {
        List<List<Sample>> bad = new ArrayList<>();
        List<Sample> order = valid();
        order.set(0, new Sample(3, 100, new long[] {0, 5, 4}, new int[] {0, 0, 0}));
        bad.add(order);
        List<Sample> firstNotZero = valid();
        firstNotZero.set(2, new Sample(9, 7, new long[] {3, 4}, new int[] {0, 0}));
        bad.add(firstNotZero);
        List<Sample> outside = valid();
        outside.set(2, new Sample(9, 7, new long[] {0, 1}, new int[] {xy(34, 0, 0), 0}));
        bad.add(outside);
        List<Sample> outsideY = valid();
        outsideY.set(2, new Sample(9, 7, new long[] {0}, new int[] {xy(0, 100, 0)}));
        bad.add(outsideY);
        List<Sample> bit15 = valid();
        bit15.set(2, new Sample(9, 7, new long[] {0}, new int[] {0x8000}));
        bad.add(bit15);
        List<Sample> label = valid();
        label.set(1, new Sample(1756, 0, new long[0], new int[0]));
        bad.add(label);
        List<Sample> negative = valid();
        negative.set(1, new Sample(-1, 0, new long[0], new int[0]));
        bad.add(negative);
        for (long t0 : new long[] {-1, Long.MAX_VALUE, Long.MAX_VALUE - 0xFFFFFFFFL + 1}) {
            List<Sample> t = valid();
            t.set(0, new Sample(3, t0, new long[] {0}, new int[] {0}));
            bad.add(t);
        }
        for (int i = 0; i < bad.size(); i++) {
            assertNull(open(dir, rawCache("key", 1, bad.get(i), 0)), "crafted case " + i);
        }
    }

    @Test
    void anAppendedTableEntryOrChangedEventFailsTheChecksums(@TempDir Path dir) throws IOException {
        assertNull(open(dir, rawCache("key", 1, valid(), 1)), "301 samples instead of 300");
        byte[] good = rawCache("key", 1, valid(), 0);
        int firstEvent = 24 + 3;
        for (int at = firstEvent; at < firstEvent + 6 * 6; at++) {
            byte[] b = good.clone();
            b[at] ^= 0x01;
            assertNull(open(dir, b), "event byte " + (at - firstEvent) + " changed");
        }
        for (int at = good.length - 28 * 3; at < good.length; at++) {
            byte[] b = good.clone();
            b[at] ^= 0x10;
            assertNull(open(dir, b), "table byte " + at + " changed");
        }
    }

    @Test
    void unitBoundsAreChecked(@TempDir Path dir) throws IOException {
        List<Sample> s = List.of(new Sample(1, 0, new long[] {0, 2}, new int[] {699, 700}));
        Path file = Files.write(dir.resolve("u.mhev"), rawCache("key", 2, s, 0));
        assertNull(EventCache.openIfValid(file, "key", EventCache.KIND_UNIT, new CacheBounds(20, 128, 128, 700)));
        try (EventCache c = EventCache.openIfValid(file, "key", EventCache.KIND_UNIT,
                new CacheBounds(20, 128, 128, 701))) {
            assertArrayEquals(new int[] {699, 700}, c.units(0).units());
        }
    }

    @Test
    void writerRefusesNegativeUnitsAndTimes(@TempDir Path dir) throws IOException {
        try (EventCacheWriter w = new EventCacheWriter(dir.resolve("w.mhev"), "k", EventCache.KIND_UNIT)) {
            UnitEvents negative = UnitEvents.of(new long[] {0}, new int[] {0});
            w.add(0, negative);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.add(0, UnitEvents.of(new long[] {-5}, new int[] {1})));
            assertTrue(e.getMessage().contains("first timestamp -5"), e.getMessage());
        }
        try (EventCacheWriter w = new EventCacheWriter(dir.resolve("p.mhev"), "k", EventCache.KIND_POLARITY)) {
            assertThrows(IllegalArgumentException.class, () -> w.add(0, PolarityEvents.of(new long[] {-1},
                    new int[] {0}, new int[] {0}, new int[] {0})));
        }
    }

    @Test
    void staleTemporaryFilesAreRemovedButNotThoseInUse(@TempDir Path dir) throws IOException {
        Path stale = Files.write(dir.resolve("train-abc.mhev.tmp-123"), new byte[] {1, 2});
        Files.setLastModifiedTime(stale, FileTime.fromMillis(0));
        Path other = Files.write(dir.resolve("notes.txt"), new byte[] {1});
        try (EventCacheWriter w = new EventCacheWriter(dir.resolve("train-abc.mhev"), "k", EventCache.KIND_UNIT)) {
            w.add(0, UnitEvents.EMPTY);
            assertEquals(1, EventCacheWriter.removeStale(dir), "only the file nobody holds");
            assertFalse(Files.exists(stale));
            assertTrue(Files.exists(other));
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(1, s.filter(p -> p.getFileName().toString().contains(".tmp-")).count(),
                        "the open writer's file stays");
            }
            w.commit();
        }
        assertEquals(0, EventCacheWriter.removeStale(dir.resolve("missing")));
    }

    @Test
    void aDamagedDataSetCacheIsRebuiltWithTheRightData(@TempDir Path dir) throws IOException {
        Path root = NMNISTTest.fixtureRoot(dir);
        Path cache;
        long[] times;
        byte[] key;
        try (NMNIST d = NMNISTTest.builder(root).build()) {
            cache = d.cacheFile();
            times = d.events(1).times();
            key = d.cacheKey().getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = Files.readAllBytes(cache);
        bytes[24 + key.length + 6 * 2 + 3] ^= 0x04; // one timestamp of sample 1 changes by 4
        Files.write(cache, bytes);
        try (NMNIST d = NMNISTTest.builder(root).build()) {
            assertArrayEquals(times, d.events(1).times(), "rebuilt from the raw files");
            assertEquals(4, d.size());
        }
        // a sample table with one entry appended
        bytes = Files.readAllBytes(cache);
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 28);
        ByteBuffer.wrap(longer).putInt(12, 5);
        Files.write(cache, longer);
        try (NMNIST d = NMNISTTest.builder(root).build()) {
            assertEquals(4, d.size(), "not 5");
        }
    }

    /** Child process for the kill test: starts a writer and dies without closing it. */
    public static void main(String[] args) throws IOException {
        EventCacheWriter w = new EventCacheWriter(Path.of(args[0]), "k", EventCache.KIND_UNIT);
        w.add(0, UnitEvents.of(new long[] {1}, new int[] {2}));
        Runtime.getRuntime().halt(9);
    }

    @Test
    void aTemporaryFileOfAKilledProcessIsRemoved(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EventCacheHostileTest.class.getName(), dir.resolve("x.mhev").toString())
                .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "child.log")).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child ended");
        assertEquals(9, p.exitValue(), Files.readString(dir.resolve("child.log")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.filter(f -> f.getFileName().toString().startsWith("x.mhev.tmp-")).count());
        }
        assertEquals(1, EventCacheWriter.removeStale(dir));
        assertFalse(Files.exists(dir.resolve("x.mhev")));
    }
}
