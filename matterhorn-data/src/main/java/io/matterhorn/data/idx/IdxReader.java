package io.matterhorn.data.idx;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads unsigned-byte IDX files such as the MNIST images ({@code 0x00000803}, three dimensions) and labels
 * ({@code 0x00000801}, one dimension).
 *
 * <p>Input may be plain or gzip-compressed; compression is detected from the gzip magic bytes {@code 0x1f 0x8b},
 * not from the file name. The whole stream must be exactly one IDX array: a short stream, trailing bytes, an
 * unsupported element type or an unexpected number of dimensions all raise an {@link IdxFormatException} whose
 * message names the source and the problem. The declared data size is checked against {@link IdxLimits} from the
 * header alone, before anything is allocated: at most {@link #MAX_DATA_BYTES} by default, no more than a plain file
 * holds, and no more than the inflation ratio allows for a gzip input (for a stream, checked while reading). A corrupt
 * or hostile header therefore never causes an allocation beyond what the input really holds.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class IdxReader {

    /** Largest data section accepted, in bytes (1 GiB; the full MNIST training images take 47 MB). */
    public static final long MAX_DATA_BYTES = 1L << 30;

    /** Pass as {@code expectedRank} to accept any number of dimensions. */
    public static final int ANY_RANK = 0;

    private IdxReader() {
    }

    /**
     * Reads an IDX file with any number of dimensions.
     *
     * @param path the file, plain or gzip-compressed
     * @return the array
     * @throws IdxFormatException if the file is not a well-formed unsigned-byte IDX file
     * @throws IOException        if the file cannot be read
     */
    public static IdxArray read(Path path) throws IOException {
        return read(path, ANY_RANK);
    }

    /**
     * Reads an IDX file that must have the given number of dimensions (3 for MNIST images, 1 for labels).
     *
     * @param path         the file, plain or gzip-compressed
     * @param expectedRank required number of dimensions, or {@link #ANY_RANK}
     * @return the array
     * @throws IdxFormatException if the file is malformed or has a different number of dimensions
     * @throws IOException        if the file cannot be read
     */
    public static IdxArray read(Path path, int expectedRank) throws IOException {
        return read(path, expectedRank, IdxLimits.DEFAULT);
    }

    /**
     * Reads an IDX file with explicit size and inflation bounds.
     *
     * @param path         the file, plain or gzip-compressed
     * @param expectedRank required number of dimensions, or {@link #ANY_RANK}
     * @param limits       the bounds checked before allocating
     * @return the array
     * @throws IdxFormatException if the file is malformed, has a different number of dimensions or exceeds a limit
     * @throws IOException        if the file cannot be read
     */
    public static IdxArray read(Path path, int expectedRank, IdxLimits limits) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(limits, "limits");
        checkRank(expectedRank);
        try (InputStream in = Files.newInputStream(path)) {
            return new IdxParser(path.toString(), limits, Files.size(path)).parse(in, expectedRank);
        }
    }

    /**
     * Reads an IDX array with any number of dimensions from a stream. The stream is read to its end but not closed.
     *
     * @param in         the plain or gzip-compressed stream
     * @param sourceName name used in error messages, for example a resource path
     * @return the array
     * @throws IdxFormatException if the stream is not a well-formed unsigned-byte IDX array
     * @throws IOException        if the stream cannot be read
     */
    public static IdxArray read(InputStream in, String sourceName) throws IOException {
        return read(in, sourceName, ANY_RANK);
    }

    /**
     * Reads an IDX array that must have the given number of dimensions from a stream. The stream is read to its end
     * but not closed.
     *
     * @param in           the plain or gzip-compressed stream
     * @param sourceName   name used in error messages, for example a resource path
     * @param expectedRank required number of dimensions, or {@link #ANY_RANK}
     * @return the array
     * @throws IdxFormatException if the stream is malformed or has a different number of dimensions
     * @throws IOException        if the stream cannot be read
     */
    public static IdxArray read(InputStream in, String sourceName, int expectedRank) throws IOException {
        return read(in, sourceName, expectedRank, IdxLimits.DEFAULT);
    }

    /**
     * Reads an IDX array from a stream with explicit size and inflation bounds. The stream is read to its end (or
     * to the first byte past the bounds) but not closed.
     *
     * @param in           the plain or gzip-compressed stream
     * @param sourceName   name used in error messages
     * @param expectedRank required number of dimensions, or {@link #ANY_RANK}
     * @param limits       the bounds checked while reading
     * @return the array
     * @throws IdxFormatException if the stream is malformed, has a different number of dimensions or exceeds a limit
     * @throws IOException        if the stream cannot be read
     */
    public static IdxArray read(InputStream in, String sourceName, int expectedRank, IdxLimits limits)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(limits, "limits");
        checkRank(expectedRank);
        return new IdxParser(sourceName, limits, -1).parse(new NonClosingInputStream(in), expectedRank);
    }

    private static void checkRank(int expectedRank) {
        if (expectedRank < 0 || expectedRank > 255) {
            throw new IllegalArgumentException("expectedRank must be in [0, 255] (0 = any), got " + expectedRank);
        }
    }

    /** Lets the parser close its decoder chain without closing the caller's stream. */
    private static final class NonClosingInputStream extends FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller owns the underlying stream
        }
    }
}
