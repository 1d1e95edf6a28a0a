package io.matterhorn.data.events;

import java.io.IOException;

/**
 * Signals that an event file (N-MNIST {@code .bin}, AEDAT, SHD HDF5) is malformed: a wrong header, a truncated
 * record, an impossible field value.
 *
 * <p>The message always starts with the name of the offending source, followed by the problem and, where it
 * helps, the byte offset at which it was found.
 */
public class EventFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file name or description of the malformed source. */
    private final String source;

    /**
     * Creates an exception for a malformed source.
     *
     * @param source  the file name or description of the source
     * @param problem what is wrong with it
     */
    public EventFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /**
     * Creates an exception for a malformed source, keeping the low-level cause.
     *
     * @param source  the file name or description of the source
     * @param problem what is wrong with it
     * @param cause   the underlying exception
     */
    public EventFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /**
     * Returns the name of the malformed source.
     *
     * @return the source given at construction
     */
    public String source() {
        return source;
    }
}
