package io.matterhorn.data.idx;

import java.io.IOException;

/**
 * Signals that an IDX file (or a pair of files that should belong together) is malformed.
 *
 * <p>The message always starts with the name of the offending source, followed by a description of the problem.
 */
public class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file name or description of the source that is malformed. */
    private final String source;

    /**
     * Creates an exception for a malformed source.
     *
     * @param source  the file name or description of the source
     * @param problem what is wrong with it
     */
    public IdxFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /**
     * Creates an exception for a malformed source, keeping the low-level cause (for example a gzip error).
     *
     * @param source  the file name or description of the source
     * @param problem what is wrong with it
     * @param cause   the underlying exception
     */
    public IdxFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /**
     * Returns the name or description of the malformed source.
     *
     * @return the source given at construction
     */
    public String source() {
        return source;
    }
}
