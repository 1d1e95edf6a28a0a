package io.matterhorn.data.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.EventFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An extraction either produces every entry that the archive lists, byte for byte, or fails with
 * {@link CorruptArchiveException} leaving the destination as it was: zips with one byte inserted or removed at
 * every position (the central directory then no longer matches what is read), tars cut at every record boundary
 * (their end-of-archive marker is missing), and archives with nothing to extract.
 */
class ArchivesIntegrityTest {

    private static Map<String, byte[]> entries() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        byte[] random = new byte[700];
        new SplittableRandom(29).nextBytes(random);
        m.put("d/", new byte[0]);
        m.put("d/a.bin", random);
        m.put("d/b.txt", "hello, hello, hello, hello".getBytes());
        m.put("c.bin", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        return m;
    }

    /** Extracts into a folder holding one earlier file; returns whether the extraction succeeded. */
    private static boolean extractAllOrNothing(Path archive, Path dest, Map<String, byte[]> expected, String what)
            throws IOException {
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("keep.txt"), "mine");
        try {
            int files = Archives.extract(archive, dest);
            assertEquals(3, files, what + ": the number of files written");
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                Path p = dest.resolve(e.getKey());
                if (e.getKey().endsWith("/")) {
                    assertTrue(Files.isDirectory(p), what + ": folder " + e.getKey());
                } else {
                    assertArrayEquals(e.getValue(), Files.readAllBytes(p), what + ": " + e.getKey());
                }
            }
            assertEquals(List.of("c.bin", "d", "d/a.bin", "d/b.txt", "keep.txt"),
                    ArchivesHostileTest.contents(dest), what + ": nothing else written");
            return true;
        } catch (CorruptArchiveException e) {
            assertEquals(List.of("keep.txt"), ArchivesHostileTest.contents(dest), what + ": destination untouched ("
                    + e.getMessage() + ")");
            return false;
        }
    }

    @Test
    void aZipWithAByteInsertedOrRemovedAnywhereExtractsCompletelyOrFails(@TempDir Path dir) throws IOException {
        Map<String, byte[]> expected = entries();
        byte[] zip = Files.readAllBytes(EventFixtures.zip(dir.resolve("valid.zip"), expected));
        assertTrue(extractAllOrNothing(dir.resolve("valid.zip"), dir.resolve("valid"), expected, "valid"));
        int refused = 0;
        int cases = 0;
        for (int at = 0; at <= zip.length; at++) {
            List<byte[]> variants = new ArrayList<>();
            for (byte b : new byte[] {0, 0x50, (byte) 0xFF}) {
                byte[] inserted = new byte[zip.length + 1];
                System.arraycopy(zip, 0, inserted, 0, at);
                inserted[at] = b;
                System.arraycopy(zip, at, inserted, at + 1, zip.length - at);
                variants.add(inserted);
            }
            if (at < zip.length) {
                byte[] removed = new byte[zip.length - 1];
                System.arraycopy(zip, 0, removed, 0, at);
                System.arraycopy(zip, at + 1, removed, at, zip.length - at - 1);
                variants.add(removed);
            }
            for (int v = 0; v < variants.size(); v++) {
                Path box = dir.resolve("b" + at + "-" + v);
                Path archive = Files.write(Files.createDirectories(box).resolve("m.zip"), variants.get(v));
                cases++;
                if (!extractAllOrNothing(archive, box.resolve("out"), expected, "offset " + at + " variant " + v)) {
                    refused++;
                }
            }
        }
        // most edits change a name, an offset, a size or the data: nearly all must be refused
        assertTrue(refused > cases * 9 / 10, refused + " of " + cases + " refused");
    }

    @Test
    void anEntryMissingFromTheCentralDirectoryReadIsAnError(@TempDir Path dir) throws IOException {
        byte[] zip = Files.readAllBytes(EventFixtures.zip(dir.resolve("valid.zip"), entries()));
        // cut the central directory's last record out and shift the end record: the count still says 4
        int eocd = zip.length - 22;
        int cdOffset = (zip[eocd + 16] & 0xFF) | (zip[eocd + 17] & 0xFF) << 8;
        int last = ArchivesHostileTest.indexOf(Arrays.copyOfRange(zip, cdOffset, eocd), "c.bin".getBytes());
        int start = cdOffset + last - 46;
        byte[] cut = new byte[start + 22];
        System.arraycopy(zip, 0, cut, 0, start);
        System.arraycopy(zip, eocd, cut, start, 22);
        int cdSize = start - cdOffset;
        cut[start + 12] = (byte) cdSize;
        cut[start + 13] = (byte) (cdSize >> 8);
        Path archive = Files.write(dir.resolve("short.zip"), cut);
        CorruptArchiveException e = assertThrows(CorruptArchiveException.class,
                () -> Archives.extract(archive, dir.resolve("out")));
        assertTrue(e.getMessage().contains("central directory"), e.getMessage());
        assertEquals(List.of(), ArchivesHostileTest.contents(dir.resolve("out")));
    }

    @Test
    void aTarCutAtAnyRecordBoundaryIsAnError(@TempDir Path dir) throws IOException {
        Map<String, byte[]> expected = entries();
        for (String name : List.of("t.tar", "t.tar.gz")) {
            byte[] valid = Files.readAllBytes(EventFixtures.tar(dir.resolve("valid-" + name), expected));
            byte[] tar = name.endsWith(".gz") ? gunzip(valid) : valid;
            assertTrue(extractAllOrNothing(dir.resolve("valid-" + name), dir.resolve("v-" + name), expected, name));
            int dataEnd = lastDataBlock(tar, expected);
            for (int blocks = 0; blocks * 512 < tar.length; blocks++) {
                byte[] cut = Arrays.copyOf(tar, blocks * 512);
                Path box = Files.createDirectories(dir.resolve(name + "-" + blocks));
                Path archive = Files.write(box.resolve(name), name.endsWith(".gz") ? gzip(cut) : cut);
                // every entry is there from dataEnd blocks on, but only with the end-of-archive marker (a zero
                // record) is the tar known to be complete
                assertEquals(blocks > dataEnd, extractAllOrNothing(archive, box.resolve("out"), expected,
                        name + " cut at block " + blocks), name + " cut after " + blocks + " records");
            }
        }
    }

    /** @return the number of 512-byte records up to the end of the last entry's data */
    private static int lastDataBlock(byte[] tar, Map<String, byte[]> expected) {
        int i = ArchivesHostileTest.indexOf(tar, expected.get("c.bin"));
        return (i + 511) / 512 + 1;
    }

    @Test
    void archivesWithNoFileToExtractAreErrors(@TempDir Path dir) throws IOException {
        Path zip = EventFixtures.zip(dir.resolve("empty.zip"), new LinkedHashMap<>());
        Map<String, byte[]> onlyFolder = new LinkedHashMap<>();
        onlyFolder.put("d/", new byte[0]);
        Path folders = EventFixtures.zip(dir.resolve("folders.zip"), onlyFolder);
        Path tar = EventFixtures.tar(dir.resolve("empty.tar"), new LinkedHashMap<>());
        Path tgz = EventFixtures.tar(dir.resolve("folders.tgz"), onlyFolder);
        Path links = dir.resolve("links.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(links)) {
            ZipArchiveEntry link = new ZipArchiveEntry("link");
            link.setUnixMode(0120777);
            out.putArchiveEntry(link);
            out.write("/etc/passwd".getBytes());
            out.closeArchiveEntry();
        }
        for (Path archive : List.of(zip, folders, tar, tgz, links)) {
            Path dest = dir.resolve("out-" + archive.getFileName());
            CorruptArchiveException e = assertThrows(CorruptArchiveException.class,
                    () -> Archives.extract(archive, dest), archive.toString());
            assertTrue(e.getMessage().contains("no file"), e.getMessage());
            assertEquals(List.of(), ArchivesHostileTest.contents(dest));
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }
}
