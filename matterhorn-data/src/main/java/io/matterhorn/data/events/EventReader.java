package io.matterhorn.data.events;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the events of one recording file; the way a user's own files get into
 * {@link io.matterhorn.data.custom.UserEventDataset}. The readers of this package fit, for example
 * {@link NmnistBinReader#DECODER} or {@link Aedat2Reader#DVS128}, as do {@link AedatEventReader} and
 * {@link Hdf5EventReader}. A reader used by a data set is called from several threads at once, so it must be
 * thread-safe (stateless readers are).
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventReader<E extends EventStream> {

    /**
     * Reads a whole file.
     *
     * @param file the file
     * @return its events, in file order
     * @throws EventFormatException if the file is malformed
     * @throws IOException          if it cannot be read
     */
    E read(Path file) throws IOException;
}
