package io.matterhorn.data.events;

import static io.matterhorn.data.EventFixtures.concat;
import static io.matterhorn.data.EventFixtures.nmnistEvent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NmnistBinReaderTest {

    @Test
    void decodesAllTwentyThreeTimestampBitsAndTheFields() throws IOException {
        // 0x012345 = 74565: the original kept only the low byte (0x45 = 69)
        byte[] bytes = concat(nmnistEvent(3, 4, 1, 0x012345), nmnistEvent(33, 0, 0, 0x000101),
                nmnistEvent(0, 33, 1, (1 << 23) - 1));
        PolarityEvents e = NmnistBinReader.decode(bytes, "test.bin");
        assertEquals(3, e.size());
        assertArrayEquals(new long[] {74565, 257, 8388607}, e.times());
        assertArrayEquals(new int[] {3, 33, 0}, e.xs());
        assertArrayEquals(new int[] {4, 0, 33}, e.ys(), "y is not flipped");
        assertArrayEquals(new int[] {1, 0, 1}, e.polarities());
    }

    @Test
    void overflowMarkerIsDroppedAndShiftsLaterTimestampsBy8192() throws IOException {
        byte[] bytes = concat(nmnistEvent(1, 1, 0, 100), nmnistEvent(0, 240, 0, 0), nmnistEvent(2, 2, 1, 50),
                nmnistEvent(0, 240, 1, 7), nmnistEvent(3, 3, 0, 10));
        PolarityEvents e = NmnistBinReader.decode(bytes, "overflow.bin");
        assertArrayEquals(new long[] {100, 8192 + 50, 2 * 8192 + 10}, e.times());
        assertArrayEquals(new int[] {1, 2, 3}, e.xs());
    }

    @Test
    void truncatedFileNamesTheSourceAndTheOffset() {
        byte[] bytes = Arrays.copyOf(concat(nmnistEvent(1, 1, 0, 5), nmnistEvent(2, 2, 0, 6)), 8);
        EventFormatException ex = assertThrows(EventFormatException.class,
                () -> NmnistBinReader.decode(bytes, "Train/3/00007.bin"));
        assertTrue(ex.getMessage().startsWith("Train/3/00007.bin: truncated"), ex.getMessage());
        assertTrue(ex.getMessage().contains("offset 5"), ex.getMessage());
        assertEquals("Train/3/00007.bin", ex.source());
    }

    @Test
    void emptyFileIsAnEmptySample() throws IOException {
        PolarityEvents e = NmnistBinReader.DECODER.read(new ByteArrayInputStream(new byte[0]), "empty.bin");
        assertEquals(0, e.size());
    }

    @Test
    void encodeThenDecodeRoundTrips() throws IOException {
        PolarityEvents in = PolarityEvents.of(new long[] {5, 70000, 300000}, new int[] {0, 17, 33},
                new int[] {33, 2, 0}, new int[] {1, 0, 1});
        PolarityEvents out = NmnistBinReader.decode(NmnistBinReader.encode(in), "x");
        assertArrayEquals(in.times(), out.times());
        assertArrayEquals(in.xs(), out.xs());
        assertArrayEquals(in.ys(), out.ys());
        assertArrayEquals(in.polarities(), out.polarities());
        assertThrows(IllegalArgumentException.class, () -> NmnistBinReader.encode(PolarityEvents.of(
                new long[] {1L << 23}, new int[] {0}, new int[] {0}, new int[] {0})));
    }
}
