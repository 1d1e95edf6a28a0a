package io.matterhorn.data.download;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Signals that a file's MD5 differs from the published one: the download was corrupted or the file is a different
 * version. The message names the file, both digests and what to do.
 */
public class ChecksumMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The published MD5, 32 hexadecimal digits. */
    private final String expected;
    /** The MD5 of the file on disk. */
    private final String actual;

    /**
     * Creates the exception.
     *
     * @param file     the file checked
     * @param expected the published MD5
     * @param actual   the MD5 of the file
     */
    public ChecksumMismatchException(Path file, String expected, String actual) {
        super(file + ": MD5 mismatch: expected " + expected + ", got " + actual + ". The file is corrupt or not the "
                + "published version; delete it and download it again.");
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    /**
     * Returns the file checked.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the published digest.
     *
     * @return 32 hexadecimal digits
     */
    public String expected() {
        return expected;
    }

    /**
     * Returns the digest of the file.
     *
     * @return 32 hexadecimal digits
     */
    public String actual() {
        return actual;
    }
}
