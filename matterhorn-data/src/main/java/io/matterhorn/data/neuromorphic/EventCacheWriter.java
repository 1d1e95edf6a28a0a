package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.events.EventStream;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes an {@link EventCache} file atomically: everything goes to a temporary file in the same folder
 * ({@code <name>.tmp-<random>}), which is flushed to disk and renamed to the final name by {@link #commit()}.
 * Until then the final name is untouched; {@link #close()} without {@code commit()} deletes the temporary file.
 * Samples are added in index order; the sample table is written after the events, and the header (with the sample
 * count) last.
 */
final class EventCacheWriter implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final DataOutputStream out;
    private final byte[] key;
    private final int kind;
    private int[] labels = new int[64];
    private int[] counts = new int[64];
    private long[] t0 = new long[64];
    private int added;
    private long total;
    private boolean done;

    /**
     * Starts writing.
     *
     * @param target  the final cache file
     * @param key     the cache key stored in the file
     * @param kind    {@link EventCache#KIND_POLARITY} or {@link EventCache#KIND_UNIT}
     * @throws IOException if the temporary file cannot be created
     */
    EventCacheWriter(Path target, String key, int kind) throws IOException {
        EventCache.checkKind(kind);
        this.target = target;
        this.key = EventCache.keyBytes(key);
        this.kind = kind;
        Files.createDirectories(target.toAbsolutePath().getParent());
        this.temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".tmp-", "");
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        channel.position(EventCache.headerBytes(this.key));
        this.out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
    }

    /**
     * Appends the next sample.
     *
     * @param label  its label, {@code >= 0}
     * @param events its events, sorted by time: {@link PolarityEvents} with {@code x, y < 128} for kind 1,
     *               {@link UnitEvents} with {@code unit < 65536} for kind 2; the time span must be below 2^32
     * @throws IOException              if writing fails
     * @throws IllegalArgumentException if an event cannot be stored or the stream is not sorted
     */
    void add(int label, EventStream events) throws IOException {
        if (done) {
            throw new IllegalStateException("cache already committed");
        }
        if (added == labels.length) {
            int grown = labels.length * 2;
            labels = Arrays.copyOf(labels, grown);
            counts = Arrays.copyOf(counts, grown);
            t0 = Arrays.copyOf(t0, grown);
        }
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0, got " + label);
        }
        int n = events.size();
        long base = n == 0 ? 0 : events.time(0);
        for (int k = 0; k < n; k++) {
            long dt = events.time(k) - base;
            if (dt < 0 || dt > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("sample " + added + ": event " + k + " is "
                        + (dt < 0 ? "out of time order" : "more than 2^32 time units after the first"));
            }
            out.writeInt((int) dt);
            out.writeShort(payload(events, k));
        }
        labels[added] = label;
        counts[added] = n;
        t0[added] = base;
        total += n;
        added++;
    }

    private int payload(EventStream events, int k) {
        if (kind == EventCache.KIND_POLARITY) {
            PolarityEvents e = (PolarityEvents) events;
            int x = e.x(k);
            int y = e.y(k);
            if (x > 127 || y > 127) {
                throw new IllegalArgumentException("sample " + added + ": event " + k + " at (x=" + x + ", y=" + y
                        + ") is outside the 128x128 range the cache stores");
            }
            return x | y << 7 | e.polarity(k) << 14;
        }
        int u = ((UnitEvents) events).unit(k);
        if (u < 0 || u > 0xFFFF) {
            throw new IllegalArgumentException("sample " + added + ": unit " + u + " is not in [0, 65535], the "
                    + "range the cache stores");
        }
        return u;
    }

    /**
     * Writes the sample table and the header, forces the file to disk and renames it to the final name.
     *
     * @throws IOException if writing or renaming fails
     */
    void commit() throws IOException {
        long firstEvent = 0;
        for (int i = 0; i < added; i++) {
            out.writeInt(labels[i]);
            out.writeInt(counts[i]);
            out.writeLong(t0[i]);
            out.writeLong(firstEvent);
            firstEvent += counts[i];
        }
        out.flush();
        ByteBuffer header = ByteBuffer.allocate((int) EventCache.headerBytes(key));
        header.putInt(EventCache.MAGIC).putInt(EventCache.VERSION).putInt(kind).putInt(added).putInt(key.length)
                .put(key);
        header.flip();
        long pos = 0;
        while (header.hasRemaining()) {
            pos += channel.write(header, pos);
        }
        channel.force(true);
        out.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
    }

    /** Deletes the temporary file unless {@link #commit()} succeeded. */
    @Override
    public void close() throws IOException {
        if (!done) {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
