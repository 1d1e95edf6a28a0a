package io.matterhorn.data.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.EventFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {

    private static Map<String, byte[]> entries() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("Train/", new byte[0]);
        m.put("Train/1/00001.bin", new byte[] {1, 2, 3, 4, 5});
        m.put("Train/1/00002.bin", new byte[0]);
        m.put("readme.txt", "hello".getBytes(StandardCharsets.US_ASCII));
        return m;
    }

    private static void assertExtracted(Path dest) throws IOException {
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Files.readAllBytes(dest.resolve("Train/1/00001.bin")));
        assertEquals(0, Files.size(dest.resolve("Train/1/00002.bin")));
        assertEquals("hello", Files.readString(dest.resolve("readme.txt")));
    }

    @Test
    void extractsZipTarAndTarGz(@TempDir Path dir) throws IOException {
        Path zip = EventFixtures.zip(dir.resolve("a.zip"), entries());
        assertEquals(3, Archives.extract(zip, dir.resolve("z")));
        assertExtracted(dir.resolve("z"));
        Path tgz = EventFixtures.tar(dir.resolve("b.tar.gz"), entries());
        assertEquals(3, Archives.extract(tgz, dir.resolve("t")));
        assertExtracted(dir.resolve("t"));
        Path tar = EventFixtures.tar(dir.resolve("c.tar"), entries());
        assertEquals(3, Archives.extract(tar, dir.resolve("p")));
        assertExtracted(dir.resolve("p"));
    }

    @Test
    void gunzipsASingleFile(@TempDir Path dir) throws IOException {
        Path gz = dir.resolve("shd_train.h5.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(new byte[] {9, 8, 7});
        }
        assertEquals(1, Archives.extract(gz, dir.resolve("x")));
        assertArrayEquals(new byte[] {9, 8, 7}, Files.readAllBytes(dir.resolve("x/shd_train.h5")));
    }

    @Test
    void truncatedArchivesAreClearErrors(@TempDir Path dir) throws IOException {
        Map<String, byte[]> big = new LinkedHashMap<>();
        byte[] payload = new byte[200_000];
        new java.util.SplittableRandom(1).nextBytes(payload);
        big.put("data/file.bin", payload);
        Path zip = EventFixtures.zip(dir.resolve("big.zip"), big);
        Path cutZip = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(Files.readAllBytes(zip), 1000));
        CorruptArchiveException z = assertThrows(CorruptArchiveException.class,
                () -> Archives.extract(cutZip, dir.resolve("o1")));
        assertTrue(z.getMessage().startsWith(cutZip.toString()), z.getMessage());
        Path tgz = EventFixtures.tar(dir.resolve("big.tar.gz"), big);
        Path cutTgz = Files.write(dir.resolve("cut.tar.gz"), Arrays.copyOf(Files.readAllBytes(tgz), 5000));
        CorruptArchiveException t = assertThrows(CorruptArchiveException.class,
                () -> Archives.extract(cutTgz, dir.resolve("o2")));
        assertTrue(t.getMessage().contains("download it again"), t.getMessage());
        Path notGzip = Files.write(dir.resolve("plain.tar.gz"), new byte[] {1, 2, 3});
        assertThrows(CorruptArchiveException.class, () -> Archives.extract(notGzip, dir.resolve("o3")));
    }

    @Test
    void entriesEscapingTheDestinationAreRefused(@TempDir Path dir) throws IOException {
        Map<String, byte[]> evil = new LinkedHashMap<>();
        evil.put("../evil.txt", new byte[] {1});
        Path zip = EventFixtures.zip(dir.resolve("evil.zip"), evil);
        CorruptArchiveException e = assertThrows(CorruptArchiveException.class,
                () -> Archives.extract(zip, dir.resolve("out")));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("evil.txt")));
        assertThrows(IllegalArgumentException.class, () -> Archives.extract(zip.resolveSibling("x.rar"), dir));
    }
}
