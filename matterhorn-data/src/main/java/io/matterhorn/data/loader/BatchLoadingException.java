package io.matterhorn.data.loader;

/**
 * Thrown to the consumer of a {@link BatchLoader} epoch when building a batch failed (in the prefetch thread or
 * not); the cause is the original exception, for example an {@link java.io.UncheckedIOException} from a damaged
 * cache file.
 */
public class BatchLoadingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which batch of which epoch failed
     * @param cause   the original exception
     */
    public BatchLoadingException(String message, Throwable cause) {
        super(message, cause);
    }
}
