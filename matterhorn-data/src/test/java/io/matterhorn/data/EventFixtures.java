package io.matterhorn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Writes small event files and archives in the exact formats of the real data sets (N-MNIST {@code .bin},
 * AEDAT 2.0, AEDAT 3.1, zip, tar, tar.gz), for tests.
 */
public final class EventFixtures {

    /** jAER-style AEDAT 2.0 header, CRLF line ends. */
    public static final String AEDAT2_HEADER = "#!AER-DAT2.0\r\n# This is a raw AE data file - do not edit\r\n"
            + "# Data format is int32 address, int32 timestamp (8 bytes total), repeated for each event\r\n"
            + "# Timestamps tick is 1 us\r\n";

    /** cAER-style AEDAT 3.1 header, CRLF line ends. */
    public static final String AEDAT31_HEADER = "#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n"
            + "#Start-Time: 2017-01-01 00:00:00 (TZ+0000)\r\n#!END-HEADER\r\n";

    private EventFixtures() {
    }

    /** One N-MNIST event: 5 bytes. */
    public static byte[] nmnistEvent(int x, int y, int p, int t) {
        return new byte[] {(byte) x, (byte) y, (byte) ((p << 7) | ((t >> 16) & 0x7F)), (byte) (t >> 8), (byte) t};
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** An AEDAT 2.0 DVS128 event: big-endian address then timestamp. */
    public static byte[] aedat2Event(int x, int y, int p, long t) {
        return ByteBuffer.allocate(8).putInt((y << 8) | (x << 1) | p).putInt((int) t).array();
    }

    /** AEDAT 2.0 file: header then the given events. */
    public static byte[] aedat2(byte[]... events) {
        return concat(AEDAT2_HEADER.getBytes(StandardCharsets.US_ASCII), concat(events));
    }

    /** AEDAT 3.1 polarity event data word. */
    public static int polarityData(int x, int y, int p, boolean valid) {
        return (x << 17) | (y << 2) | (p << 1) | (valid ? 1 : 0);
    }

    /**
     * An AEDAT 3.1 packet: 28-byte little-endian header then {@code capacity} events of 8 bytes (data, ts); the
     * first {@code number} are given by {@code data}/{@code ts}, the rest are zero padding.
     */
    public static byte[] aedat31Packet(int type, int overflow, int capacity, int[] data, int[] ts) {
        int number = data.length;
        ByteBuffer b = ByteBuffer.allocate(28 + 8 * capacity).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) type).putShort((short) 1).putInt(8).putInt(4).putInt(overflow).putInt(capacity)
                .putInt(number).putInt(number);
        for (int i = 0; i < number; i++) {
            b.putInt(data[i]).putInt(ts[i]);
        }
        return b.array();
    }

    /** AEDAT 3.1 file: header then packets. */
    public static byte[] aedat31(byte[]... packets) {
        return concat(AEDAT31_HEADER.getBytes(StandardCharsets.US_ASCII), concat(packets));
    }

    /** Writes a zip archive with the given entries (name to content; names ending in / are folders). */
    public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                zip.putArchiveEntry(entry);
                if (!e.getKey().endsWith("/")) {
                    zip.write(e.getValue());
                }
                zip.closeArchiveEntry();
            }
        }
        return file;
    }

    /** Writes a tar archive, gzip-compressed when the name ends in .gz or .tgz. */
    public static Path tar(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String name = file.getFileName().toString();
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream maybeGz = name.endsWith(".gz") || name.endsWith(".tgz")
                     ? new GzipCompressorOutputStream(raw) : raw;
             TarArchiveOutputStream tar = new TarArchiveOutputStream(maybeGz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                if (!e.getKey().endsWith("/")) {
                    entry.setSize(e.getValue().length);
                }
                tar.putArchiveEntry(entry);
                if (!e.getKey().endsWith("/")) {
                    tar.write(e.getValue());
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }
}
