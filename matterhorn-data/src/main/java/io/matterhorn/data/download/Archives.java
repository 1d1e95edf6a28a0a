package io.matterhorn.data.download;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts data set archives with Apache commons-compress. The format is chosen by the file name:
 * {@code .zip}; {@code .tar.gz} / {@code .tgz}; {@code .tar}; or {@code .gz} (one gzip-compressed file, written
 * without the {@code .gz} suffix).
 *
 * <p>Safety rules (each violation raises {@link CorruptArchiveException} naming the archive and the entry):
 * <ul>
 *   <li>Entries are written below the destination folder only: a name whose normalised path leaves it (absolute, or
 *       with {@code ..}), or resolves to the destination folder itself ({@code .}, an empty name, a {@code ..gz}
 *       file), is refused. A directory entry naming the destination itself ({@code ./}) is ignored.</li>
 *   <li>Only regular files and directories are written. Symbolic and hard links, FIFOs, character and block devices,
 *       sparse files and entries of unknown type are skipped with a warning.</li>
 *   <li>Sizes are bounded by {@link ExtractionLimits}: total bytes, inflation ratio, tar metadata records and entry
 *       count, checked while writing.</li>
 *   <li>Zip entries are checked against their CRC-32 and their declared size; tar entries against their declared
 *       size; gzip streams carry their own CRC, which the decoder checks.</li>
 *   <li>Every entry must be there: a zip's end record must close the file, its central directory must end where the
 *       end record begins and must list as many entries as the end record declares, and every entry's local header
 *       must sit at the offset the directory gives, under the same name (so bytes inserted into or removed from a
 *       zip are an error, not a silently shorter extraction); a tar must end with its end-of-archive marker (a
 *       zero record), so a tar cut between two entries is an error. An archive with no regular file to extract
 *       (empty, or only folders and links) is an error too.</li>
 *   <li>Nothing partial is left: entries go to a hidden staging folder {@code dest/.extracting-*} first and are moved
 *       into {@code dest} only when the whole archive extracted cleanly; on failure the staging folder is deleted and
 *       {@code dest} holds exactly what it held before. Existing files of the same name are replaced on success.</li>
 *   <li>No {@link Error} from a hostile archive escapes: an {@link OutOfMemoryError} or {@link StackOverflowError}
 *       while reading it is reported as {@link CorruptArchiveException}.</li>
 * </ul>
 *
 * <p>This class is stateless and thread-safe; concurrent extractions into the same folder are not supported.
 */
public final class Archives {

    private static final Logger LOG = LoggerFactory.getLogger(Archives.class);
    private static final String STAGING_PREFIX = ".extracting-";
    private static final int UNIX_TYPE_MASK = 0170000;
    private static final int UNIX_REGULAR = 0100000;
    private static final int UNIX_DIRECTORY = 0040000;

    private Archives() {
    }

    /**
     * Extracts an archive with the {@link ExtractionLimits#DEFAULT default limits}.
     *
     * @param archive the archive file
     * @param dest    the destination folder (created if needed)
     * @return the number of regular files written
     * @throws CorruptArchiveException  if the archive is truncated, corrupt, unsafe or exceeds a limit
     * @throws IllegalArgumentException if the file name has none of the supported suffixes
     * @throws IOException              if reading or writing fails otherwise
     */
    public static int extract(Path archive, Path dest) throws IOException {
        return extract(archive, dest, ExtractionLimits.DEFAULT);
    }

