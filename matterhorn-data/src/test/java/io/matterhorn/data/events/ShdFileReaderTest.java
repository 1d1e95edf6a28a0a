package io.matterhorn.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShdFileReaderTest {

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(ShdFileReaderTest.class.getResource("/fixtures/shd/" + name).toURI());
    }

    @Test
    void readsVariableLengthFloat16TimesAndUint16Units() throws Exception {
        ShdFileReader.Contents c = ShdFileReader.read(fixture("shd_train.h5"));
        assertEquals(4, c.size());
        assertArrayEquals(new int[] {3, 0, 19, 7}, c.labels());
        assertArrayEquals(new float[] {0f, 0.010498047f, 0.25f, 0.5f, 1f}, c.times()[0]);
        assertArrayEquals(new int[] {0, 5, 699, 350, 1}, c.units()[0]);
        assertEquals(0, c.times()[1].length, "the empty sample");
        UnitEvents e = c.events(0, 1e9, "train");
        assertArrayEquals(new long[] {0, 10498047, 250_000_000, 500_000_000, 1_000_000_000}, e.times());
        assertArrayEquals(new int[] {0, 5, 699, 350, 1}, e.units());
        assertEquals(0, c.events(1, 1e9, "train").size());
        assertArrayEquals(new long[] {0, 10498, 250000, 500000, 1000000}, c.events(0, 1e6, "us").times());
    }

    @Test
    void notHdf5OrMissingDatasetsAreClearErrors(@TempDir Path dir) throws IOException {
        Path junk = Files.write(dir.resolve("junk.h5"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        EventFormatException e = assertThrows(EventFormatException.class, () -> ShdFileReader.read(junk));
        assertTrue(e.getMessage().startsWith(junk.toString()), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> ShdFileReader.read(dir.resolve("none.h5")));
    }
}
