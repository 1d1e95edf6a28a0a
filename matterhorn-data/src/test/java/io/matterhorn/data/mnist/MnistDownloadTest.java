package io.matterhorn.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.matterhorn.data.IdxTestFiles;
import io.matterhorn.data.download.ChecksumMismatchException;
import io.matterhorn.data.download.Resource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full-MNIST download against a local HTTP server that serves fixture files (tests have no internet). */
class MnistDownloadTest {

    private HttpServer server;
    private final Map<String, byte[]> served = new LinkedHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mnist/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/mnist/".length());
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(name + (range == null ? "" : " " + range));
            byte[] body = served.get(name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            int from = 0;
            int status = 200;
            if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
                from = Integer.parseInt(range.substring(6, range.length() - 1));
                status = 206;
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/"
                        + body.length);
            }
            exchange.sendResponseHeaders(status, body.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, from, body.length - from);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String mirror() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/";
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    /** Serves four small gzip IDX files (3 training and 2 test digits of 28x28) and returns their resources. */
    private List<Resource> fixture() throws Exception {
        byte[] trainImages = new byte[3 * 28 * 28];
        for (int i = 0; i < trainImages.length; i++) {
            trainImages[i] = (byte) (i % 251);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("train-images-idx3-ubyte.gz", IdxTestFiles.gzip(IdxTestFiles.idx(new int[] {3, 28, 28},
                trainImages)));
        files.put("train-labels-idx1-ubyte.gz", IdxTestFiles.gzip(IdxTestFiles.idx(new int[] {3},
                new byte[] {7, 2, 1})));
        files.put("t10k-images-idx3-ubyte.gz", IdxTestFiles.gzip(IdxTestFiles.idx(new int[] {2, 28, 28},
                new byte[2 * 28 * 28])));
        files.put("t10k-labels-idx1-ubyte.gz", IdxTestFiles.gzip(IdxTestFiles.idx(new int[] {2},
                new byte[] {0, 9})));
        served.putAll(files);
        List<Resource> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            out.add(new Resource(f.getKey(), mirror() + f.getKey(), md5(f.getValue())));
        }
        return out;
    }

    @Test
    void theStandardFilesAndTheirPublishedDigests() {
        List<Resource> r = MnistDownload.resources("https://example.org/m/");
        assertEquals(List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz"), r.stream().map(Resource::fileName).toList());
        assertEquals(List.of("f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"),
                r.stream().map(Resource::md5).toList());
        assertEquals("https://example.org/m/t10k-labels-idx1-ubyte.gz", r.get(3).url());
        assertTrue(MnistDownload.MIRROR.startsWith("https://"));
        assertThrows(IllegalArgumentException.class, () -> MnistDownload.resources("https://example.org/m"));
    }

    @Test
    void downloadsVerifiesAndLoadsBothSplits(@TempDir Path dir) throws Exception {
        List<Resource> resources = fixture();
        MnistDownload.download(dir, resources);
        MnistDataset train = MnistDataset.fromDirectory(dir, true);
        MnistDataset test = MnistDataset.fromDirectory(dir, false);
        assertEquals(3, train.size());
        assertEquals(2, test.size());
        assertArrayEquals(new int[] {7, 2, 1}, train.labels());
        assertEquals(30, train.pixel(0, 1, 2));                     // (28 + 2) % 251
        assertEquals(4, requests.size());
        // a second run finds every file present and verified: no request
        MnistDownload.download(dir, resources);
        assertEquals(4, requests.size());
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest(@TempDir Path dir) throws Exception {
        List<Resource> resources = fixture();
        byte[] images = served.get("train-images-idx3-ubyte.gz");
        int half = images.length / 2;
        Files.write(dir.resolve("train-images-idx3-ubyte.gz.part"), java.util.Arrays.copyOf(images, half));
        MnistDownload.download(dir, resources);
        assertTrue(requests.contains("train-images-idx3-ubyte.gz bytes=" + half + "-"), requests.toString());
        assertArrayEquals(images, Files.readAllBytes(dir.resolve("train-images-idx3-ubyte.gz")));
        assertFalse(Files.exists(dir.resolve("train-images-idx3-ubyte.gz.part")));
        assertEquals(3, MnistDataset.fromDirectory(dir, true).size());
    }

    @Test
    void aCorruptedFileFailsItsChecksumAndIsNotKept(@TempDir Path dir) throws Exception {
        List<Resource> resources = fixture();
        byte[] labels = served.get("t10k-labels-idx1-ubyte.gz").clone();
        labels[labels.length - 1] ^= 0x55;                                // the server now sends other bytes
        served.put("t10k-labels-idx1-ubyte.gz", labels);
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> MnistDownload.download(dir, resources));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("t10k-labels-idx1-ubyte.gz")));
        assertFalse(Files.exists(dir.resolve("t10k-labels-idx1-ubyte.gz.part")));
        assertTrue(Files.exists(dir.resolve("train-images-idx3-ubyte.gz")), "earlier files stay");
    }

    @Test
    void aMissingFileOnTheServerIsAnError(@TempDir Path dir) throws Exception {
        List<Resource> resources = fixture();
        served.remove("train-labels-idx1-ubyte.gz");
        IOException e = assertThrows(IOException.class, () -> MnistDownload.download(dir, resources));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }
}
