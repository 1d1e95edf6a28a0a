package io.matterhorn.data.events;

import java.util.Objects;

/**
 * Reads polarity events from AEDAT 3.1 files (the DVS128 Gesture recordings, written by cAER).
 *
 * <p>Format: ASCII header lines starting with {@code #}, the first {@code #!AER-DAT3.1} and the last
 * {@code #!END-HEADER}, each ending in {@code \r\n}; then event packets, all little-endian. Each packet is a 28-byte
 * header followed by {@code eventCapacity * eventSize} bytes:
 * <pre>
 * offset  0  int16 eventType       (1 = polarity; 0 = special, 2 = frame, 3 = IMU, ...)
 * offset  2  int16 eventSource
 * offset  4  int32 eventSize       (bytes per event; 8 for polarity)
 * offset  8  int32 eventTSOffset   (byte offset of the timestamp inside an event; 4 for polarity)
 * offset 12  int32 eventTSOverflow (timestamp = (overflow &lt;&lt; 31) | ts)
 * offset 16  int32 eventCapacity
 * offset 20  int32 eventNumber     (events actually stored, &lt;= capacity)
 * offset 24  int32 eventValid
 * polarity event: uint32 data, int32 ts (microseconds)
 *   bit 0 valid, bit 1 polarity (1 = ON), bits 2..16 y, bits 17..31 x
 * </pre>
 *
 * <p>Only packets with {@code eventType == 1} are decoded; others are skipped by {@code capacity * size} bytes
 * (the original tested the eventSource instead, docs/datasets.md #28). Of a polarity packet the first
 * {@code eventNumber} events are read and those whose valid bit is 0 are dropped. Coordinates are used as stored:
 * AEDAT 3.1 puts {@code (0, 0)} at the upper left, which is this library's frame convention (the original flipped
 * both axes).
 */
public final class Aedat31Reader {

    /** Bytes in a packet header. */
    public static final int PACKET_HEADER_BYTES = 28;

    /** The eventType of polarity packets. */
    public static final int POLARITY_EVENT = 1;

    /** The last header line. */
    public static final String END_OF_HEADER = "#!END-HEADER";

    private Aedat31Reader() {
    }

    /** The AEDAT 3.1 polarity format as an {@link EventDecoder} (read a file with {@code DECODER.read(file)}). */
    public static final EventDecoder<PolarityEvents> DECODER = Aedat31Reader::decode;