    /**
     * Extracts an archive.
     *
     * @param archive the archive file
     * @param dest    the destination folder (created if needed)
     * @param limits  the size, ratio and count bounds
     * @return the number of regular files written
     * @throws CorruptArchiveException  if the archive is truncated, corrupt, unsafe or exceeds a limit
     * @throws IllegalArgumentException if the file name has none of the supported suffixes
     * @throws IOException              if reading or writing fails otherwise
     */
    public static int extract(Path archive, Path dest, ExtractionLimits limits) throws IOException {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(dest, "dest");
        Objects.requireNonNull(limits, "limits");
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".zip") && !name.endsWith(".tgz") && !name.endsWith(".tar") && !name.endsWith(".gz")) {
            throw new IllegalArgumentException("unsupported archive type: " + archive
                    + " (expected .zip, .tar, .tar.gz, .tgz or .gz)");
        }
        Files.createDirectories(dest);
        Path root = dest.toAbsolutePath().normalize();
        removeStaleStaging(root);
        long size = Files.size(archive);
        Path staging = Files.createTempDirectory(root, STAGING_PREFIX);
        try (ProgressMeter meter = ProgressMeter.start("extracting " + archive.getFileName(), size,
                ProgressMeter.Unit.BYTES)) {
            Budget budget = new Budget(archive, size, limits);
            int files;
            if (name.endsWith(".zip")) {
                files = extractZip(archive, staging, budget, meter);
            } else if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
                try (InputStream in = new CountingStream(Files.newInputStream(archive), meter)) {
                    files = extractTar(new GzipCompressorInputStream(new BufferedInputStream(in)), archive, staging,
                            budget);
                }
            } else if (name.endsWith(".tar")) {
                try (InputStream in = new CountingStream(Files.newInputStream(archive), meter)) {
                    files = extractTar(new BufferedInputStream(in), archive, staging, budget);
                }
            } else {
                String plain = archive.getFileName().toString();
                Path out = safeResolve(staging, plain.substring(0, plain.length() - 3), archive);
                try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(
                        new CountingStream(Files.newInputStream(archive), meter)))) {
                    budget.copy(in, out, -1, plain);
                }
                files = 1;
            }
            if (files == 0) {
                throw new CorruptArchiveException(archive, "it holds no file to extract (it is empty, or holds only "
                        + "folders or skipped links)", null);
            }
            moveInto(staging, root);
            return files;
        } catch (CorruptArchiveException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptArchiveException(archive, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw new CorruptArchiveException(archive, "reading it exhausted the Java "
                    + (e instanceof OutOfMemoryError ? "heap" : "stack") + " (" + e + ")", null);
        } finally {
            deleteTree(staging);
        }
    }

    private static int extractZip(Path archive, Path staging, Budget budget, ProgressMeter meter)
            throws IOException {
        int files = 0;
        long declared = ZipEnd.read(archive).entries();
        long listed = 0;
        try (ZipFile zip = ZipFile.builder().setPath(archive).get();
             FileChannel raw = FileChannel.open(archive, StandardOpenOption.READ)) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                budget.countEntry();
                listed++;
                String name = entry.getName();
                checkLocalHeader(raw, entry, archive);
                int unixType = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX
                        ? entry.getUnixMode() & UNIX_TYPE_MASK : 0;
                if (entry.isDirectory()) {
                    makeDirectory(staging, name, archive);
                } else if (unixType != 0 && unixType != UNIX_REGULAR && unixType != UNIX_DIRECTORY) {
                    LOG.warn("{}: skipping {} {}", archive, entry.isUnixSymlink() ? "symbolic link" : "special entry",
                            name);
                } else {
                    Path out = safeResolve(staging, name, archive);
                    Files.createDirectories(out.getParent());
                    CRC32 crc = new CRC32();
                    try (InputStream in = zip.getInputStream(entry)) {
                        budget.copy(in, out, entry.getSize(), name, crc);
                    }
                    long written = Files.size(out);
                    if (entry.getSize() >= 0 && written != entry.getSize()) {
                        throw new CorruptArchiveException(archive, "entry " + name + " holds " + written
                                + " bytes but its header declares " + entry.getSize(), null);
                    }
                    if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
                        throw new CorruptArchiveException(archive, String.format("entry %s is damaged: CRC-32 "
                                + "0x%08X, expected 0x%08X", name, crc.getValue(), entry.getCrc()), null);
                    }
                    files++;
                }
                meter.update(Math.max(0, entry.getDataOffset()) + Math.max(0, entry.getCompressedSize()));
            }
        }
        if (listed != declared) {
            throw new CorruptArchiveException(archive, "its central directory declares " + declared + " entries but "
                    + listed + " could be read (bytes were inserted or removed)", null);
        }
        return files;
    }

    /**
     * Checks that the local header of an entry sits where the central directory says, under the same name: after
     * bytes are inserted or removed, the directory's offsets point elsewhere.
     */
    private static void checkLocalHeader(FileChannel raw, ZipArchiveEntry entry, Path archive) throws IOException {
        byte[] name = entry.getRawName();
        long at = entry.getLocalHeaderOffset();
        ByteBuffer header = ZipEnd.readAt(raw, at, 30 + name.length);
        if (header == null || header.getInt(0) != ZipEnd.LOCAL_HEADER
                || (header.getShort(26) & 0xFFFF) != name.length
                || !Arrays.equals(Arrays.copyOfRange(header.array(), 30, 30 + name.length), name)) {
            throw new CorruptArchiveException(archive, "the central directory puts entry " + entry.getName()
                    + " at offset " + at + ", where its local header is not (bytes were inserted or removed)", null);
        }
    }

    /**
     * What a zip's end-of-central-directory record (and its zip64 form) declares, checked against the file: the
     * record (with its comment) must end the file, and the central directory must end where the record begins.
     *
     * @param entries number of entries the central directory lists
     * @param directoryOffset where the central directory starts
     * @param directorySize its length in bytes
     */
    record ZipEnd(long entries, long directoryOffset, long directorySize) {
        static final int LOCAL_HEADER = 0x04034b50;
        private static final int END = 0x06054b50;
        private static final int END64 = 0x06064b50;
        private static final int END64_LOCATOR = 0x07064b50;

        static ZipEnd read(Path archive) throws IOException {
            try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.READ)) {
                long size = ch.size();
                int tailLength = (int) Math.min(size, 22 + 0xFFFF);
                ByteBuffer tail = readAt(ch, size - tailLength, tailLength);
                int found = -1;
                for (int i = tailLength - 22; i >= 0 && found < 0; i--) {
                    if (tail.getInt(i) == END && i + 22 + (tail.getShort(i + 20) & 0xFFFF) == tailLength) {
                        found = i;
                    }
                }
                if (found < 0) {
                    throw new CorruptArchiveException(archive, "no end-of-central-directory record ends the file "
                            + "(it is truncated, or bytes were added or removed near its end)", null);
                }
                long end = size - tailLength + found;
                long entries = tail.getShort(found + 10) & 0xFFFF;
                long directorySize = tail.getInt(found + 12) & 0xFFFFFFFFL;
                long directoryOffset = tail.getInt(found + 16) & 0xFFFFFFFFL;
                long directoryEnd = end;
                if (entries == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
                    ByteBuffer locator = end >= 20 ? readAt(ch, end - 20, 20) : null;
                    if (locator == null || locator.getInt(0) != END64_LOCATOR) {
                        throw new CorruptArchiveException(archive, "its end record asks for a zip64 end record, "
                                + "whose locator is missing", null);
                    }
                    long at = locator.getLong(8);
                    ByteBuffer end64 = at >= 0 && at < end ? readAt(ch, at, 56) : null;
                    if (end64 == null || end64.getInt(0) != END64 || at + 12 + end64.getLong(4) != end - 20) {
                        throw new CorruptArchiveException(archive, "its zip64 end record is not where its locator "
                                + "points (offset " + at + ")", null);
                    }
                    entries = end64.getLong(32);
                    directorySize = end64.getLong(40);
                    directoryOffset = end64.getLong(48);
                    directoryEnd = at;
                }
                if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize != directoryEnd) {
                    throw new CorruptArchiveException(archive, "its central directory (" + directorySize
                            + " bytes at offset " + directoryOffset + ") does not end where the end record begins "
                            + "(offset " + directoryEnd + "): bytes were inserted or removed", null);
                }
                return new ZipEnd(entries, directoryOffset, directorySize);
            }
        }

        /** @return {@code length} bytes at {@code position}, little-endian, or null past the end of the file */
        static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
            if (position < 0 || position + length > ch.size()) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                if (ch.read(b, position + b.position()) < 0) {
                    return null;
                }
            }
            return b;
        }
    }

    private static int extractTar(InputStream raw, Path archive, Path staging, Budget budget) throws IOException {
        int files = 0;
        try (BoundedTarInputStream tar = new BoundedTarInputStream(raw, archive, budget.limits.maxMetadataBytes())) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                budget.countEntry();
                String name = entry.getName();
                byte type = entry.getLinkFlag();
                if (entry.isDirectory()) {
                    makeDirectory(staging, name, archive);
                } else if (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM
                        || type == TarConstants.LF_CONTIG) {
                    Path out = safeResolve(staging, name, archive);
                    Files.createDirectories(out.getParent());
                    budget.copy(tar, out, entry.getSize(), name);
                    long written = Files.size(out);
                    if (written != entry.getSize()) {
                        throw new CorruptArchiveException(archive, "entry " + name + " is truncated (" + written
                                + " of " + entry.getSize() + " bytes)", null);
                    }
                    files++;
                } else {
                    LOG.warn("{}: skipping {} {}", archive, describe(entry), name);
                }
            }
            if (!tar.sawEndMarker()) {
                throw new CorruptArchiveException(archive, "the tar ends without its end-of-archive marker after "
                        + files + " files: it is truncated", null);
            }
        }
        return files;
    }

    private static String describe(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "symbolic link";
        }
        if (entry.isLink()) {
            return "hard link";
        }
        if (entry.isFIFO()) {
            return "FIFO";
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "device";
        }
        return "entry of type '" + (char) entry.getLinkFlag() + "'";
    }

    private static void makeDirectory(Path staging, String name, Path archive) throws IOException {
        Path out = resolveBelow(staging, name, archive);
        if (!out.equals(staging)) {
            Files.createDirectories(out);
        }
    }

    /** Resolves an entry name to a path strictly below {@code root}, refusing names that escape it or name it. */
    static Path safeResolve(Path root, String entryName, Path archive) throws CorruptArchiveException {
        Path out = resolveBelow(root, entryName, archive);
        if (out.equals(root)) {
            throw new CorruptArchiveException(archive, "entry '" + entryName + "' names the destination folder "
                    + "itself, not a file in it", null);
        }
        return out;
    }

    private static Path resolveBelow(Path root, String entryName, Path archive) throws CorruptArchiveException {
        Path out;
        try {
            out = root.resolve(entryName).normalize();
        } catch (InvalidPathException e) {
            throw new CorruptArchiveException(archive, "entry name '" + entryName + "' is not a valid path ("
                    + e.getReason() + ")", e);
        }
        if (!out.startsWith(root)) {
            throw new CorruptArchiveException(archive, "entry '" + entryName + "' would be written outside the "
                    + "destination folder", null);
        }
        return out;
    }

    /** Moves everything below {@code staging} into {@code root}, merging folders and replacing files. */
    private static void moveInto(Path staging, Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(staging)) {
            paths = s.filter(p -> !p.equals(staging)).sorted().toList();
        }
        for (Path p : paths) {
            Path target = root.resolve(staging.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.move(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Deletes staging folders that an earlier, killed extraction left behind. */
    private static void removeStaleStaging(Path root) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, STAGING_PREFIX + "*")) {
            ds.forEach(stale::add);
        }
        for (Path p : stale) {
            LOG.info("removing {} left behind by an interrupted extraction", p);
            deleteTree(p);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not delete the staging folder {}: {}", dir, e.toString());
        }
    }

    /** Counts entries and written bytes against the limits. */
    private static final class Budget {
        private final Path archive;
        private final long archiveSize;
        private final ExtractionLimits limits;
        private long written;
        private int entries;

        Budget(Path archive, long archiveSize, ExtractionLimits limits) {
            this.archive = archive;
            this.archiveSize = archiveSize;
            this.limits = limits;
        }

        void countEntry() throws CorruptArchiveException {
            if (++entries > limits.maxEntries()) {
                throw new CorruptArchiveException(archive, "more than " + limits.maxEntries() + " entries, the "
                        + "extraction limit", null);
            }
        }

        void copy(InputStream in, Path out, long declared, String entry) throws IOException {
            copy(in, out, declared, entry, null);
        }

        /** Copies {@code in} to a new file {@code out}, checking the limits before every write. */
        void copy(InputStream in, Path out, long declared, String entry, CRC32 crc) throws IOException {
            if (declared > 0) {
                check(declared, entry, " declares");
            }
            byte[] buffer = new byte[1 << 16];
            try (OutputStream os = Files.newOutputStream(out)) {
                int r;
                while ((r = in.read(buffer)) > 0) {
                    check(r, entry, " needs");
                    written += r;
                    if (crc != null) {
                        crc.update(buffer, 0, r);
                    }
                    os.write(buffer, 0, r);
                }
            }
        }

        private void check(long more, String entry, String verb) throws CorruptArchiveException {
            long total = written + more;
            if (total > limits.maxTotalBytes()) {
                throw new CorruptArchiveException(archive, "entry " + entry + verb + " more than the "
                        + limits.maxTotalBytes() + " bytes the extraction may write in total", null);
            }
            if (total > limits.ratioFloorBytes() && total > limits.maxInflationRatio() * archiveSize) {
                throw new CorruptArchiveException(archive, "entry " + entry + verb + " " + total
                        + " bytes in total from an archive of " + archiveSize + " bytes, more than the inflation "
                        + "ratio limit " + limits.maxInflationRatio() + ":1 (a decompression bomb?)", null);
            }
        }
    }

    /**
     * A tar reader that refuses metadata records (GNU long name or long link, PAX headers) larger than a bound, so
     * a record declaring hundreds of megabytes is refused before commons-compress buffers it.
     */
    private static final class BoundedTarInputStream extends TarArchiveInputStream {
        private final Path archive;
        private final long maxMetadata;
        private TarArchiveEntry counted;
        private long metadataRead;
        private boolean endMarker;

        BoundedTarInputStream(InputStream in, Path archive, long maxMetadata) {
            super(in);
            this.archive = archive;
            this.maxMetadata = maxMetadata;
        }

        /** @return whether a zero record (the end-of-archive marker) was read, rather than the stream just ending */
        boolean sawEndMarker() {
            return endMarker;
        }

        @Override
        protected byte[] readRecord() throws IOException {
            byte[] record = super.readRecord();
            if (record != null && isEOFRecord(record)) {
                endMarker = true;
            }
            return record;
        }

        @Override
        public int read(byte[] buf, int offset, int numToRead) throws IOException {
            TarArchiveEntry e = getCurrentEntry();
            boolean metadata = e != null && (e.isGNULongNameEntry() || e.isGNULongLinkEntry() || e.isPaxHeader()
                    || e.isGlobalPaxHeader());
            if (!metadata) {
                return super.read(buf, offset, numToRead);
            }
            if (e != counted) {
                counted = e;
                metadataRead = 0;
                if (e.getSize() > maxMetadata) {
                    throw new CorruptArchiveException(archive, "a tar metadata record (long name or PAX header) "
                            + "declares " + e.getSize() + " bytes, more than the limit " + maxMetadata, null);
                }
            }
            int r = super.read(buf, offset, (int) Math.min(numToRead, maxMetadata + 1 - metadataRead));
            if (r > 0) {
                metadataRead += r;
                if (metadataRead > maxMetadata) {
                    throw new CorruptArchiveException(archive, "a tar metadata record (long name or PAX header) "
                            + "holds more than the limit of " + maxMetadata + " bytes", null);
                }
            }
            return r;
        }
    }

    /** Reports the number of compressed bytes read to a progress meter. */
    private static final class CountingStream extends FilterInputStream {
        private final ProgressMeter meter;
        private long count;

        CountingStream(InputStream in, ProgressMeter meter) {
            super(in);
            this.meter = meter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                meter.update(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
                meter.update(count);
            }
            return r;
        }
    }
}
