package io.matterhorn.data.events;

import static io.matterhorn.data.EventFixtures.aedat31;
import static io.matterhorn.data.EventFixtures.aedat31Packet;
import static io.matterhorn.data.EventFixtures.polarityData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.EventFixtures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Aedat31ReaderTest {

    @Test
    void decodesTheSpecExample() throws EventFormatException {
        // the format's own example: data (20<<17)|(30<<2)|(1<<1)|1, ts 555 -> (t, p, y, x) = (555, 1, 30, 20), no flip
        PolarityEvents e = Aedat31Reader.decode(aedat31(aedat31Packet(1, 0, 1,
                new int[] {polarityData(20, 30, 1, true)}, new int[] {555})), "g.aedat");
        assertEquals(1, e.size());
        assertEquals(555, e.time(0));
        assertEquals(1, e.polarity(0));
        assertEquals(30, e.y(0));
        assertEquals(20, e.x(0));
    }

    @Test
    void skipsOtherPacketTypesInvalidEventsAndUnusedCapacity() throws EventFormatException {
        byte[] special = aedat31Packet(0, 0, 3, new int[] {polarityData(1, 1, 1, true), 7},
                new int[] {10, 11});
        byte[] polarity = aedat31Packet(1, 0, 5, new int[] {polarityData(2, 3, 0, true),
                polarityData(9, 9, 1, false), polarityData(4, 5, 1, true)}, new int[] {20, 21, 22});
        byte[] imu = aedat31Packet(3, 0, 1, new int[] {polarityData(6, 6, 1, true)}, new int[] {30});
        byte[] overflow = aedat31Packet(1, 2, 1, new int[] {polarityData(127, 127, 0, true)}, new int[] {40});
        PolarityEvents e = Aedat31Reader.decode(aedat31(special, polarity, imu, overflow), "mix.aedat");
        assertArrayEquals(new long[] {20, 22, (2L << 31) | 40}, e.times());
        assertArrayEquals(new int[] {2, 4, 127}, e.xs());
        assertArrayEquals(new int[] {3, 5, 127}, e.ys());
        assertArrayEquals(new int[] {0, 1, 0}, e.polarities());
    }

    @Test
    void headerOnlyIsEmpty() throws EventFormatException {
        assertEquals(0, Aedat31Reader.decode(aedat31(), "h").size());
    }

    @Test
    void malformedFilesGiveClearErrors() {
        byte[] packet = aedat31Packet(1, 0, 2, new int[] {polarityData(1, 1, 1, true)}, new int[] {1});
        byte[] file = aedat31(packet);
        EventFormatException body = assertThrows(EventFormatException.class,
                () -> Aedat31Reader.decode(Arrays.copyOf(file, file.length - 1), "cut.aedat"));
        assertTrue(body.getMessage().contains("truncated AEDAT 3.1 packet at offset"), body.getMessage());
        int headerEnd = EventFixtures.AEDAT31_HEADER.length();
        EventFormatException head = assertThrows(EventFormatException.class,
                () -> Aedat31Reader.decode(Arrays.copyOf(file, headerEnd + 10), "cut2.aedat"));
        assertTrue(head.getMessage().contains("truncated AEDAT 3.1 packet header"), head.getMessage());
        byte[] noEnd = "#!AER-DAT3.1\r\n#Format: RAW\r\n".getBytes(StandardCharsets.US_ASCII);
        EventFormatException end = assertThrows(EventFormatException.class,
                () -> Aedat31Reader.decode(noEnd, "noend.aedat"));
        assertTrue(end.getMessage().contains("#!END-HEADER"), end.getMessage());
        EventFormatException version = assertThrows(EventFormatException.class,
                () -> Aedat31Reader.decode(EventFixtures.aedat2(), "v2.aedat"));
        assertTrue(version.getMessage().contains("'2.0' is not supported"), version.getMessage());
        byte[] corrupt = aedat31Packet(1, 0, 1, new int[] {polarityData(1, 1, 1, true)}, new int[] {1});
        corrupt[20] = 5; // eventNumber 5 > capacity 1
        EventFormatException bad = assertThrows(EventFormatException.class,
                () -> Aedat31Reader.decode(aedat31(corrupt), "bad.aedat"));
        assertTrue(bad.getMessage().contains("corrupt AEDAT 3.1 packet header"), bad.getMessage());
    }
}
