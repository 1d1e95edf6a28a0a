package io.matterhorn.data.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An {@link EventReader} for a file format decoded from the file's bytes as a whole: {@link #decode} is the format;
 * reading a file or a stream is the same for every format ({@link #read(Path)}, {@link #read(InputStream, String)}).
 * {@link NmnistBinReader#DECODER}, {@link Aedat2Reader#DVS128} and {@link Aedat31Reader#DECODER} are decoders.
 * Implementations must be thread-safe (the readers of this package are stateless).
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventDecoder<E extends EventStream> extends EventReader<E> {

    /**
     * Decodes the bytes of a whole file.
     *
     * @param bytes  the whole file
     * @param source name used in error messages (usually the path)
     * @return the events in file order
     * @throws EventFormatException if the bytes are not a valid file of the format
     */
    E decode(byte[] bytes, String source) throws EventFormatException;

    /**
     * Reads and decodes a whole file.
     *
     * @param file the file
     * @return the events in file order
     * @throws EventFormatException if the file is malformed
     * @throws IOException          if the file cannot be read
     */
    @Override
    default E read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return decode(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads a stream to its end (the stream is not closed) and decodes it.
     *
     * @param in     the stream
     * @param source name used in error messages
     * @return the events in stream order
     * @throws EventFormatException if the bytes are malformed
     * @throws IOException          if the stream cannot be read
     */
    default E read(InputStream in, String source) throws IOException {
        Objects.requireNonNull(in, "in");
        return decode(in.readAllBytes(), source);
    }
}
