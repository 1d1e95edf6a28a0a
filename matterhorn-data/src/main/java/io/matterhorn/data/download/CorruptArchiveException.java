package io.matterhorn.data.download;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Signals that an archive (zip, tar, gzip) cannot be extracted: it is truncated, corrupt, or holds an entry that
 * would be written outside the destination folder. The message names the archive and the problem.
 */
public class CorruptArchiveException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param archive the archive
     * @param problem what is wrong
     * @param cause   the underlying exception, or {@code null}
     */
    public CorruptArchiveException(Path archive, String problem, Throwable cause) {
        super(archive + ": cannot extract: " + problem + ". If the archive was downloaded, delete it and download "
                + "it again.", cause);
    }
}
