package io.matterhorn.data.idx;

import static io.matterhorn.data.IdxTestFiles.gzip;
import static io.matterhorn.data.IdxTestFiles.idx;
import static io.matterhorn.data.IdxTestFiles.withHeader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path tmp;

    private static final int[] SHAPE = {3, 2, 4};

    private static byte[] sampleData() {
        byte[] data = new byte[24];
        for (int k = 0; k < data.length; k++) {
            data[k] = (byte) (k * 11); // covers values above 127
        }
        data[23] = (byte) 255;
        return data;
    }

    private static void assertSample(IdxArray a) {
        assertArrayEquals(SHAPE, a.shape());
        assertEquals(3, a.rank());
        assertEquals(24, a.length());
        byte[] data = sampleData();
        for (int k = 0; k < data.length; k++) {
            assertEquals(data[k] & 0xFF, a.unsigned(k), "element " + k);
        }
        assertEquals(255, a.unsigned(23));
        assertEquals(11 * 20, a.unsigned(20));
    }

    private IdxFormatException readBad(String name, byte[] content) throws IOException {
        Path file = Files.write(tmp.resolve(name), content);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file, 3));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertEquals(file.toString(), e.source());
        return e;
    }

    @Test
    void roundTripPlain() throws IOException {
        Path file = Files.write(tmp.resolve("images-idx3-ubyte"), idx(SHAPE, sampleData()));
        assertSample(IdxReader.read(file));
        assertSample(IdxReader.read(file, 3));
    }

    @Test
    void roundTripGzipDetectedByContentNotName() throws IOException {
        Path gzNoSuffix = Files.write(tmp.resolve("images-plain-name"), gzip(idx(SHAPE, sampleData())));
        assertSample(IdxReader.read(gzNoSuffix, 3));
        Path plainWithGzSuffix = Files.write(tmp.resolve("images.gz"), idx(SHAPE, sampleData()));
        assertSample(IdxReader.read(plainWithGzSuffix, 3));
    }

    @Test
    void roundTripStreamLeavesStreamOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream(gzip(idx(SHAPE, sampleData()))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertSample(IdxReader.read(in, "memory"));
        assertTrue(!closed[0], "caller's stream must not be closed");
    }

    @Test
    void labelsRoundTrip() throws IOException {
        Path file = Files.write(tmp.resolve("labels"), idx(new int[] {5}, new byte[] {0, 9, 3, 7, 1}));
        IdxArray a = IdxReader.read(file, 1);
        assertArrayEquals(new int[] {5}, a.shape());
        assertArrayEquals(new byte[] {0, 9, 3, 7, 1}, a.toByteArray());
    }

    @Test
    void emptyArrayIsAllowed() throws IOException {
        Path file = Files.write(tmp.resolve("empty-images"), idx(new int[] {0, 28, 28}, new byte[0]));
        IdxArray a = IdxReader.read(file, 3);
        assertArrayEquals(new int[] {0, 28, 28}, a.shape());
        assertEquals(0, a.length());
    }

    @Test
    void wrongMagicShowsExpectedAndFoundInHex() throws IOException {
        byte[] content = withHeader(0x12345678, new int[] {3, 2, 4}, sampleData());
        IdxFormatException e = readBad("bad-magic", content);
        assertTrue(e.getMessage().contains("expected 0x00000803"), e.getMessage());
        assertTrue(e.getMessage().contains("found 0x12345678"), e.getMessage());
    }

    @Test
    void wrongMagicInsideGzip() throws IOException {
        byte[] content = gzip(withHeader(0x01020304, new int[] {3, 2, 4}, sampleData()));
        IdxFormatException e = readBad("bad-magic.gz", content);
        assertTrue(e.getMessage().contains("found 0x01020304"), e.getMessage());
    }

    @Test
    void unsupportedElementType() throws IOException {
        IdxFormatException e = readBad("floats", withHeader(0x00000D03, new int[] {3, 2, 1}, new byte[24]));
        assertTrue(e.getMessage().contains("unsupported element type 0x0D"), e.getMessage());
    }

    @Test
    void dimensionCountMismatch() throws IOException {
        IdxFormatException e = readBad("labels-not-images", idx(new int[] {4}, new byte[4]));
        assertTrue(e.getMessage().contains("expected 3"), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000801"), e.getMessage());
    }

    @Test
    void zeroDimensionsRejected() throws IOException {
        Path file = Files.write(tmp.resolve("rank0"), withHeader(0x00000800, new int[0], new byte[0]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains("zero dimensions"), e.getMessage());
    }

    @Test
    void truncatedDataPlain() throws IOException {
        // header says 10 images of 28x28 (7840 bytes) but only 100 follow
        IdxFormatException e = readBad("short", withHeader(0x00000803, new int[] {10, 28, 28}, new byte[100]));
        assertTrue(e.getMessage().contains("expected 7840 bytes of data"), e.getMessage());
        assertTrue(e.getMessage().contains("found 100"), e.getMessage());
    }

    @Test
    void truncatedDataGzip() throws IOException {
        byte[] content = gzip(withHeader(0x00000803, new int[] {10, 28, 28}, new byte[100]));
        IdxFormatException e = readBad("short.gz", content);
        assertTrue(e.getMessage().contains("expected 7840 bytes of data"), e.getMessage());
        assertTrue(e.getMessage().contains("found 100"), e.getMessage());
    }

    @Test
    void truncatedGzipStream() throws IOException {
        byte[] full = gzip(idx(new int[] {50, 28, 28}, randomBytes(50 * 28 * 28)));
        IdxFormatException e = readBad("cut.gz", Arrays.copyOf(full, full.length / 2));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void largeDeclaredSizeWithTinyFileIsTruncationNotAllocation() throws IOException {
        // full MNIST training header (47 MB declared), 10 bytes of data
        IdxFormatException e = readBad("fake-60k", withHeader(0x00000803, new int[] {60000, 28, 28}, new byte[10]));
        assertTrue(e.getMessage().contains("expected 47040000 bytes of data"), e.getMessage());
        assertTrue(e.getMessage().contains("found 10"), e.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] content = Arrays.copyOf(withHeader(0x00000803, new int[] {10, 28, 28}, new byte[0]), 9);
        IdxFormatException e = readBad("short-header", content);
        assertTrue(e.getMessage().contains("truncated header"), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        IdxFormatException e = readBad("empty", new byte[0]);
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void trailingGarbage() throws IOException {
        byte[] good = idx(SHAPE, sampleData());
        byte[] content = Arrays.copyOf(good, good.length + 7);
        IdxFormatException e = readBad("trailing", content);
        assertTrue(e.getMessage().contains("trailing garbage: 7 unexpected byte(s)"), e.getMessage());
        IdxFormatException gz = readBad("trailing.gz", gzip(content));
        assertTrue(gz.getMessage().contains("trailing garbage"), gz.getMessage());
    }

    @Test
    void negativeSize() throws IOException {
        IdxFormatException e = readBad("negative", withHeader(0x00000803, new int[] {10, -28, 28}, new byte[0]));
        assertTrue(e.getMessage().contains("dimension 1 has a negative size (-28)"), e.getMessage());
    }

    @Test
    void absurdSizeRejectedFromHeader() throws IOException {
        IdxFormatException e = readBad("huge", withHeader(0x00000803,
                new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 2}, new byte[16]));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        IdxFormatException e2 = readBad("huge2", withHeader(0x00000803, new int[] {100000, 100000, 1}, new byte[0]));
        assertTrue(e2.getMessage().contains("limit"), e2.getMessage());
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] content = gzip(idx(SHAPE, sampleData()));
        for (int k = 12; k < content.length - 8; k++) {
            content[k] ^= 0x5A;
        }
        Path file = Files.write(tmp.resolve("corrupt.gz"), content);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void missingFileIsPlainIoException() {
        Path missing = tmp.resolve("nope");
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(missing));
        assertTrue(!(e instanceof IdxFormatException));
    }

    @Test
    void badExpectedRankArgument() {
        assertThrows(IllegalArgumentException.class,
                () -> IdxReader.read(new ByteArrayInputStream(new byte[0]), "x", -1));
    }

    @Test
    void idxArrayIsImmutableAndValidated() {
        int[] shape = {2, 2};
        byte[] data = {1, 2, 3, (byte) 200};
        IdxArray a = new IdxArray(shape, data);
        shape[0] = 9;
        data[0] = 9;
        a.shape()[1] = 7;
        a.toByteArray()[1] = 7;
        assertArrayEquals(new int[] {2, 2}, a.shape());
        assertEquals(1, a.unsigned(0));
        assertEquals(2, a.unsigned(1));
        assertEquals(200, a.unsigned(3));
        assertThrows(IllegalArgumentException.class, () -> new IdxArray(new int[] {3}, new byte[2]));
        assertThrows(IllegalArgumentException.class, () -> new IdxArray(new int[0], new byte[0]));
        assertThrows(IndexOutOfBoundsException.class, () -> a.unsigned(4));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(7).nextBytes(b);
        return b;
    }
}
