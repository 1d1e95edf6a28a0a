package io.matterhorn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds IDX byte images for tests. */
public final class IdxTestFiles {

    private IdxTestFiles() {
    }

    /** Returns a well-formed unsigned-byte IDX file with the given shape and data. */
    public static byte[] idx(int[] shape, byte[] data) {
        return withHeader(0x00000800 | shape.length, shape, data);
    }

    /** Returns a header with an arbitrary magic number and sizes, followed by {@code data} as is. */
    public static byte[] withHeader(int magic, int[] sizes, byte[] data) {
        ByteBuffer buf = ByteBuffer.allocate(4 + 4 * sizes.length + data.length);
        buf.putInt(magic);
        for (int size : sizes) {
            buf.putInt(size);
        }
        buf.put(data);
        return buf.array();
    }

    /** Returns the bytes gzip-compressed. */
    public static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes an images file {@code [n, rows, cols]} with pixel {@code k} of the whole file equal to {@code k % 256}.
     * */
    public static Path writeImages(Path file, int n, int rows, int cols) throws IOException {
        byte[] data = new byte[n * rows * cols];
        for (int k = 0; k < data.length; k++) {
            data[k] = (byte) k;
        }
        return Files.write(file, idx(new int[] {n, rows, cols}, data));
    }

    /** Writes a labels file with the given values. */
    public static Path writeLabels(Path file, int... labels) throws IOException {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return Files.write(file, idx(new int[] {labels.length}, data));
    }
}
