package io.matterhorn.data.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.EventFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted hostile archives: each must be refused cleanly, bounded in memory and disk, leaving nothing behind. */
class ArchivesHostileTest {

    private static final int MIB = 1 << 20;

    /** Lists everything below a folder (relative names), to prove nothing partial was left. */
    static List<String> contents(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static CorruptArchiveException refused(Path archive, Path dest) {
        return assertThrows(CorruptArchiveException.class, () -> Archives.extract(archive, dest));
    }

    private static Path tgz(Path file, int longFileMode, TarArchiveEntry... entries) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream gz = new GzipCompressorOutputStream(raw);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(longFileMode);
            for (TarArchiveEntry e : entries) {
                tar.putArchiveEntry(e);
                if (e.getSize() > 0) {
                    tar.write(new byte[(int) e.getSize()]);
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    private static TarArchiveEntry file(String name, int size) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(size);
        return e;
    }

    /** A ustar header block: name, octal size and type flag, with its checksum. */
    static byte[] tarHeader(String name, long size, char type) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        putOctal(h, 100, 8, 0644);
        putOctal(h, 108, 8, 0);
        putOctal(h, 116, 8, 0);
        putOctal(h, 124, 12, size);
        putOctal(h, 136, 12, 0);
        h[156] = (byte) type;
        System.arraycopy(("ustar\0" + "00").getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        putOctal(h, 148, 7, sum);
        return h;
    }

    private static void putOctal(byte[] h, int at, int width, long value) {
        String s = Long.toOctalString(value);
        s = "0".repeat(width - 1 - s.length()) + s;
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, at, width - 1);
    }

    /** A tgz whose first record is a metadata entry of the given type holding {@code body}, then one file. */
    private static Path metadataBomb(Path file, char type, String prefix, int length) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
            out.write(tarHeader(type == 'L' ? "././@LongLink" : "PaxHeaders/x", length, type));
            out.write(head);
            byte[] fill = new byte[1 << 16];
            Arrays.fill(fill, (byte) 'a');
            for (int left = length - head.length; left > 0; left -= fill.length) {
                out.write(fill, 0, Math.min(left, fill.length));
            }
            out.write(new byte[(512 - length % 512) % 512]);
            out.write(tarHeader("x.bin", 1, '0'));
            out.write(new byte[512]);
            out.write(new byte[1024]);
        }
        return file;
    }

    @Test
    void hugeGnuLongNameAndPaxRecordsAreRefusedBeforeTheyAreBuffered(@TempDir Path dir) throws IOException {
        int length = 8 * MIB;
        Path gnu = metadataBomb(dir.resolve("gnu.tgz"), 'L', "", length);
        String record = length + " path=";
        Path pax = metadataBomb(dir.resolve("pax.tgz"), 'x', record, length);
        for (Path archive : List.of(gnu, pax)) {
            assertTrue(Files.size(archive) < 64 * 1024, "the archive is small: " + Files.size(archive));
            CorruptArchiveException e = refused(archive, dir.resolve("out"));
            assertTrue(e.getMessage().contains("metadata record"), e.getMessage());
            assertEquals(List.of(), contents(dir.resolve("out")));
        }
        // the same layout with a short long-name record extracts
        Path fine = metadataBomb(dir.resolve("fine.tgz"), 'L', "", 200);
        assertEquals(1, Archives.extract(fine, dir.resolve("fine")));
        assertEquals(List.of("a".repeat(200)), contents(dir.resolve("fine")));
    }

    @Test
    void decompressionBombsAreStoppedByTheRatioLimit(@TempDir Path dir) throws IOException {
        Map<String, byte[]> bomb = new LinkedHashMap<>();
        bomb.put("zeros.bin", new byte[24 * MIB]);
        Path zip = EventFixtures.zip(dir.resolve("bomb.zip"), bomb);
        Path tgz = EventFixtures.tar(dir.resolve("bomb.tar.gz"), bomb);
        Path gz = dir.resolve("zeros.bin.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(new byte[24 * MIB]);
        }
        for (Path archive : List.of(zip, tgz, gz)) {
            CorruptArchiveException e = refused(archive, dir.resolve("out"));
            assertTrue(e.getMessage().contains("inflation ratio"), e.getMessage());
            assertEquals(List.of(), contents(dir.resolve("out")), "nothing partial left by " + archive);
        }
        // the same archive passes with a looser ratio, and the total limit is checked on its own
        ExtractionLimits loose = new ExtractionLimits(1L << 40, 1e6, 0, 1024, 10);
        assertEquals(1, Archives.extract(zip, dir.resolve("loose"), loose));
        assertEquals(24 * MIB, Files.size(dir.resolve("loose/zeros.bin")));
        ExtractionLimits small = new ExtractionLimits(MIB, 1e6, 0, 1024, 10);
        CorruptArchiveException t = assertThrows(CorruptArchiveException.class,
                () -> Archives.extract(tgz, dir.resolve("small"), small));
        assertTrue(t.getMessage().contains("in total"), t.getMessage());
        assertEquals(List.of(), contents(dir.resolve("small")));
    }

    @Test
    void manyCentralDirectoryEntriesPointingAtOneEntryAreBounded(@TempDir Path dir) throws IOException {
        Map<String, byte[]> one = new LinkedHashMap<>();
        one.put("big.bin", new byte[4 * MIB]);
        byte[] zip = Files.readAllBytes(EventFixtures.zip(dir.resolve("one.zip"), one));
        Path overlapped = Files.write(dir.resolve("overlap.zip"), repeatCentralDirectory(zip, 16));
        assertTrue(Files.size(overlapped) < 16 * 1024);
        CorruptArchiveException e = refused(overlapped, dir.resolve("out"));
        assertTrue(e.getMessage().contains("inflation ratio"), e.getMessage());
        assertEquals(List.of(), contents(dir.resolve("out")));
    }

    /** Repeats the (single) central-directory record of a zip {@code times} times, fixing the end record. */
    static byte[] repeatCentralDirectory(byte[] zip, int times) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22;
        assertEquals(0x06054b50, b.getInt(eocd), "no zip comment expected");
        int cdSize = b.getInt(eocd + 12);
        int cdOffset = b.getInt(eocd + 16);
        byte[] record = Arrays.copyOfRange(zip, cdOffset, cdOffset + cdSize);
        ByteBuffer out = ByteBuffer.allocate(cdOffset + cdSize * times + 22).order(ByteOrder.LITTLE_ENDIAN);
        out.put(zip, 0, cdOffset);
        for (int i = 0; i < times; i++) {
            out.put(record);
        }
        out.put(zip, eocd, 22);
        out.putShort(out.position() - 22 + 8, (short) times);
        out.putShort(out.position() - 22 + 10, (short) times);
        out.putInt(out.position() - 22 + 12, cdSize * times);
        return out.array();
    }

    @Test
    void namesResolvingToTheDestinationItselfAreRefused(@TempDir Path dir) throws IOException {
        for (String name : List.of(".", "a/..", "./.")) {
            Map<String, byte[]> m = new LinkedHashMap<>();
            m.put(name, new byte[] {1});
            Path zip = EventFixtures.zip(dir.resolve("dot.zip"), m);
            Path dest = dir.resolve("dest");
            CorruptArchiveException e = refused(zip, dest);
            assertTrue(e.getMessage().contains("destination folder itself"), e.getMessage());
            assertTrue(Files.isDirectory(dest), "the destination folder stays a folder");
            assertEquals(List.of(), contents(dest));
        }
        Path tar = tgz(dir.resolve("dot.tgz"), TarArchiveOutputStream.LONGFILE_GNU, file(".", 2));
        refused(tar, dir.resolve("dest"));
        assertTrue(Files.isDirectory(dir.resolve("dest")));
        for (String name : List.of("..gz", ".gz")) {
            Path gz = dir.resolve("g").resolve(name);
            Files.createDirectories(gz.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
                out.write(1);
            }
            refused(gz, dir.resolve("g/dest"));
            assertTrue(Files.isDirectory(dir.resolve("g/dest")));
            assertEquals(List.of(), contents(dir.resolve("g/dest")));
        }
        // "./" as a directory entry is the harmless first entry of "tar czf x.tgz ." and is ignored
        TarArchiveEntry dot = new TarArchiveEntry("./");
        Path ok = tgz(dir.resolve("ok.tgz"), TarArchiveOutputStream.LONGFILE_GNU, dot, file("./x.bin", 4));
        assertEquals(1, Archives.extract(ok, dir.resolve("ok")));
        assertEquals(List.of("x.bin"), contents(dir.resolve("ok")));
    }

    @Test
    void linksFifosDevicesAndUnknownTarTypesAreSkipped(@TempDir Path dir) throws IOException {
        TarArchiveEntry hard = new TarArchiveEntry("hard", TarConstants.LF_LINK);
        hard.setLinkName("real.bin");
        TarArchiveEntry sym = new TarArchiveEntry("sym", TarConstants.LF_SYMLINK);
        sym.setLinkName("/etc/passwd");
        TarArchiveEntry fifo = new TarArchiveEntry("fifo", TarConstants.LF_FIFO);
        TarArchiveEntry chr = new TarArchiveEntry("chr", TarConstants.LF_CHR);
        TarArchiveEntry blk = new TarArchiveEntry("blk", TarConstants.LF_BLK);
        TarArchiveEntry unknown = new TarArchiveEntry("unknown", (byte) 'Z');
        unknown.setSize(5);
        Path tar = tgz(dir.resolve("special.tgz"), TarArchiveOutputStream.LONGFILE_GNU, file("real.bin", 3), hard,
                sym, fifo, chr, blk, unknown, file("after.bin", 2));
        assertEquals(2, Archives.extract(tar, dir.resolve("out")));
        assertEquals(List.of("after.bin", "real.bin"), contents(dir.resolve("out")));
        assertFalse(Files.isSymbolicLink(dir.resolve("out/sym")));
    }

    @Test
    void zipSymlinksAndSpecialUnixEntriesAreSkipped(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("special.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            for (Object[] e : new Object[][] {{"real.bin", 0100644}, {"link", 0120777}, {"fifo", 0010644},
                    {"chr", 0020644}, {"sock", 0140644}}) {
                ZipArchiveEntry entry = new ZipArchiveEntry((String) e[0]);
                entry.setUnixMode((Integer) e[1]);
                out.putArchiveEntry(entry);
                out.write("xyz".getBytes(StandardCharsets.US_ASCII));
                out.closeArchiveEntry();
            }
        }
        assertEquals(1, Archives.extract(zip, dir.resolve("out")));
        assertEquals(List.of("real.bin"), contents(dir.resolve("out")));
    }

    @Test
    void zipCrcIsChecked(@TempDir Path dir) throws IOException {
        byte[] payload = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        Path zip = dir.resolve("stored.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            ZipEntry e = new ZipEntry("data.txt");
            e.setMethod(ZipEntry.STORED);
            e.setSize(payload.length);
            e.setCompressedSize(payload.length);
            CRC32 crc = new CRC32();
            crc.update(payload);
            e.setCrc(crc.getValue());
            out.putNextEntry(e);
            out.write(payload);
            out.closeEntry();
        }
        assertEquals(1, Archives.extract(zip, dir.resolve("good")));
        assertArrayEquals(payload, Files.readAllBytes(dir.resolve("good/data.txt")));
        byte[] bytes = Files.readAllBytes(zip);
        int at = indexOf(bytes, payload);
        bytes[at + 7] ^= 0x01; // '7' becomes '6': the stored data changes, its CRC does not
        Path damaged = Files.write(dir.resolve("damaged.zip"), bytes);
        CorruptArchiveException e = refused(damaged, dir.resolve("bad"));
        assertTrue(e.getMessage().contains("CRC-32"), e.getMessage());
        assertEquals(List.of(), contents(dir.resolve("bad")));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void aFailureLeavesTheDestinationAsItWas(@TempDir Path dir) throws IOException {
        Path dest = Files.createDirectories(dir.resolve("dest"));
        Files.writeString(dest.resolve("keep.txt"), "mine");
        Files.writeString(dest.resolve("first.bin"), "old");
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("first.bin", new byte[] {1, 2, 3});
        byte[] random = new byte[300_000];
        new java.util.SplittableRandom(3).nextBytes(random);
        m.put("second.bin", random);
        byte[] tgz = Files.readAllBytes(EventFixtures.tar(dir.resolve("x.tar.gz"), m));
        Path cut = Files.write(dir.resolve("cut.tar.gz"), Arrays.copyOf(tgz, tgz.length / 2));
        refused(cut, dest);
        assertEquals(List.of("first.bin", "keep.txt"), contents(dest));
        assertEquals("old", Files.readString(dest.resolve("first.bin")), "the earlier file is not replaced");
        // a stale staging folder from a killed run is removed by the next extraction
        Files.createDirectories(dest.resolve(".extracting-123/x"));
        assertEquals(2, Archives.extract(dir.resolve("x.tar.gz"), dest));
        assertEquals(List.of("first.bin", "keep.txt", "second.bin"), contents(dest));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dest.resolve("first.bin")));
    }

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ExtractionLimits(0, 2, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExtractionLimits(1, Double.NaN, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExtractionLimits(1, 2, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExtractionLimits(1, 2, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExtractionLimits(1, 2, 0, 1, 0));
    }

    @Test
    void entryCountIsBounded(@TempDir Path dir) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            m.put("f" + i, new byte[] {(byte) i});
        }
        Path zip = EventFixtures.zip(dir.resolve("many.zip"), m);
        CorruptArchiveException e = assertThrows(CorruptArchiveException.class,
                () -> Archives.extract(zip, dir.resolve("out"), new ExtractionLimits(1 << 20, 10, 0, 100, 4)));
        assertTrue(e.getMessage().contains("entries"), e.getMessage());
        assertEquals(List.of(), contents(dir.resolve("out")));
    }
}
