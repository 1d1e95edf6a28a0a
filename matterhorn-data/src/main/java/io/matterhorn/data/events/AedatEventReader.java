package io.matterhorn.data.events;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Reads AEDAT-style files of any byte order, word size and address layout (the original's generic {@code AEDAT}
 * base with its {@code endian} and {@code datatype} options).
 *
 * <p>Format: an optional text header of lines that start with {@code #} and end with {@code \n}, then events as
 * pairs {@code (address word, timestamp word)}, each word {@code wordBytes} (4 for {@code u4}, 8 for {@code u8})
 * in the given byte order. The address is decoded by the {@link EventWordLayout}; timestamps are unsigned (4-byte
 * words) or must be non-negative (8-byte words). A header line must be text (printable ASCII, tab, {@code \r}),
 * so a first event whose first byte is {@code '#'} is read as an event unless the bytes up to the next
 * {@code \n} are all text (the original dropped any such chunk). Special events (the layout's
 * special bit set) are skipped.
 *
 * <p>Immutable and thread-safe.
 */
public final class AedatEventReader implements EventDecoder<PolarityEvents> {

    private final ByteOrder order;
    private final int wordBytes;
    private final EventWordLayout layout;

    /**
     * @param order     the byte order of the words ({@code ByteOrder.BIG_ENDIAN} is the original's {@code ">"})
     * @param wordBytes 4 or 8
     * @param layout    where x, y and p sit in the address
     * @throws IllegalArgumentException if {@code wordBytes} is neither 4 nor 8
     */
    public AedatEventReader(ByteOrder order, int wordBytes, EventWordLayout layout) {
        this.order = Objects.requireNonNull(order, "order");
        this.layout = Objects.requireNonNull(layout, "layout");
        if (wordBytes != 4 && wordBytes != 8) {
            throw new IllegalArgumentException("AedatEventReader: wordBytes must be 4 or 8, got " + wordBytes);
        }
        this.wordBytes = wordBytes;
    }

    /**
     * Decodes the bytes of a whole file.
     *
     * @param bytes  the file
     * @param source name used in error messages
     * @return the pixel events in file order
     * @throws EventFormatException if a header line is not terminated, the data is not a whole number of events,
     *                              a timestamp is negative or a coordinate does not fit an {@code int}
     */
    @Override
    public PolarityEvents decode(byte[] bytes, String source) throws EventFormatException {
        int start = headerEnd(bytes, source);
        int eventBytes = 2 * wordBytes;
        int data = bytes.length - start;
        if (data % eventBytes != 0) {
            throw new EventFormatException(source, "data of " + data + " bytes after the header (offset " + start
                    + ") is not a whole number of " + eventBytes + "-byte events");
        }
        int count = data / eventBytes;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
        long[] t = new long[count];
        int[] x = new int[count];
        int[] y = new int[count];
        int[] p = new int[count];
        int n = 0;
        for (int e = 0, o = start; e < count; e++, o += eventBytes) {
            long address = wordBytes == 4 ? buf.getInt(o) & 0xFFFFFFFFL : buf.getLong(o);
            long time = wordBytes == 4 ? buf.getInt(o + 4) & 0xFFFFFFFFL : buf.getLong(o + 8);
            if (layout.specialBit() >= 0 && ((address >>> layout.specialBit()) & 1) != 0) {
                continue;
            }
            if (time < 0) {
                throw new EventFormatException(source, "event " + e + " at offset " + o + " has the negative "
                        + "timestamp " + time);
            }
            t[n] = time;
            x[n] = (int) ((address >>> layout.xShift()) & layout.xMask());
            y[n] = (int) ((address >>> layout.yShift()) & layout.yMask());
            p[n] = ((address >>> layout.pShift()) & layout.pMask()) != 0 ? 1 : 0;
            n++;
        }
        if (n < count) {
            t = java.util.Arrays.copyOf(t, n);
            x = java.util.Arrays.copyOf(x, n);
            y = java.util.Arrays.copyOf(y, n);
            p = java.util.Arrays.copyOf(p, n);
        }
        return PolarityEvents.of(t, x, y, p);
    }

    /**
     * Returns the offset after the last header line: a line that starts with {@code #} and holds only printable
     * ASCII, tabs and {@code \r} up to its {@code \n}. A {@code #} followed by any other byte starts the data.
     */
    private static int headerEnd(byte[] bytes, String source) throws EventFormatException {
        int o = 0;
        while (o < bytes.length && bytes[o] == '#') {
            int end = o + 1;
            while (end < bytes.length && isText(bytes[end])) {
                end++;
            }
            if (end == bytes.length) {
                throw new EventFormatException(source, "header line at offset " + o + " has no end (\\n)");
            }
            if (bytes[end] != '\n') {
                return o;
            }
            o = end + 1;
        }
        return o;
    }

    private static boolean isText(byte b) {
        return (b >= 0x20 && b < 0x7F) || b == '\t' || b == '\r';
    }

    @Override
    public String toString() {
        return "AedatEventReader[" + order + ", " + wordBytes + "-byte words, " + layout + "]";
    }
}
