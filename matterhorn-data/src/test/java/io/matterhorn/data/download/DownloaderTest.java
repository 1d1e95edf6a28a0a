package io.matterhorn.data.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a server on the loopback interface (no network), with and without Range support. */
class DownloaderTest {

    private static final byte[] PAYLOAD = new byte[300_000];

    static {
        new SplittableRandom(5).nextBytes(PAYLOAD);
    }

    private HttpServer server;
    private final List<String> ranges = Collections.synchronizedList(new ArrayList<>());
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/file", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            int from = 0;
            int status = 200;
            if (range != null && range.startsWith("bytes=")) {
                from = Integer.parseInt(range.substring(6, range.length() - 1));
                status = 206;
            }
            byte[] body = Arrays.copyOfRange(PAYLOAD, from, PAYLOAD.length);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void downloadsAndVerifies(@TempDir Path dir) throws IOException {
        Resource r = new Resource("data.zip", base + "/file", Md5.of(PAYLOAD));
        Path f = Downloader.create().fetch(r, dir);
        assertArrayEquals(PAYLOAD, Files.readAllBytes(f));
        assertFalse(Files.exists(dir.resolve("data.zip.part")));
        assertEquals(List.of("null"), ranges);
        Downloader.create().fetch(r, dir);
        assertEquals(1, ranges.size(), "a verified file is not downloaded again");
    }

    @Test
    void resumesAnInterruptedDownloadWithARangeRequest(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("data.zip.part"), Arrays.copyOf(PAYLOAD, 123_456));
        Path f = Downloader.create().fetch(new Resource("data.zip", base + "/file", Md5.of(PAYLOAD)), dir);
        assertEquals(List.of("bytes=123456-"), ranges);
        assertArrayEquals(PAYLOAD, Files.readAllBytes(f));
    }

    @Test
    void checksumMismatchDeletesThePartialFileAndExplains(@TempDir Path dir) {
        Resource wrong = new Resource("data.zip", base + "/file", "0123456789abcdef0123456789abcdef");
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> Downloader.create().fetch(wrong, dir));
        assertTrue(e.getMessage().contains("expected 0123456789abcdef0123456789abcdef, got " + Md5.of(PAYLOAD)),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("data.zip")));
        assertFalse(Files.exists(dir.resolve("data.zip.part")));
    }

    @Test
    void existingCorruptFileIsReportedNotReplaced(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("data.zip"), new byte[] {1, 2, 3});
        Resource r = new Resource("data.zip", base + "/file", Md5.of(PAYLOAD));
        assertThrows(ChecksumMismatchException.class, () -> Downloader.create().fetch(r, dir));
        assertEquals(3, Files.size(dir.resolve("data.zip")));
        assertTrue(ranges.isEmpty(), "nothing downloaded");
    }

    @Test
    void httpErrorsNameTheStatusAndUrl(@TempDir Path dir) {
        Resource r = new Resource("m.zip", base + "/missing", Md5.of(PAYLOAD));
        IOException e = assertThrows(IOException.class, () -> Downloader.create().fetch(r, dir));
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("/missing"), e.getMessage());
    }

    @Test
    void resourceValidatesItsFields() {
        assertThrows(IllegalArgumentException.class, () -> new Resource("a/b.zip", "u", Md5.of(new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> new Resource("b.zip", "u", "xyz"));
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", Md5.of(new byte[0]));
    }
}
