package io.matterhorn.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic AEDAT and HDF5 readers on hand-made files. */
class GenericReadersTest {

    private static byte[] file(String header, ByteOrder order, int wordBytes, long... words) {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(h.length + words.length * wordBytes).order(order);
        b.put(h);
        for (long w : words) {
            if (wordBytes == 4) {
                b.putInt((int) w);
            } else {
                b.putLong(w);
            }
        }
        return b.array();
    }

    @Test
    void bigEndianDvs128WordsDecodeAsInTheSpec() throws EventFormatException {
        // the format's own example: addr = (7 << 8) | (5 << 1) | 1, ts = 1000 -> (t, p, y, x) = (1000, 1, 7, 5)
        long special = 1L << 15;
        byte[] bytes = file("#!AER-DAT2.0\r\n# comment\r\n", ByteOrder.BIG_ENDIAN, 4,
                (7 << 8) | (5 << 1) | 1, 1000, special | 3, 1001, (2 << 8) | (127 << 1), 0xFFFFFFF0L);
        PolarityEvents e = new AedatEventReader(ByteOrder.BIG_ENDIAN, 4, EventWordLayout.DVS128).decode(bytes, "f");
        assertEquals(2, e.size());                                    // the special event is skipped
        assertArrayEquals(new long[] {1000, 0xFFFFFFF0L}, e.times());  // unsigned timestamps
        assertArrayEquals(new int[] {5, 127}, e.xs());
        assertArrayEquals(new int[] {7, 2}, e.ys());
        assertArrayEquals(new int[] {1, 0}, e.polarities());
        // the same bytes through the dedicated AEDAT 2.0 reader
        assertArrayEquals(e.xs(), Aedat2Reader.decodeDvs128(bytes, "f").xs());
    }

    @Test
    void littleEndianEightByteWordsWithTheOriginalLayout() throws EventFormatException {
        // ORIGINAL_AEDAT: x = (a >> 1) & 0x7FF, y = (a >> 16) & 0x7FF, p = a & 1; the first event's first byte is
        // '#' (0x23) in little-endian order and must not be taken for a header line
        long a1 = (9L << 16) | (0x11L << 1) | 1;                      // low byte 0x23 = '#'
        byte[] bytes = file("# header\n", ByteOrder.LITTLE_ENDIAN, 8, a1, 77, (300L << 16) | (4 << 1), 78);
        assertEquals('#', bytes[9]);
        PolarityEvents e = new AedatEventReader(ByteOrder.LITTLE_ENDIAN, 8, EventWordLayout.ORIGINAL_AEDAT)
                .decode(bytes, "f");
        assertArrayEquals(new long[] {77, 78}, e.times());
        assertArrayEquals(new int[] {0x11, 4}, e.xs());
        assertArrayEquals(new int[] {9, 300}, e.ys());
        assertArrayEquals(new int[] {1, 0}, e.polarities());
    }

    @Test
    void malformedAedatIsRefused() {
        AedatEventReader r = new AedatEventReader(ByteOrder.BIG_ENDIAN, 4, EventWordLayout.DVS128);
        EventFormatException truncated = assertThrows(EventFormatException.class,
                () -> r.decode(file("#h\n", ByteOrder.BIG_ENDIAN, 4, 1, 2, 3), "rec.aedat"));
        assertTrue(truncated.getMessage().contains("rec.aedat"), truncated.getMessage());
        assertThrows(EventFormatException.class, () -> r.decode("#no end".getBytes(StandardCharsets.US_ASCII),
                "f"));
        assertThrows(EventFormatException.class, () -> new AedatEventReader(ByteOrder.BIG_ENDIAN, 8,
                EventWordLayout.DVS128).decode(file("", ByteOrder.BIG_ENDIAN, 8, 2, -5), "f"));
        assertThrows(IllegalArgumentException.class, () -> new AedatEventReader(ByteOrder.BIG_ENDIAN, 2,
                EventWordLayout.DVS128));
    }

    @Test
    void hdf5CameraAndUnitRecordings(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("rec.h5");
        try (WritableHdfFile w = HdfFile.write(f)) {
            WritableGroup g = w.putGroup("events");
            g.putDataset("t", new double[] {0.5e-6, 2.25e-6, 3e-6});
            g.putDataset("x", new int[] {1, 2, 3});
            g.putDataset("y", new int[] {4, 5, 6});
            g.putDataset("p", new int[] {1, -1, 0});
            w.putDataset("units", new int[] {10, 20, 30});
        }
        PolarityEvents e = Hdf5EventReader.polarity("/events/t", "/events/x", "/events/y", "/events/p", 1e6)
                .read(f);
        assertArrayEquals(new long[] {0, 2, 3}, e.times());           // floor(seconds * 1e6)
        assertArrayEquals(new int[] {1, 2, 3}, e.xs());
        assertArrayEquals(new int[] {4, 5, 6}, e.ys());
        assertArrayEquals(new int[] {1, 0, 0}, e.polarities());
        UnitEvents u = Hdf5EventReader.units("/events/t", "/units", 1e7).read(f);
        assertArrayEquals(new long[] {5, 22, 30}, u.times());
        assertArrayEquals(new int[] {10, 20, 30}, u.units());
        EventFormatException missing = assertThrows(EventFormatException.class,
                () -> Hdf5EventReader.units("/events/t", "/nope", 1).read(f));
        assertTrue(missing.getMessage().contains("/nope"), missing.getMessage());
        assertThrows(EventFormatException.class, () -> Hdf5EventReader.units("/events/t", "/events/x", 1).read(
                writeUneven(dir.resolve("bad.h5"))));
    }

    private static Path writeUneven(Path f) {
        try (WritableHdfFile w = HdfFile.write(f)) {
            WritableGroup g = w.putGroup("events");
            g.putDataset("t", new long[] {1, 2});
            g.putDataset("x", new int[] {1});
        }
        return f;
    }
}
