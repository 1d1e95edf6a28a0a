package io.matterhorn.spark;

import io.matterhorn.io.Models;
import io.matterhorn.snn.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole-model file ({@link Models}) as a byte array, the form in which a model travels to Spark executors
 * (broadcast once per job). The bytes are exactly those of the file {@link Models#save} writes.
 *
 * <p>Stateless and thread-safe; the model must not run while it is converted.
 */
public final class ModelBytes {
    private ModelBytes() {
    }

    /**
     * @param model a model made of registered module classes
     * @return the bytes of its whole-model file
     * @throws UncheckedIOException when the bytes are not a valid model file (cause: ModelFileException) or the
     * temporary file cannot be written
     */
    public static byte[] of(Module model) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("matterhorn-model", ".safetensors");
            Models.save(model, tmp);
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the model: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * @param file a whole-model file
     * @return its bytes
     * @throws IOException when it cannot be read
     */
    public static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    /**
     * @param bytes the bytes of a whole-model file
     * @return the rebuilt model (training mode, at rest)
     * @throws UncheckedIOException when the bytes are not a valid model file (cause: ModelFileException) or the
     * temporary file cannot be written
     */
    public static Module load(byte[] bytes) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("matterhorn-model", ".safetensors");
            Files.write(tmp, bytes);
            return Models.load(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild the model from " + bytes.length + " bytes: "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }
}
