package io.matterhorn.train;

import java.util.function.Consumer;

/**
 * Receives the progress of a {@link Trainer}: the start of every epoch, the end of every training batch and the
 * figures of every finished epoch. All methods do nothing by default; they are called on the thread that runs
 * {@link Trainer#fit}, outside the iteration's memory scope.
 */
public interface TrainingListener {

    /**
     * Called before the first batch of an epoch.
     *
     * @param epoch   1-based epoch number
     * @param batches number of batches the epoch will train on
     */
    default void epochStarted(int epoch, int batches) {
    }

    /**
     * Called after each training step.
     *
     * @param epoch   1-based epoch number
     * @param batch   1-based number of the batch just trained on
     * @param samples training samples seen so far in this epoch
     * @param loss    the loss of this batch
     */
    default void batchFinished(int epoch, int batch, long samples, double loss) {
    }

    /**
     * Called after an epoch's training, test evaluation and learning-rate schedule step.
     *
     * @param result the epoch's figures
     */
    default void epochFinished(EpochResult result) {
    }

    /**
     * A listener that hands every finished epoch's figures to {@code action} and ignores the rest.
     *
     * @param action what to do with each {@link EpochResult}
     * @return the listener
     * @throws IllegalArgumentException if {@code action} is null
     */
    static TrainingListener onEpoch(Consumer<EpochResult> action) {
        if (action == null) {
            throw new IllegalArgumentException("onEpoch: action must not be null");
        }
        return new TrainingListener() {
            @Override
            public void epochFinished(EpochResult result) {
                action.accept(result);
            }
        };
    }
}
