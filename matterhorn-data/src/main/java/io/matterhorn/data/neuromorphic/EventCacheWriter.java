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
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@link EventCache} file atomically: everything goes to a temporary file in the same folder
 * ({@code <name>.tmp-<random>}), which is flushed to disk and renamed to the final name by {@link #commit()}.
 * Until then the final name is untouched; {@link #close()} without {@code commit()} deletes the temporary file.
 * Samples are added in index order; the sample table is written after the events, and the header (with the sample
 * count) last.
 */
final class EventCacheWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventCacheWriter.class);

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final DataOutputStream out;
    private final byte[] key;
    private final int kind;
    private int[] labels = new int[64];
    private int[] counts = new int[64];
    private long[] t0 = new long[64];
    private int[] crcs = new int[64];
    private byte[] scratch = new byte[6 * 1024];
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
        channel.lock(); // held until the channel closes; tells removeStale that this file is in use
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
            crcs = Arrays.copyOf(crcs, grown);
        }
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0, got " + label);
        }
        int n = events.size();
        long base = n == 0 ? 0 : events.time(0);
        if (base < 0 || base > Long.MAX_VALUE - 0xFFFFFFFFL) {
            throw new IllegalArgumentException("sample " + added + ": first timestamp " + base + " is outside [0, "
                    + "2^63 - 2^32], the range the cache stores");
        }
        CRC32 crc = new CRC32();
        for (int k = 0; k < n; ) {
            int chunk = Math.min(n - k, scratch.length / EventCache.EVENT_BYTES);
            ByteBuffer b = ByteBuffer.wrap(scratch);
            for (int j = 0; j < chunk; j++, k++) {
                long dt = events.time(k) - base;
                if (dt < 0 || dt > 0xFFFFFFFFL) {
                    throw new IllegalArgumentException("sample " + added + ": event " + k + " is "
                            + (dt < 0 ? "out of time order" : "more than 2^32 time units after the first"));
                }
                b.putInt((int) dt).putShort((short) payload(events, k));
            }
            crc.update(scratch, 0, b.position());
            out.write(scratch, 0, b.position());
        }
        labels[added] = label;
        counts[added] = n;
        t0[added] = base;
        crcs[added] = (int) crc.getValue();
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
        ByteBuffer fixed = ByteBuffer.allocate(16).putInt(EventCache.MAGIC).putInt(EventCache.VERSION).putInt(kind)
                .putInt(added);
        CRC32 tableCrc = new CRC32();
        tableCrc.update(fixed.array());
        ByteBuffer entry = ByteBuffer.allocate(EventCache.TABLE_ENTRY_BYTES);
        long firstEvent = 0;
        for (int i = 0; i < added; i++) {
            entry.clear();
            entry.putInt(labels[i]).putInt(counts[i]).putLong(t0[i]).putLong(firstEvent).putInt(crcs[i]);
            tableCrc.update(entry.array());
            out.write(entry.array());
            firstEvent += counts[i];
        }
        out.flush();
        ByteBuffer header = ByteBuffer.allocate((int) EventCache.headerBytes(key));
        header.put(fixed.array()).putInt((int) tableCrc.getValue()).putInt(key.length).put(key);
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

    /**
     * Deletes the temporary files ({@code *.mhev.tmp-*}) that writers killed before {@code commit()} or
     * {@code close()} left in a folder. A file is in use while its writer holds the file lock taken at creation;
     * the operating system releases that lock when the writing process ends, however it ends, so only files whose
     * lock can be taken are deleted.
     *
     * @param folder the cache folder; nothing happens if it does not exist
     * @return the number of files deleted
     * @throws IOException if the folder cannot be listed
     */
    static int removeStale(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.mhev.tmp-*")) {
            ds.forEach(candidates::add);
        }
        int removed = 0;
        for (Path p : candidates) {
            boolean stale;
            try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
                FileLock lock = c.tryLock();
                stale = lock != null;
                if (lock != null) {
                    lock.release();
                }
            } catch (OverlappingFileLockException e) {
                stale = false; // a writer of this JVM holds it
            } catch (IOException e) {
                LOG.warn("cannot check the temporary cache file {}: {}", p, e.toString());
                stale = false;
            }
            if (stale && Files.deleteIfExists(p)) {
                LOG.info("removed {}, left behind by an interrupted cache build", p);
                removed++;
            }
        }
        return removed;
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
