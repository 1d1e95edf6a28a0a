package io.matterhorn.train;

import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where a {@link Trainer} takes its batches from: one iterable of {@link LabeledBatch}es per epoch.
 *
 * <p>{@code io.matterhorn.data.loader.BatchLoader} is the usual source; {@link #of(List)} serves batches held in
 * memory. If the iterable an epoch returns is also {@link AutoCloseable} (a prefetching loader's epoch), the trainer
 * closes it when it stops iterating, also when it stops early.
 */
public interface BatchSource {

    /**
     * Returns the batches of one epoch.
     *
     * @param epochIndex the 0-based epoch, {@code >= 0}; a shuffling source derives its order from it
     * @return the epoch's batches, in order
     * @throws IllegalArgumentException if {@code epochIndex < 0}
     */
    Iterable<? extends LabeledBatch> epoch(int epochIndex);

    /**
     * Returns the number of batches every epoch yields.
     *
     * @return the batch count, {@code >= 0}
     */
    int numBatches();

    /**
     * A view of this source whose batches give {@code transform(input)} as their input (a crop, a change of layout),
     * with the same labels. The transform runs when the trainer asks for the input, inside the iteration's memory
     * scope; an epoch that is {@link AutoCloseable} stays closeable.
     *
     * @param transform from this source's input to the model's input
     * @return the mapped source
     * @throws IllegalArgumentException if {@code transform} is null
     */
    default BatchSource mapInput(UnaryOperator<Tensor> transform) {
        if (transform == null) {
            throw new IllegalArgumentException("mapInput: transform must not be null");
        }
        return new MappedSource(this, transform);
    }

    /**
     * A source that yields the same batches, in the same order, every epoch.
     *
     * @param batches the batches; copied (the list, not the batches)
     * @return the source
     * @throws IllegalArgumentException if {@code batches} is null or holds null
     */
    static BatchSource of(List<? extends LabeledBatch> batches) {
        if (batches == null || batches.stream().anyMatch(b -> b == null)) {
            throw new IllegalArgumentException("BatchSource.of: batches must be a list without null elements");
        }
        List<LabeledBatch> copy = List.copyOf(batches);
        return new BatchSource() {
            @Override
            public Iterable<LabeledBatch> epoch(int epochIndex) {
                if (epochIndex < 0) {
                    throw new IllegalArgumentException("epochIndex must be >= 0, got " + epochIndex);
                }
                return copy;
            }

            @Override
            public int numBatches() {
                return copy.size();
            }
        };
    }
}
