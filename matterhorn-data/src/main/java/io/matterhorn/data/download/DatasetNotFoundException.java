package io.matterhorn.data.download;

import java.io.IOException;

/**
 * Signals that the files of a data set are not on disk and were not (or cannot be) downloaded automatically. The
 * message tells the user where to get each file, under which name, and in which folder to put it.
 */
public class DatasetNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full instructions
     */
    public DatasetNotFoundException(String message) {
        super(message);
    }
}
