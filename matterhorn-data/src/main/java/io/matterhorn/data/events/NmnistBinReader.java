package io.matterhorn.data.events;

import java.util.Objects;

/**
 * Reads the N-MNIST {@code .bin} format: a headerless sequence of 5-byte (40-bit, big-endian) events.
 *
 * <pre>
 * byte 0: x (column)
 * byte 1: y (row)
 * byte 2: bit 7 = polarity (1 = ON), bits 6..0 = timestamp bits 22..16
 * byte 3: timestamp bits 15..8
 * byte 4: timestamp bits 7..0            t = ((b2 &amp; 0x7F) &lt;&lt; 16) | (b3 &lt;&lt; 8) | b4   (microseconds)
 * </pre>
 *
 * <p>An event with {@code y == 240} is a timestamp-overflow marker: it is dropped and every later event gets
 * {@link #OVERFLOW_INCREMENT} (2<sup>13</sup>) added to its timestamp, as in the reference readers. The timestamp is
 * computed in 32-bit arithmetic (the original computed it in 8-bit arithmetic and kept only {@code b4};
 * docs/datasets.md #26).
 *
 * <p>Orientation: {@code x} and {@code y} are used as stored, with row {@code y} drawn top-down; a real recording
 * renders upright that way (the original flipped {@code y = 33 - y}; this port does not). An empty input gives an
 * empty stream; a length that is not a multiple of 5 raises {@link EventFormatException}.
 */
public final class NmnistBinReader {

    /** Bytes per event. */
    public static final int EVENT_BYTES = 5;

    /** Row value that marks a timestamp-overflow event. */
    public static final int OVERFLOW_MARKER_Y = 240;

    /** Amount added to all later timestamps by each overflow marker, in microseconds. */
    public static final long OVERFLOW_INCREMENT = 1L << 13;

    private NmnistBinReader() {
    }

    /** The N-MNIST {@code .bin} format as an {@link EventDecoder} (read a file with {@code DECODER.read(file)}). */
    public static final EventDecoder<PolarityEvents> DECODER = NmnistBinReader::decode;

    /**
     * Decodes the bytes of a {@code .bin} file.
     *
     * @param bytes  the whole file
     * @param source name used in error messages
     * @return the events in file order (overflow markers removed)
     * @throws EventFormatException if the length is not a multiple of 5
     */
    public static PolarityEvents decode(byte[] bytes, String source) throws EventFormatException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(source, "source");
        if (bytes.length % EVENT_BYTES != 0) {
            int whole = bytes.length / EVENT_BYTES;
            throw new EventFormatException(source, "truncated N-MNIST file: " + bytes.length
                    + " bytes is not a whole number of 5-byte events (" + whole + " events, then "
                    + (bytes.length - whole * EVENT_BYTES) + " stray bytes at offset " + whole * EVENT_BYTES + ")");
        }
        int count = bytes.length / EVENT_BYTES;
        long[] t = new long[count];
        int[] x = new int[count];
        int[] y = new int[count];
        byte[] p = new byte[count];
        int n = 0;
        long offset = 0;
        for (int e = 0, o = 0; e < count; e++, o += EVENT_BYTES) {
            int b1 = bytes[o + 1] & 0xFF;
            if (b1 == OVERFLOW_MARKER_Y) {
                offset += OVERFLOW_INCREMENT;
                continue;
            }
            int b2 = bytes[o + 2] & 0xFF;
            x[n] = bytes[o] & 0xFF;
            y[n] = b1;
            p[n] = (byte) (b2 >>> 7);
            t[n] = offset + (((b2 & 0x7F) << 16) | ((bytes[o + 3] & 0xFF) << 8) | (bytes[o + 4] & 0xFF));
            n++;
        }
        return new PolarityEvents(t, x, y, p, n);
    }

    /**
     * Encodes events in the {@code .bin} format (for tests, fixtures and benchmarks). No overflow markers are
     * written, so every timestamp must fit in 23 bits.
     *
     * @param events the events; x, y in {@code [0, 255]} with {@code y != 240}, t in {@code [0, 2^23)}
     * @return the file bytes, 5 per event
     * @throws IllegalArgumentException if an event cannot be represented
     */
    public static byte[] encode(PolarityEvents events) {
        Objects.requireNonNull(events, "events");
        byte[] out = new byte[events.n * EVENT_BYTES];
        for (int i = 0, o = 0; i < events.n; i++, o += EVENT_BYTES) {
            long t = events.t[i];
            int x = events.x[i];
            int y = events.y[i];
            if (t < 0 || t >= (1L << 23) || x > 255 || y > 255 || y == OVERFLOW_MARKER_Y) {
                throw new IllegalArgumentException("event " + i + " (t=" + t + ", x=" + x + ", y=" + y
                        + ") cannot be stored in an N-MNIST .bin file");
            }
            out[o] = (byte) x;
            out[o + 1] = (byte) y;
            out[o + 2] = (byte) ((events.p[i] << 7) | (int) (t >>> 16));
            out[o + 3] = (byte) (t >>> 8);
            out[o + 4] = (byte) t;
        }
        return out;
    }
}
