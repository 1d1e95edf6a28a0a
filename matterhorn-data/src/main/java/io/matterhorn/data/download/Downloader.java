package io.matterhorn.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads data set files over HTTP(S), resumably and with MD5 verification.
 *
 * <p>{@link #fetch(Resource, Path)} works in three steps:
 * <ol>
 *   <li>If {@code dir/fileName} exists, its MD5 is checked and the file is used (a mismatch raises
 *       {@link ChecksumMismatchException}: the file is never silently replaced).</li>
 *   <li>Otherwise the bytes go to {@code dir/fileName.part}. If that file exists from an interrupted run, the
 *       download resumes with an HTTP {@code Range} request; a server that ignores ranges (status 200) restarts
 *       it from zero. Progress is shown by a {@link ProgressMeter}.</li>
 *   <li>The finished {@code .part} file is checked against the MD5 (deleted on mismatch) and then renamed to
 *       {@code fileName} atomically, so {@code fileName} only ever exists complete.</li>
 * </ol>
 * Redirects are followed (the figshare and Mendeley links redirect to storage servers).
 */
public final class Downloader {

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    private static final int BUFFER_BYTES = 1 << 16;

    private final HttpClient client;
    private final Duration responseTimeout;

    private Downloader(HttpClient client, Duration responseTimeout) {
        this.client = client;
        this.responseTimeout = responseTimeout;
    }

    /**
     * Creates a downloader with a 30-second connect timeout and a 60-second wait for each response's headers.
     *
     * @return the downloader
     */
    public static Downloader create() {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        return new Downloader(client, Duration.ofSeconds(60));
    }

    /**
     * Makes sure {@code dir/resource.fileName()} exists with the published MD5, downloading what is missing.
     *
     * @param resource the file to get
     * @param dir      the folder to put it in (created if needed)
     * @return the path of the verified file
     * @throws ChecksumMismatchException if the existing or downloaded file has a different MD5
     * @throws IOException               if the server answers with an error or the connection fails (a partial
     *                                   download stays in {@code .part} and resumes next time)
     */
    public Path fetch(Resource resource, Path dir) throws IOException {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(dir, "dir");
        Files.createDirectories(dir);
        Path target = dir.resolve(resource.fileName());
        if (Files.isRegularFile(target)) {
            Md5.verify(target, resource.md5());
            LOG.debug("{} already present and verified", target);
            return target;
        }
        Path part = dir.resolve(resource.fileName() + ".part");
        download(resource, part);
        try {
            Md5.verify(part, resource.md5());
        } catch (ChecksumMismatchException e) {
            Files.deleteIfExists(part);
            throw new ChecksumMismatchException(target, e.expected(), e.actual());
        }
        moveAtomically(part, target);
        LOG.info("Downloaded and verified {}", target);
        return target;
    }

    private void download(Resource resource, Path part) throws IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(resource.url())).timeout(responseTimeout)
                .GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
            LOG.info("Resuming {} at {} bytes", resource.fileName(), have);
        } else {
            LOG.info("Downloading {} from {}", resource.fileName(), resource.url());
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + resource.fileName() + " interrupted");
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 416 && have > 0) {
                return; // the .part file already holds everything; the MD5 check decides
            }
            boolean append;
            if (status == 206 && have > 0) {
                append = true;
            } else if (status == 200) {
                append = false;
                have = 0;
            } else {
                throw new IOException("download of " + resource.fileName() + " failed: HTTP " + status + " from "
                        + resource.url());
            }
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            long total = length.isPresent() ? have + length.getAsLong() : -1;
            copy(body, part, append, have, total, resource.fileName());
        }
    }

    private static void copy(InputStream body, Path part, boolean append, long have, long total, String label)
            throws IOException {
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                mode); ProgressMeter meter = ProgressMeter.start(label, total, ProgressMeter.Unit.BYTES)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            long done = have;
            meter.update(done);
            int r;
            while ((r = body.read(buffer)) > 0) {
                out.write(buffer, 0, r);
                done += r;
                meter.update(done);
            }
        }
    }

    /** Renames {@code from} to {@code to} atomically where the file system allows it. */
    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
