package io.matterhorn.io;

import io.matterhorn.format.ModelFormatException;
import java.nio.file.Path;

/**
 * A model, state-dict or checkpoint file that cannot be read or does not fit: truncated, with a header that
 * disagrees with the file, with an unsupported data type, with an unknown architecture, or with values that do not
 * fit the target model. The message names the file and the problem; whatever was being loaded into is unchanged.
 * A {@link ModelFormatException} (the runtime's refusal of a bad file) that also gives the file as a path.
 */
public class ModelFileException extends ModelFormatException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    /**
     * @param file the file concerned
     * @param problem what is wrong with it
     */
    public ModelFileException(Path file, String problem) {
        super(file, problem);
        this.file = file;
    }

    /**
     * @param file the file concerned
     * @param problem what is wrong with it
     * @param cause the underlying error
     */
    public ModelFileException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
        this.file = file;
    }

    /** @return the file concerned */
    public Path file() {
        return file;
    }
}
