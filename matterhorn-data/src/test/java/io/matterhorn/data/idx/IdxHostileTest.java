package io.matterhorn.data.idx;

import static io.matterhorn.data.IdxTestFiles.gzip;
import static io.matterhorn.data.IdxTestFiles.idx;
import static io.matterhorn.data.IdxTestFiles.withHeader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted IDX inputs whose declared size is far beyond what they hold or may inflate to. */
class IdxHostileTest {

    @TempDir
    Path tmp;

    /** Gzip of an IDX header declaring {@code shape} followed by {@code zeros} zero bytes (level 9: tiny). */
    private static byte[] gzipBomb(int[] shape, int zeros) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes) {
            {
                def.setLevel(9);
            }
        }) {
            gz.write(withHeader(0x00000800 | shape.length, shape, new byte[0]));
            byte[] block = new byte[1 << 16];
            for (int written = 0; written < zeros; written += block.length) {
                gz.write(block, 0, Math.min(block.length, zeros - written));
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void smallGzipDeclaring256MiBIsRefusedFromTheHeader() throws IOException {
        byte[] bomb = gzipBomb(new int[] {256, 1024, 1024}, 24 << 20);
        assertTrue(bomb.length < 64 * 1024, "bomb is " + bomb.length + " bytes");
        Path file = Files.write(tmp.resolve("bomb.gz"), bomb);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file, 3));
        assertTrue(e.getMessage().contains("inflation ratio"), e.getMessage());
        assertTrue(e.getMessage().contains("268435456 bytes of data from " + bomb.length), e.getMessage());
    }

    @Test
    void aStreamIsStoppedWhileReadingOnceTheRatioIsExceeded() throws IOException {
        byte[] bomb = gzipBomb(new int[] {256, 1024, 1024}, 40 << 20);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.read(new ByteArrayInputStream(bomb), "bomb", 3));
        assertTrue(e.getMessage().contains("inflation ratio"), e.getMessage());
    }

    @Test
    void twoToTheThirtyElementsInAKilobyteAreRefused() throws IOException {
        byte[] bomb = gzipBomb(new int[] {1024, 1024, 1024}, 1 << 16);
        Path file = Files.write(tmp.resolve("g30.gz"), bomb);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));
        assertTrue(e.getMessage().contains("inflation ratio"), e.getMessage());
        Path plain = Files.write(tmp.resolve("g30"), withHeader(0x00000803, new int[] {1024, 1024, 1024},
                new byte[1000]));
        IdxFormatException p = assertThrows(IdxFormatException.class, () -> IdxReader.read(plain));
        assertTrue(p.getMessage().contains("found 1000"), p.getMessage());
    }

    @Test
    void configurableLimitAndRatio() throws IOException {
        byte[] data = new byte[10 * 28 * 28];
        Path file = Files.write(tmp.resolve("ten"), idx(new int[] {10, 28, 28}, data));
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.read(file, 3, new IdxLimits(1000, 200, 0)));
        assertTrue(e.getMessage().contains("1000 bytes of data, the reader's limit"), e.getMessage());
        assertEquals(7840, IdxReader.read(file, 3, new IdxLimits(7840, 1, 0)).length());
        Path gz = Files.write(tmp.resolve("ten.gz"), gzip(idx(new int[] {10, 28, 28}, data)));
        // all-zero data compresses far beyond 2:1: refused with a strict ratio and no floor, read with the default
        assertThrows(IdxFormatException.class, () -> IdxReader.read(gz, 3, new IdxLimits(1 << 20, 2, 0)));
        assertThrows(IdxFormatException.class, () -> IdxReader.read(new ByteArrayInputStream(Files.readAllBytes(gz)),
                "ten.gz", 3, new IdxLimits(1 << 20, 2, 0)));
        assertArrayEquals(new int[] {10, 28, 28}, IdxReader.read(gz, 3).shape());
    }

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new IdxLimits(0, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new IdxLimits(Integer.MAX_VALUE, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new IdxLimits(10, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new IdxLimits(10, Double.POSITIVE_INFINITY, 0));
        assertThrows(IllegalArgumentException.class, () -> new IdxLimits(10, 2, -1));
    }
}
