package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.events.EventReader;
import io.matterhorn.data.events.EventStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@link SampleSource} of one recording file: named by its path, read by a function of the path. Immutable;
 * reading is as thread-safe as that function.
 *
 * @param file    the file
 * @param reading what reading the file yields: its labelled samples in a fixed order
 * @param <E>     the event type
 */
record FileSource<E extends EventStream>(Path file, Reading<E> reading) implements SampleSource<E> {

    /**
     * A file holding one sample of a known class.
     *
     * @param file   the file
     * @param label  the class id, {@code >= 0}
     * @param reader how to read its events
     * @param <E>    the event type
     * @return the source
     */
    static <E extends EventStream> FileSource<E> single(Path file, int label, EventReader<E> reader) {
        return new FileSource<>(file, f -> List.of(new Labelled<>(label, reader.read(f))));
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public List<Labelled<E>> read() throws IOException {
        return reading.read(file);
    }

    /**
     * Reads the labelled samples of a file.
     *
     * @param <E> the event type
     */
    @FunctionalInterface
    interface Reading<E extends EventStream> {
        /**
         * @param file the file
         * @return its samples in a fixed order
         * @throws IOException if the file is missing or malformed
         */
        List<Labelled<E>> read(Path file) throws IOException;
    }
}
