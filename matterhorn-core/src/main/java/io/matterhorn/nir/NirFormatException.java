package io.matterhorn.nir;

import java.nio.file.Path;

/** A NIR file that cannot be read or a graph that cannot be mapped; the message names the file, node and type. */
public class NirFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the NIR file
     * @param problem what is wrong
     */
    public NirFormatException(Path file, String problem) {
        super("NIR file " + file + ": " + problem);
    }

    /**
     * @param file the NIR file
     * @param problem what is wrong
     * @param cause the underlying error
     */
    public NirFormatException(Path file, String problem, Throwable cause) {
        super("NIR file " + file + ": " + problem, cause);
    }
}
