package io.matterhorn.data.idx;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Parses one IDX stream. Holds the per-read state (source name, whether the stream is gzip, whether the gzip stream
 * was cut short), so a new instance is used for every read.
 */
final class IdxParser {

    /** Element type code for unsigned bytes, the only type supported. */
    static final int TYPE_UNSIGNED_BYTE = 0x08;

    /** Largest piece of data read (and allocated) at once before more data is known to exist. */
    private static final int CHUNK_BYTES = 1 << 20;

    private static final int BUFFER_BYTES = 1 << 16;

    /** Trailing bytes counted before giving up counting (the report then says "at least"). */
    private static final long TRAILING_COUNT_LIMIT = 1 << 20;

    private final String source;
    private final IdxLimits limits;
    private final long fileSize;
    private CountingStream compressed;
    private boolean gzip;
    private EOFException gzipCut;

    /**
     * @param source   name of the stream, used in error messages
     * @param limits   size and inflation bounds
     * @param fileSize size of the input in bytes when known (a file), otherwise {@code -1}
     */
    IdxParser(String source, IdxLimits limits, long fileSize) {
        this.source = source;
        this.limits = limits;
        this.fileSize = fileSize;
    }

    /**
     * Reads a whole IDX stream and closes it.
     *
     * @param raw          the plain or gzip-compressed stream
     * @param expectedRank required number of dimensions, or a value {@code <= 0} to accept any
     */
    IdxArray parse(InputStream raw, int expectedRank) throws IOException {
        try (InputStream in = decompressIfNeeded(raw)) {
            return parseIdx(in, expectedRank);
        } catch (ZipException e) {
            throw fail("corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    /** Wraps the stream in a gzip decoder when it starts with the gzip magic bytes 0x1f 0x8b. */
    private InputStream decompressIfNeeded(InputStream raw) throws IOException {
        compressed = new CountingStream(raw);
        BufferedInputStream buffered = new BufferedInputStream(compressed, BUFFER_BYTES);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
            return buffered;
        }
        gzip = true;
        try {
            return new GZIPInputStream(buffered, BUFFER_BYTES);
        } catch (EOFException e) {
            buffered.close();
            throw fail("truncated gzip header", e);
        } catch (ZipException e) {
            buffered.close();
            throw fail("corrupt gzip header (" + e.getMessage() + ")", e);
        }
    }

    private IdxArray parseIdx(InputStream in, int expectedRank) throws IOException {
        int[] shape = readHeader(in, expectedRank);
        int length = dataLength(shape);
        checkAgainstInput(length, shape);
        byte[] data = readData(in, length, shape);
        checkNoTrailingBytes(in, length);
        return IdxArray.wrap(shape, data);
    }

    /** Reads and checks the magic number and the dimension sizes; returns the shape. */
    private int[] readHeader(InputStream in, int expectedRank) throws IOException {
        byte[] magic = new byte[4];
        int got = fill(in, magic, 0, 4);
        if (got == 0 && gzipCut != null) {
            throw fail("truncated gzip stream: it ends before any IDX data", gzipCut);
        }
        if (got == 0) {
            throw fail("empty " + (gzip ? "gzip content" : "file") + "; expected an IDX header");
        }
        if (got < 4) {
            throw fail("too short for an IDX header: found " + got + " bytes, need at least 4" + cutNote());
        }
        int found = toInt(magic, 0);
        String expected = expectedRank > 0 ? hex(magicFor(expectedRank)) : "0x000008NN";
        if (magic[0] != 0 || magic[1] != 0) {
            throw fail("wrong magic number: expected " + expected + ", found " + hex(found)
                    + " (an IDX file starts with two zero bytes)");
        }
        int type = magic[2] & 0xFF;
        if (type != TYPE_UNSIGNED_BYTE) {
            throw fail(String.format("unsupported element type 0x%02X (%s) in magic number %s; only 0x08 "
                    + "(unsigned byte) is supported", type, typeName(type), hex(found)));
        }
        int rank = magic[3] & 0xFF;
        if (rank == 0) {
            throw fail("magic number " + hex(found) + " declares zero dimensions");
        }
        if (expectedRank > 0 && rank != expectedRank) {
            throw fail("wrong number of dimensions: expected " + expectedRank + " (magic " + expected
                    + "), found " + rank + " (magic " + hex(found) + ")");
        }
        byte[] sizes = new byte[4 * rank];
        got = fill(in, sizes, 0, sizes.length);
        if (got < sizes.length) {
            throw fail("truncated header: expected " + sizes.length + " bytes of dimension sizes, found " + got
                    + cutNote());
        }
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = toInt(sizes, 4 * i);
            if (shape[i] < 0) {
                throw fail("dimension " + i + " has a negative size (" + shape[i] + ")");
            }
        }
        return shape;
    }

    /** Returns the number of data bytes the shape needs, rejecting sizes beyond the limit before any allocation. */
    private int dataLength(int[] shape) throws IdxFormatException {
        for (int size : shape) {
            if (size == 0) {
                return 0;
            }
        }
        long product = 1;
        for (int size : shape) {
            product *= size; // cannot overflow: product <= maxDataBytes < 2^31 and size < 2^31
            if (product > limits.maxDataBytes()) {
                throw fail("declared shape " + Arrays.toString(shape) + " needs more than "
                        + limits.maxDataBytes() + " bytes of data, the reader's limit (corrupt header?)");
            }
        }
        return (int) product;
    }

    /**
     * For a file of known size, checks before any allocation that the declared data fits in it: all of it for a
     * plain file, at most the inflation ratio times the file size for a gzip file.
     */
    private void checkAgainstInput(int length, int[] shape) throws IdxFormatException {
        if (fileSize < 0) {
            return;
        }
        if (!gzip) {
            long available = Math.max(0, fileSize - 4 - 4L * shape.length);
            if (length > available) {
                throw fail("truncated data: expected " + length + " bytes of data for shape "
                        + Arrays.toString(shape) + ", found " + available);
            }
        } else if (!limits.ratioAllows(length, fileSize)) {
            throw fail(ratioProblem(length, fileSize));
        }
    }

    private String ratioProblem(long length, long compressedBytes) {
        return "the header declares " + length + " bytes of data from " + compressedBytes + " compressed bytes, "
                + "more than the inflation ratio limit " + limits.maxInflationRatio() + ":1 (corrupt header or a "
                + "decompression bomb?)";
    }

    /**
     * Reads exactly {@code length} bytes. When the input size was checked up front the array is allocated at once;
     * otherwise it grows in chunks, each growth allowed only after the previous chunk arrived and the inflation
     * ratio of the compressed bytes read so far still holds, so memory follows what the input really holds.
     */
    private byte[] readData(InputStream in, int length, int[] shape) throws IOException {
        boolean sizeKnown = fileSize >= 0;
        byte[] data = new byte[sizeKnown ? length : Math.min(length, CHUNK_BYTES)];
        int filled = 0;
        while (filled < length) {
            if (filled == data.length) {
                if (gzip && !limits.ratioAllows(filled, compressed.count)) {
                    throw fail(ratioProblem(length, compressed.count));
                }
                data = Arrays.copyOf(data, (int) Math.min(length, 2L * data.length));
            }
            int got = fill(in, data, filled, data.length - filled);
            filled += got;
            if (filled < data.length) {
                break; // end of stream
            }
        }
        if (gzip && !limits.ratioAllows(filled, compressed.count)) {
            throw fail(ratioProblem(length, compressed.count));
        }
        if (filled < length) {
            throw fail("truncated data: expected " + length + " bytes of data for shape "
                    + Arrays.toString(shape) + ", found " + filled + cutNote());
        }
        return data;
    }

    private void checkNoTrailingBytes(InputStream in, int length) throws IOException {
        byte[] scratch = new byte[BUFFER_BYTES];
        long extra = 0;
        int got;
        while (extra < TRAILING_COUNT_LIMIT && (got = fill(in, scratch, 0, scratch.length)) > 0) {
            extra += got;
        }
        if (extra > 0) {
            throw fail("trailing garbage: " + (extra >= TRAILING_COUNT_LIMIT ? "at least " : "") + extra
                    + " unexpected byte(s) after the " + length + " bytes of data declared by the header");
        }
        if (gzipCut != null) {
            throw fail("gzip stream is truncated after the data (missing gzip trailer)", gzipCut);
        }
    }

    /**
     * Reads until {@code len} bytes are read or the stream ends; returns the count. An abrupt end of a gzip stream
     * is recorded and treated as end of stream, so the caller can report how much data was found.
     */
    private int fill(InputStream in, byte[] buf, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int got;
            try {
                got = in.read(buf, off + total, len - total);
            } catch (EOFException e) {
                if (!gzip) {
                    throw e;
                }
                gzipCut = e;
                got = -1;
            }
            if (got < 0) {
                break;
            }
            total += got;
        }
        return total;
    }

    private String cutNote() {
        return gzipCut != null ? " (the gzip stream ends abruptly)" : "";
    }

    private IdxFormatException fail(String problem) {
        return new IdxFormatException(source, problem);
    }

    private IdxFormatException fail(String problem, Throwable cause) {
        return new IdxFormatException(source, problem, cause);
    }

    /** Counts the bytes read from the raw (possibly compressed) input. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }

    static int magicFor(int rank) {
        return (TYPE_UNSIGNED_BYTE << 8) | rank;
    }

    private static int toInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x09: return "signed byte";
            case 0x0B: return "16-bit integer";
            case 0x0C: return "32-bit integer";
            case 0x0D: return "32-bit float";
            case 0x0E: return "64-bit float";
            default: return "unknown type";
        }
    }
}
