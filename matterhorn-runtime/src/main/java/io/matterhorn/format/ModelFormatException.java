package io.matterhorn.format;

import java.io.IOException;

/**
 * A model, state or NIR file (or bytes) that cannot be read or does not fit: truncated, with a header that disagrees
 * with the data, with an unsupported data type or architecture, or with values out of range. The message names the
 * source and the problem.
 */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String problem;

    /**
     * @param source the file or stream concerned (a path, or a description such as "state bytes")
     * @param problem what is wrong with it
     */
    public ModelFormatException(Object source, String problem) {
        super(source + ": " + problem);
        this.problem = problem;
    }

    /**
     * @param source the file or stream concerned
     * @param problem what is wrong with it
     * @param cause the underlying error
     */
    public ModelFormatException(Object source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.problem = problem;
    }

    /** @return what is wrong, without the source */
    public String problem() {
        return problem;
    }
}
