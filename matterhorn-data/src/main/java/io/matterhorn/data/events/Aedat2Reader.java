package io.matterhorn.data.events;

import java.util.Objects;

/**
 * Reads AEDAT 2.0 files from a DVS128 camera (the CIFAR10-DVS recordings, written by jAER).
 *
 * <p>Format: an ASCII header of lines starting with {@code #} (the first is {@code #!AER-DAT2.0}), each ending in
 * {@code \r\n}, then big-endian pairs {@code (uint32 address, uint32 timestamp)} of 8 bytes per event, timestamps
 * in microseconds. The header is parsed line by line and a header line must be text, so a first event whose
 * address starts with the byte {@code '#'} is read as an event (the original split the file on {@code \n} and
 * dropped it, docs/datasets.md #31).
 *
 * <p>DVS128 address layout (jAER {@code DVS128}):
 * <pre>
 * bit 15     : external / special event (dropped: not a pixel event)
 * bits 14..8 : y (row)
 * bits 7..1  : x (column)
 * bit 0      : polarity p
 * </pre>
 * As in the original, {@code x}, {@code y} and {@code p} are used as stored: no axis flip, {@code p = address & 1}.
 */
public final class Aedat2Reader {

    /** Bytes per event: a 32-bit address and a 32-bit timestamp. */
    public static final int EVENT_BYTES = 8;

    /** Address bit that marks external (special) events. */
    public static final int SPECIAL_EVENT_BIT = 1 << 15;

    private Aedat2Reader() {
    }

    /** The DVS128 AEDAT 2.0 format as an {@link EventDecoder} (read a file with {@code DVS128.read(file)}). */
    public static final EventDecoder<PolarityEvents> DVS128 = Aedat2Reader::decodeDvs128;

    /**
     * Decodes the bytes of a DVS128 AEDAT 2.0 file.
     *
     * @param bytes  the whole file
     * @param source name used in error messages
     * @return the pixel events in file order; special events (address bit 15) are dropped
     * @throws EventFormatException if the file does not start with {@code #!AER-DAT2.0}, the header is truncated,
     *                              or the data is not a whole number of 8-byte events
     */
    public static PolarityEvents decodeDvs128(byte[] bytes, String source) throws EventFormatException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(source, "source");
        String version = AedatHeader.readVersion(bytes, source);
        if (!version.equals("2.0")) {
            throw new EventFormatException(source, "AEDAT version '" + version
                    + "' is not supported here: expected 2.0 (CIFAR10-DVS); DVS128 Gesture files are AEDAT 3.1");
        }
        AedatHeader header = AedatHeader.parse(bytes, source, null);
        int start = header.dataOffset();
        int dataBytes = bytes.length - start;
        if (dataBytes % EVENT_BYTES != 0) {
            throw new EventFormatException(source, "truncated AEDAT 2.0 data: " + dataBytes + " bytes after the "
                    + "header (offset " + start + ") is not a whole number of 8-byte events; the last event "
                    + "starts at offset " + (start + dataBytes / EVENT_BYTES * EVENT_BYTES));
        }
        int count = dataBytes / EVENT_BYTES;
        long[] t = new long[count];
        int[] x = new int[count];
        int[] y = new int[count];
        byte[] p = new byte[count];
        int n = 0;
        for (int e = 0, o = start; e < count; e++, o += EVENT_BYTES) {
            int address = bigEndianInt(bytes, o);
            if ((address & SPECIAL_EVENT_BIT) != 0) {
                continue;
            }
            x[n] = (address >>> 1) & 0x7F;
            y[n] = (address >>> 8) & 0x7F;
            p[n] = (byte) (address & 1);
            t[n] = bigEndianInt(bytes, o + 4) & 0xFFFFFFFFL;
            n++;
        }
        return new PolarityEvents(t, x, y, p, n);
    }

    /**
     * Encodes events as a DVS128 AEDAT 2.0 file with a jAER-style header (for tests, fixtures and benchmarks).
     *
     * @param events the events; x, y in {@code [0, 128)}, t in {@code [0, 2^32)}
     * @return the file bytes
     * @throws IllegalArgumentException if an event cannot be represented
     */
    public static byte[] encodeDvs128(PolarityEvents events) {
        Objects.requireNonNull(events, "events");
        byte[] header = ("#!AER-DAT2.0\r\n# This is a raw AE data file - do not edit\r\n"
                + "# Data format is int32 address, int32 timestamp (8 bytes total), repeated for each event\r\n"
                + "# Timestamps tick is 1 us\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + events.n * EVENT_BYTES];
        System.arraycopy(header, 0, out, 0, header.length);
        for (int i = 0, o = header.length; i < events.n; i++, o += EVENT_BYTES) {
            if (events.x[i] > 127 || events.y[i] > 127 || events.t[i] < 0 || events.t[i] > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("event " + i + " (t=" + events.t[i] + ", x=" + events.x[i]
                        + ", y=" + events.y[i] + ") cannot be stored in a DVS128 AEDAT 2.0 file");
            }
            int address = (events.y[i] << 8) | (events.x[i] << 1) | events.p[i];
            putBigEndianInt(out, o, address);
            putBigEndianInt(out, o + 4, (int) events.t[i]);
        }
        return out;
    }

    private static int bigEndianInt(byte[] b, int o) {
        return ((b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
    }

    private static void putBigEndianInt(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }
}