    /**
     * Decodes the bytes of an AEDAT 3.1 file.
     *
     * @param bytes  the whole file
     * @param source name used in error messages
     * @return the valid polarity events in file order
     * @throws EventFormatException if the file does not start with {@code #!AER-DAT3.1}, the header has no
     *                              {@code #!END-HEADER} line, or a packet header or body is inconsistent or
     *                              truncated
     */
    public static PolarityEvents decode(byte[] bytes, String source) throws EventFormatException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(source, "source");
        String version = AedatHeader.readVersion(bytes, source);
        if (!version.equals("3.1")) {
            throw new EventFormatException(source, "AEDAT version '" + version
                    + "' is not supported here: expected 3.1 (DVS128 Gesture); CIFAR10-DVS files are AEDAT 2.0");
        }
        AedatHeader header = AedatHeader.parse(bytes, source, END_OF_HEADER);
        int total = countEvents(bytes, header.dataOffset(), source);
        long[] t = new long[total];
        int[] x = new int[total];
        int[] y = new int[total];
        byte[] p = new byte[total];
        int n = 0;
        int pos = header.dataOffset();
        while (pos < bytes.length) {
            PacketHeader h = PacketHeader.read(bytes, pos, source);
            int body = pos + PACKET_HEADER_BYTES;
            if (h.type == POLARITY_EVENT) {
                for (int e = 0, o = body; e < h.number; e++, o += h.size) {
                    int data = littleEndianInt(bytes, o);
                    if ((data & 1) == 0) {
                        continue;
                    }
                    int ts = littleEndianInt(bytes, o + h.tsOffset);
                    if (ts < 0) {
                        throw new EventFormatException(source, "negative timestamp " + ts + " in the polarity "
                                + "event at offset " + o);
                    }
                    p[n] = (byte) ((data >>> 1) & 1);
                    y[n] = (data >>> 2) & 0x7FFF;
                    x[n] = (data >>> 17) & 0x7FFF;
                    t[n] = ((long) h.overflow << 31) | ts;
                    n++;
                }
            }
            pos = body + h.bodyBytes;
        }
        return new PolarityEvents(t, x, y, p, n);
    }

    /** Walks the packets once to validate them and count the stored polarity events. */
    private static int countEvents(byte[] bytes, int start, String source) throws EventFormatException {
        long count = 0;
        int pos = start;
        while (pos < bytes.length) {
            PacketHeader h = PacketHeader.read(bytes, pos, source);
            if (h.type == POLARITY_EVENT) {
                count += h.number;
            }
            pos += PACKET_HEADER_BYTES + h.bodyBytes;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new EventFormatException(source, "too many events (" + count + ") for one array");
        }
        return (int) count;
    }

    static int littleEndianInt(byte[] b, int o) {
        return (b[o] & 0xFF) | ((b[o + 1] & 0xFF) << 8) | ((b[o + 2] & 0xFF) << 16) | ((b[o + 3] & 0xFF) << 24);
    }

    /** The fields of one packet header, validated against the bytes that follow it. */
    private static final class PacketHeader {
        final int type;
        final int size;
        final int tsOffset;
        final int overflow;
        final int number;
        final int bodyBytes;

        private PacketHeader(int type, int size, int tsOffset, int overflow, int number, int bodyBytes) {
            this.type = type;
            this.size = size;
            this.tsOffset = tsOffset;
            this.overflow = overflow;
            this.number = number;
            this.bodyBytes = bodyBytes;
        }

        static PacketHeader read(byte[] b, int pos, String source) throws EventFormatException {
            if (b.length - pos < PACKET_HEADER_BYTES) {
                throw new EventFormatException(source, "truncated AEDAT 3.1 packet header at offset " + pos + ": "
                        + (b.length - pos) + " of " + PACKET_HEADER_BYTES + " bytes");
            }
            int type = (short) ((b[pos] & 0xFF) | ((b[pos + 1] & 0xFF) << 8));
            int size = littleEndianInt(b, pos + 4);
            int tsOffset = littleEndianInt(b, pos + 8);
            int overflow = littleEndianInt(b, pos + 12);
            int capacity = littleEndianInt(b, pos + 16);
            int number = littleEndianInt(b, pos + 20);
            if (size <= 0 || capacity < 0 || number < 0 || number > capacity || overflow < 0) {
                throw new EventFormatException(source, "corrupt AEDAT 3.1 packet header at offset " + pos
                        + ": eventType " + type + ", eventSize " + size + ", eventCapacity " + capacity
                        + ", eventNumber " + number + ", eventTSOverflow " + overflow);
            }
            long body = (long) capacity * size;
            if (body > b.length - pos - PACKET_HEADER_BYTES) {
                throw new EventFormatException(source, "truncated AEDAT 3.1 packet at offset " + pos + ": header "
                        + "announces " + body + " bytes (" + capacity + " x " + size + ") but only "
                        + (b.length - pos - PACKET_HEADER_BYTES) + " follow");
            }
            if (type == POLARITY_EVENT && (size < 8 || tsOffset < 0 || tsOffset > size - 4)) {
                throw new EventFormatException(source, "polarity packet at offset " + pos + " has eventSize "
                        + size + " and eventTSOffset " + tsOffset + "; expected 8 and 4");
            }
            return new PacketHeader(type, size, tsOffset, overflow, number, (int) body);
        }
    }
}
