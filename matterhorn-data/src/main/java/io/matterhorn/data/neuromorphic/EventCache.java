package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk cache of processed events of one data set split: one file holding every sample's events (sorted by
 * time and subsampled), read back sample by sample with positional reads.
 *
 * <p>File format (all integers big-endian):
 * <pre>
 * offset      size   field
 * 0           4      magic "MHEV"
 * 4           4      format version (2)
 * 8           4      record kind: 1 = camera events (t, p, y, x), 2 = unit spikes (t, unit)
 * 12          4      sample count n
 * 16          4      CRC-32 of the header fields at 0..15 and of the whole sample table
 * 20          4      key length k
 * 24          k      cache key, UTF-8 (every parameter that changes the stored events)
 * 24+k        6 m    events, 6 bytes each, samples one after the other, each sorted by time:
 *                      uint32 t - t0, then uint16 payload:
 *                      kind 1: x | y &lt;&lt; 7 | p &lt;&lt; 14   (x, y &lt; 128, p = 0 or 1)
 *                      kind 2: unit                    (unit &lt; 65536)
 * 24+k+6m     28 n   sample table, per sample: int32 label, int32 event count m_i, int64 t0 (its first
 *                    timestamp, {@code >= 0}), int64 index of its first event (the sum of the earlier counts),
 *                    int32 CRC-32 of its 6 m_i event bytes
 * </pre>
 * The file length must be exactly {@code 24 + k + 6 m + 28 n} with {@code m} the sum of the counts. Files are
 * written to a temporary name in the same folder and renamed into place only when complete
 * ({@link EventCacheWriter}), so an interrupted run never leaves a half-written cache under the final name.
 *
 * <p>{@link #openIfValid} checks everything the format promises before it hands the cache out, reading the whole
 * file once: magic, version, kind, key, length, the table's CRC (so an appended, removed or altered table entry is
 * found), each sample's CRC, that the first event of each sample has offset 0 and the offsets never decrease (time
 * order), that {@code t0 + 2^32} does not overflow, labels in {@code [0, classes)}, and coordinates or units inside
 * the {@link CacheBounds}. A file failing any check is logged as damaged and reported as absent, and the data set
 * rebuilds it.
 *
 * <p>Reading is thread-safe (positional reads on one channel). Close the cache to release the file.
 */
final class EventCache implements AutoCloseable {

    static final int MAGIC = 0x4D484556; // "MHEV"
    static final int VERSION = 2;
    static final int KIND_POLARITY = 1;
    static final int KIND_UNIT = 2;
    static final int EVENT_BYTES = 6;
    static final int TABLE_ENTRY_BYTES = 28;
    static final int FIXED_HEADER_BYTES = 24;
    private static final int VALIDATION_CHUNK_BYTES = 6 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(EventCache.class);

    private final Path file;
    private final FileChannel channel;
    private final int kind;
    private final int[] labels;
    private final int[] counts;
    private final long[] t0;
    private final long[] first;
    private final long eventsStart;

    private EventCache(Path file, FileChannel channel, int kind, int[] labels, int[] counts, long[] t0,
                       long[] first, long eventsStart) {
        this.file = file;
        this.channel = channel;
        this.kind = kind;
        this.labels = labels;
        this.counts = counts;
        this.t0 = t0;
        this.first = first;
        this.eventsStart = eventsStart;
    }

    /** Header bytes before the events for a key. */
    static long headerBytes(byte[] key) {
        return (long) FIXED_HEADER_BYTES + key.length;
    }

    /**
     * Opens a cache file if it exists, is complete and undamaged, of the expected kind and made with the expected key,
     * checking only the limits of the format itself.
     *
     * @param file the cache file
     * @param key  the expected cache key
     * @param kind {@link #KIND_POLARITY} or {@link #KIND_UNIT}
     * @return the open cache, or {@code null} if the file is missing, stale or damaged (logged)
     * @throws IOException if the file exists but cannot be read
     */
    static EventCache openIfValid(Path file, String key, int kind) throws IOException {
        return openIfValid(file, key, kind, CacheBounds.FORMAT);
    }

