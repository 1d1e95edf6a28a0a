package io.matterhorn.data.events;

import static io.matterhorn.data.EventFixtures.aedat2;
import static io.matterhorn.data.EventFixtures.aedat2Event;
import static io.matterhorn.data.EventFixtures.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.EventFixtures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Aedat2ReaderTest {

    @Test
    void decodesTheSpecExampleBigEndian() throws EventFormatException {
        // the format's own example: address (7<<8)|(5<<1)|1, ts 1000 -> (t, p, y, x) = (1000, 1, 7, 5)
        PolarityEvents e = Aedat2Reader.decodeDvs128(aedat2(aedat2Event(5, 7, 1, 1000)), "a.aedat");
        assertEquals(1, e.size());
        assertEquals(1000, e.time(0));
        assertEquals(1, e.polarity(0));
        assertEquals(7, e.y(0));
        assertEquals(5, e.x(0));
    }

    @Test
    void dataStartingWithHashByteIsNotEatenAsHeader() throws EventFormatException {
        // address 0x23xx_xxxx begins with '#' (0x23): the original's line splitting would drop it
        byte[] first = ByteBuffer.allocate(8).putInt(0x23000000 | (3 << 8) | (4 << 1)).putInt(77).array();
        PolarityEvents e = Aedat2Reader.decodeDvs128(aedat2(first, aedat2Event(1, 2, 1, 90)), "hash.aedat");
        assertEquals(2, e.size());
        assertArrayEquals(new long[] {77, 90}, e.times());
        assertArrayEquals(new int[] {4, 1}, e.xs());
        assertArrayEquals(new int[] {3, 2}, e.ys());
    }

    @Test
    void timestampsAreUnsignedAndSpecialEventsAreDropped() throws EventFormatException {
        byte[] special = ByteBuffer.allocate(8).putInt(1 << 15).putInt(5).array();
        PolarityEvents e = Aedat2Reader.decodeDvs128(aedat2(special, aedat2Event(127, 127, 0, 0xF0000000L)), "s");
        assertEquals(1, e.size());
        assertEquals(0xF0000000L, e.time(0));
        assertEquals(127, e.x(0));
    }

    @Test
    void headerOnlyFileIsEmptyAndLfLineEndsWork() throws EventFormatException {
        assertEquals(0, Aedat2Reader.decodeDvs128(aedat2(), "h").size());
        byte[] lf = concat("#!AER-DAT2.0\n# comment\n".getBytes(StandardCharsets.US_ASCII), aedat2Event(1, 1, 1, 3));
        assertEquals(1, Aedat2Reader.decodeDvs128(lf, "lf").size());
    }

    @Test
    void wrongHeaderTruncationAndWrongVersionAreClearErrors() {
        EventFormatException notAedat = assertThrows(EventFormatException.class,
                () -> Aedat2Reader.decodeDvs128(aedat2Event(1, 1, 1, 1), "raw.bin"));
        assertTrue(notAedat.getMessage().contains("not an AEDAT file"), notAedat.getMessage());
        byte[] full = aedat2(aedat2Event(1, 1, 1, 1), aedat2Event(2, 2, 0, 2));
        EventFormatException truncated = assertThrows(EventFormatException.class,
                () -> Aedat2Reader.decodeDvs128(Arrays.copyOf(full, full.length - 3), "cut.aedat"));
        assertTrue(truncated.getMessage().contains("truncated AEDAT 2.0 data"), truncated.getMessage());
        EventFormatException version = assertThrows(EventFormatException.class,
                () -> Aedat2Reader.decodeDvs128(EventFixtures.aedat31(), "v3.aedat"));
        assertTrue(version.getMessage().contains("'3.1' is not supported"), version.getMessage());
        EventFormatException header = assertThrows(EventFormatException.class,
                () -> Aedat2Reader.decodeDvs128("#!AER-DAT2.0\r\n# no end".getBytes(StandardCharsets.US_ASCII),
                        "h.aedat"));
        assertTrue(header.getMessage().contains("truncated AEDAT header"), header.getMessage());
        assertThrows(EventFormatException.class, () -> Aedat2Reader.decodeDvs128(new byte[0], "empty"));
    }

    @Test
    void encodeThenDecodeRoundTrips() throws EventFormatException {
        PolarityEvents in = PolarityEvents.of(new long[] {3, 1, 4_000_000_000L}, new int[] {0, 64, 127},
                new int[] {127, 5, 0}, new int[] {0, 1, 1});
        PolarityEvents out = Aedat2Reader.decodeDvs128(Aedat2Reader.encodeDvs128(in), "rt");
        assertArrayEquals(in.times(), out.times());
        assertArrayEquals(in.xs(), out.xs());
        assertArrayEquals(in.ys(), out.ys());
        assertArrayEquals(in.polarities(), out.polarities());
    }
}
