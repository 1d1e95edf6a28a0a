package io.matterhorn.data.download;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
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
 * <p>Entries are written below the destination folder only: an entry whose normalised path would leave it
 * (absolute, or with {@code ..}) raises {@link CorruptArchiveException}, as does a truncated or corrupt archive.
 * Links and special tar entries are skipped. Existing files are overwritten.
 */
public final class Archives {

    private static final Logger LOG = LoggerFactory.getLogger(Archives.class);

    private Archives() {
    }

    /**
     * Extracts an archive.
     *
     * @param archive the archive file
     * @param dest    the destination folder (created if needed)
     * @return the number of regular files written
     * @throws CorruptArchiveException  if the archive is truncated, corrupt or unsafe
     * @throws IllegalArgumentException if the file name has none of the supported suffixes
     * @throws IOException              if reading or writing fails otherwise
     */
    public static int extract(Path archive, Path dest) throws IOException {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(dest, "dest");
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".zip") && !name.endsWith(".tgz") && !name.endsWith(".tar") && !name.endsWith(".gz")) {
            throw new IllegalArgumentException("unsupported archive type: " + archive
                    + " (expected .zip, .tar, .tar.gz, .tgz or .gz)");
        }
        Files.createDirectories(dest);
        Path root = dest.toAbsolutePath().normalize();
        long size = Files.size(archive);
        try (ProgressMeter meter = ProgressMeter.start("extracting " + archive.getFileName(), size,
                ProgressMeter.Unit.BYTES)) {
            if (name.endsWith(".zip")) {
                return extractZip(archive, root, meter);
            }
            if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
                try (InputStream in = new CountingStream(Files.newInputStream(archive), meter)) {
                    return extractTar(new GzipCompressorInputStream(new BufferedInputStream(in)), archive, root);
                }
            }
            if (name.endsWith(".tar")) {
                try (InputStream in = new CountingStream(Files.newInputStream(archive), meter)) {
                    return extractTar(new BufferedInputStream(in), archive, root);
                }
            }
            String plain = archive.getFileName().toString();
            Path out = safeResolve(root, plain.substring(0, plain.length() - 3), archive);
            try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(
                    new CountingStream(Files.newInputStream(archive), meter)))) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            return 1;
        } catch (CorruptArchiveException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptArchiveException(archive, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static int extractZip(Path archive, Path root, ProgressMeter meter) throws IOException {
        int files = 0;
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                Path out = safeResolve(root, entry.getName(), archive);
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isUnixSymlink()) {
                    LOG.warn("{}: skipping symbolic link {}", archive, entry.getName());
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                    files++;
                }
                meter.update(Math.max(0, entry.getDataOffset()) + Math.max(0, entry.getCompressedSize()));
            }
        }
        return files;
    }

    private static int extractTar(InputStream raw, Path archive, Path root) throws IOException {
        int files = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = safeResolve(root, entry.getName(), archive);
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    checkComplete(entry, out, archive);
                    files++;
                } else {
                    LOG.warn("{}: skipping non-file entry {}", archive, entry.getName());
                }
            }
        }
        return files;
    }

    /** A tar entry cut short by a truncated archive leaves a short file: report it. */
    private static void checkComplete(ArchiveEntry entry, Path out, Path archive) throws IOException {
        long written = Files.size(out);
        if (entry.getSize() >= 0 && written != entry.getSize()) {
            throw new CorruptArchiveException(archive, "entry " + entry.getName() + " is truncated (" + written
                    + " of " + entry.getSize() + " bytes)", null);
        }
    }

    /** Resolves an entry name below {@code root}, refusing names that escape it. */
    static Path safeResolve(Path root, String entryName, Path archive) throws CorruptArchiveException {
        Path out = root.resolve(entryName).normalize();
        if (!out.startsWith(root)) {
            throw new CorruptArchiveException(archive, "entry '" + entryName + "' would be written outside "
                    + root, null);
        }
        return out;
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