    /**
     * Opens a cache file if it exists, is complete and undamaged, of the expected kind, made with the expected key,
     * and holds only labels and events inside {@code bounds}.
     *
     * @param file   the cache file
     * @param key    the expected cache key
     * @param kind   {@link #KIND_POLARITY} or {@link #KIND_UNIT}
     * @param bounds the classes and sensor size of the data set
     * @return the open cache, or {@code null} if the file is missing, stale or damaged (logged)
     * @throws IOException if the file exists but cannot be read
     */
    static EventCache openIfValid(Path file, String key, int kind, CacheBounds bounds) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            EventCache cache = parse(file, channel, key, kind, bounds);
            if (cache == null) {
                channel.close();
            }
            return cache;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static EventCache parse(Path file, FileChannel channel, String key, int kind, CacheBounds bounds)
            throws IOException {
        long size = channel.size();
        if (size < FIXED_HEADER_BYTES) {
            LOG.warn("Cache {} is too short ({} bytes); rebuilding it", file, size);
            return null;
        }
        ByteBuffer head = read(channel, 0, FIXED_HEADER_BYTES);
        int magic = head.getInt();
        int version = head.getInt();
        int fileKind = head.getInt();
        int n = head.getInt();
        int tableCrc = head.getInt();
        int keyLength = head.getInt();
        long eventsStart = (long) FIXED_HEADER_BYTES + keyLength;
        long tableStart = size - (long) TABLE_ENTRY_BYTES * n;
        if (magic != MAGIC || version != VERSION || fileKind != kind || n < 0 || keyLength < 0
                || keyLength > size || tableStart < eventsStart) {
            LOG.warn("Cache {} has another format or is damaged (magic {}, version {}, kind {}); rebuilding it",
                    file, Integer.toHexString(magic), version, fileKind);
            return null;
        }
        String fileKey = StandardCharsets.UTF_8.decode(read(channel, FIXED_HEADER_BYTES, keyLength)).toString();
        if (!fileKey.equals(key)) {
            LOG.info("Cache {} was made with other parameters ({}); rebuilding it for {}", file, fileKey, key);
            return null;
        }
        if (size - tableStart > Integer.MAX_VALUE) {
            LOG.warn("Cache {} declares {} samples, more than a cache can hold; rebuilding it", file, n);
            return null;
        }
        ByteBuffer table = read(channel, tableStart, TABLE_ENTRY_BYTES * n);
        CRC32 crc = new CRC32();
        crc.update(head.array(), 0, 16);
        crc.update(table.array(), 0, table.limit());
        if ((int) crc.getValue() != tableCrc) {
            LOG.warn("Cache {} is damaged: its sample table fails the CRC-32 check; rebuilding it", file);
            return null;
        }
        int[] labels = new int[n];
        int[] counts = new int[n];
        long[] t0 = new long[n];
        long[] first = new long[n];
        int[] sampleCrc = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            labels[i] = table.getInt();
            counts[i] = table.getInt();
            t0[i] = table.getLong();
            first[i] = table.getLong();
            sampleCrc[i] = table.getInt();
            if (counts[i] < 0 || first[i] != total || labels[i] < 0 || labels[i] >= bounds.classes()
                    || t0[i] < 0 || t0[i] > Long.MAX_VALUE - 0xFFFFFFFFL) {
                LOG.warn("Cache {} has a damaged sample table at sample {} (label {}, count {}, t0 {}); rebuilding it",
                        file, i, labels[i], counts[i], t0[i]);
                return null;
            }
            total += counts[i];
        }
        if (tableStart != eventsStart + total * EVENT_BYTES) {
            LOG.warn("Cache {} has {} bytes but its table needs {}; rebuilding it", file, size,
                    eventsStart + total * EVENT_BYTES + (long) TABLE_ENTRY_BYTES * n);
            return null;
        }
        String problem = validateEvents(channel, eventsStart, counts, sampleCrc, kind, bounds);
        if (problem != null) {
            LOG.warn("Cache {} is damaged: {}; rebuilding it", file, problem);
            return null;
        }
        return new EventCache(file, channel, kind, labels, counts, t0, first, eventsStart);
    }

    /**
     * Reads every event once, in chunks, checking each sample's CRC-32, its time order and its payload bounds.
     *
     * @return {@code null} when every sample is intact, otherwise a description of the first damage
     */
    private static String validateEvents(FileChannel channel, long eventsStart, int[] counts, int[] sampleCrc,
                                         int kind, CacheBounds bounds) throws IOException {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        int capacity = (int) Math.min(VALIDATION_CHUNK_BYTES, Math.max(EVENT_BYTES, total * EVENT_BYTES));
        ByteBuffer buffer = ByteBuffer.allocate(capacity).order(ByteOrder.BIG_ENDIAN);
        buffer.limit(0);
        long position = eventsStart;
        CRC32 crc = new CRC32();
        for (int i = 0; i < counts.length; i++) {
            crc.reset();
            long previous = 0;
            for (int k = 0; k < counts[i]; ) {
                if (buffer.remaining() < EVENT_BYTES) {
                    buffer.compact();
                    while (buffer.hasRemaining()) {
                        int r = channel.read(buffer, position);
                        if (r < 0) {
                            break;
                        }
                        position += r;
                    }
                    buffer.flip();
                    if (buffer.remaining() < EVENT_BYTES) {
                        return "sample " + i + " is cut short";
                    }
                }
                int from = buffer.position();
                int take = Math.min(counts[i] - k, buffer.remaining() / EVENT_BYTES);
                for (int j = 0; j < take; j++, k++) {
                    long dt = buffer.getInt() & 0xFFFFFFFFL;
                    int payload = buffer.getShort() & 0xFFFF;
                    if (k == 0 ? dt != 0 : dt < previous) {
                        return "sample " + i + ", event " + k + " is out of time order";
                    }
                    previous = dt;
                    String bad = payloadProblem(payload, kind, bounds);
                    if (bad != null) {
                        return "sample " + i + ", event " + k + " " + bad;
                    }
                }
                crc.update(buffer.array(), from, take * EVENT_BYTES);
            }
            if ((int) crc.getValue() != sampleCrc[i]) {
                return "sample " + i + " fails its CRC-32 check";
            }
        }
        return null;
    }

    private static String payloadProblem(int payload, int kind, CacheBounds bounds) {
        if (kind == KIND_POLARITY) {
            int x = payload & 0x7F;
            int y = (payload >>> 7) & 0x7F;
            if (x >= bounds.width() || y >= bounds.height() || payload >>> 15 != 0) {
                return "at (x=" + x + ", y=" + y + ") is outside the " + bounds.width() + "x" + bounds.height()
                        + " sensor";
            }
        } else if (payload >= bounds.units()) {
            return "has unit " + payload + ", not below " + bounds.units();
        }
        return null;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
        long pos = position;
        while (buffer.hasRemaining()) {
            int r = channel.read(buffer, pos);
            if (r < 0) {
                throw new IOException("unexpected end of cache file at offset " + pos);
            }
            pos += r;
        }
        buffer.flip();
        return buffer;
    }

    /**
     * Returns the number of samples.
     *
     * @return the sample count
     */
    int size() {
        return labels.length;
    }

    /** Returns the stored label of a sample. */
    int label(int i) {
        return labels[i];
    }

    /** Returns a copy of all stored labels. */
    int[] labels() {
        return labels.clone();
    }

    /** Returns the number of stored events of a sample. */
    int eventCount(int i) {
        return counts[i];
    }

    /** Returns the path of the cache file. */
    Path file() {
        return file;
    }

    /**
     * Reads the camera events of one sample.
     *
     * @param i the sample index
     * @return its events, sorted by time
     * @throws IOException if the file cannot be read
     */
    PolarityEvents polarity(int i) throws IOException {
        requireKind(KIND_POLARITY);
        int n = counts[i];
        ByteBuffer b = read(channel, eventsStart + first[i] * EVENT_BYTES, n * EVENT_BYTES);
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        long base = t0[i];
        for (int k = 0; k < n; k++) {
            t[k] = base + (b.getInt() & 0xFFFFFFFFL);
            int payload = b.getShort() & 0xFFFF;
            x[k] = payload & 0x7F;
            y[k] = (payload >>> 7) & 0x7F;
            p[k] = (payload >>> 14) & 1;
        }
        return PolarityEvents.of(t, x, y, p);
    }

    /**
     * Reads the unit spikes of one sample.
     *
     * @param i the sample index
     * @return its spikes, sorted by time
     * @throws IOException if the file cannot be read
     */
    UnitEvents units(int i) throws IOException {
        requireKind(KIND_UNIT);
        int n = counts[i];
        ByteBuffer b = read(channel, eventsStart + first[i] * EVENT_BYTES, n * EVENT_BYTES);
        long[] t = new long[n];
        int[] u = new int[n];
        long base = t0[i];
        for (int k = 0; k < n; k++) {
            t[k] = base + (b.getInt() & 0xFFFFFFFFL);
            u[k] = b.getShort() & 0xFFFF;
        }
        return UnitEvents.of(t, u);
    }

    private void requireKind(int expected) {
        if (kind != expected) {
            throw new IllegalStateException("cache " + file + " holds record kind " + kind + ", not " + expected);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "EventCache[" + file + ", " + labels.length + " samples]";
    }

    /** Checks the arguments shared by the writer. */
    static void checkKind(int kind) {
        if (kind != KIND_POLARITY && kind != KIND_UNIT) {
            throw new IllegalArgumentException("unknown record kind " + kind);
        }
    }

    static byte[] keyBytes(String key) {
        return Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8);
    }
}
