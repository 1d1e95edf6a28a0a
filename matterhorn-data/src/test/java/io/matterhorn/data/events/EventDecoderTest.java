package io.matterhorn.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One reader contract: every decoder reads a file, a stream and bytes alike, and names the source on failure. */
class EventDecoderTest {

    private static final PolarityEvents EVENTS = PolarityEvents.of(new long[] {5, 700, 3000}, new int[] {0, 17, 33},
            new int[] {1, 2, 30}, new int[] {1, 0, 1});

    private static void assertSameEvents(PolarityEvents expected, PolarityEvents actual) {
        assertArrayEquals(expected.times(), actual.times());
        assertArrayEquals(expected.xs(), actual.xs());
        assertArrayEquals(expected.ys(), actual.ys());
        assertArrayEquals(expected.polarities(), actual.polarities());
    }

    @Test
    void fileStreamAndBytesGiveTheSameEventsForEveryDecoder(@TempDir Path dir) throws IOException {
        record Case(EventDecoder<PolarityEvents> decoder, byte[] bytes) {
        }
        List<Case> cases = List.of(new Case(NmnistBinReader.DECODER, NmnistBinReader.encode(EVENTS)),
                new Case(Aedat2Reader.DVS128, Aedat2Reader.encodeDvs128(EVENTS)),
                new Case(new AedatEventReader(ByteOrder.BIG_ENDIAN, 4, EventWordLayout.DVS128),
                        Aedat2Reader.encodeDvs128(EVENTS)));
        for (Case c : cases) {
            Path file = Files.write(dir.resolve("rec.bin"), c.bytes());
            PolarityEvents fromBytes = c.decoder().decode(c.bytes(), "bytes");
            assertSameEvents(EVENTS, fromBytes);
            assertSameEvents(fromBytes, c.decoder().read(file));
            assertSameEvents(fromBytes, c.decoder().read(new ByteArrayInputStream(c.bytes()), "stream"));
        }
    }

    @Test
    void aMalformedFileIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path bad = Files.write(dir.resolve("bad.bin"), new byte[] {1, 2, 3});
        EventFormatException e = assertThrows(EventFormatException.class, () -> NmnistBinReader.DECODER.read(bad));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertThrows(NullPointerException.class, () -> Aedat31Reader.DECODER.read((Path) null));
        assertEquals(0, NmnistBinReader.DECODER.read(new ByteArrayInputStream(new byte[0]), "empty").size());
    }
}
