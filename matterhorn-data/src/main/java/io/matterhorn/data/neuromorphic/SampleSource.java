package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.events.EventStream;
import java.io.IOException;
import java.util.List;

/**
 * One raw file of a data set, which yields one or more labelled samples when read (one per file for N-MNIST and
 * CIFAR10-DVS, one per labelled gesture for DVS128 Gesture, all samples of a file for SHD).
 *
 * @param <E> the event type
 */
interface SampleSource<E extends EventStream> {

    /**
     * Names the source in messages.
     *
     * @return usually the file path
     */
    String name();

    /**
     * Reads the samples.
     *
     * @return the samples in a fixed order
     * @throws IOException if the file is missing or malformed
     */
    List<Labelled<E>> read() throws IOException;

    /**
     * One sample: a label and its raw events.
     *
     * @param label  the class id, {@code >= 0}
     * @param events the events as read (any order)
     * @param <E>    the event type
     */
    record Labelled<E extends EventStream>(int label, E events) {
    }
}
