package io.matterhorn.examples.sew;

import io.matterhorn.data.loader.EpochStream;
import io.matterhorn.data.loader.SequenceBatch;
import io.matterhorn.data.loader.SequenceLoader;
import io.matterhorn.data.neuromorphic.SimulatedNMNIST;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training batches of example 5 from the simulated N-MNIST ({@link SimulatedNMNIST}, no download): shuffled
 * training recordings binned into {@code T} binary frames of {@code size x size} (floor-scaled from 34x34), handed
 * out batch-major {@code [B, T, 2, size, size]} as SEW-ResNet expects. Epochs follow one another without end. Not
 * thread-safe; close it to release the data set.
 */
final class SimulatedBatches implements AutoCloseable {

    private final SimulatedNMNIST data;
    private final SequenceLoader loader;
    private int epoch;
    private EpochStream stream;
    private Iterator<SequenceBatch> batches;

    /**
     * @param root      data folder (the recordings are cached in {@code root/SimulatedNMNIST})
     * @param size      frame height and width
     * @param timeSteps {@code T}
     * @param batch     {@code B}
     * @param seed      shuffling seed
     * @throws IOException if the cache cannot be written or read
     */
    SimulatedBatches(Path root, int size, int timeSteps, int batch, long seed) throws IOException {
        data = SimulatedNMNIST.builder(root).train(true).timeSteps(timeSteps).size(size, size).build();
        loader = SequenceLoader.builder(data).batchSize(batch).shuffle(true).seed(seed).dropLast(true).build();
    }

    /** One batch: frames {@code [B, T, 2, size, size]} and labels {@code [B]}. */
    record Batch(INDArray spikes, int[] labels) {
    }

    /**
     * Returns the next batch, starting a new epoch when one ends.
     *
     * @return frames and labels
     */
    Batch next() {
        if (batches == null || !batches.hasNext()) {
            if (stream != null) {
                stream.close();
            }
            stream = loader.epoch(epoch++);
            batches = stream.iterator();
        }
        SequenceBatch b = batches.next();
        return new Batch(b.features().permute(1, 0, 2, 3, 4).dup('c'), b.labels());
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
        try {
            data.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
