package io.matterhorn.examples.train;

import io.matterhorn.examples.cli.ProgressBar;
import io.matterhorn.optim.GradClip;
import io.matterhorn.optim.Losses;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.MemoryScope;
import io.matterhorn.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training epoch of the supervised examples, for any batch type: per batch
 * {@code loss = MSE(model(input), one-hot(labels))}, zero gradients, backward, optimiser step, all inside a
 * {@link MemoryScope}; a progress bar and the epoch's figures (mean loss, training accuracy, samples/s).
 */
public final class EpochLoop {
    private EpochLoop() {
    }

    /**
     * How to read one batch.
     *
     * @param <B> batch type
     */
    public interface BatchView<B> {
        /**
         * @param batch a batch
         * @return the network input
         */
        Tensor input(B batch);

        /**
         * @param batch a batch
         * @return one-hot targets [B, classes]
         */
        INDArray oneHot(B batch);

        /**
         * @param batch a batch
         * @return the labels
         */
        int[] labels(B batch);
    }

    /**
     * @param model the network (switched to training mode)
     * @param optimizer its optimiser
     * @param batches the epoch's batches
     * @param total number of batches to train on (the loop stops there)
     * @param bar progress bar, or null
     * @param epochNumber 1-based epoch number for the report
     * @param view how to read a batch
     * @param <B> batch type
     * @return the epoch's figures (test accuracy NaN: filled in by the caller)
     */
    public static <B> EpochReport train(Module model, Optimizer optimizer, Iterable<B> batches, int total,
            ProgressBar bar, int epochNumber, BatchView<B> view) {
        return train(model, optimizer, batches, total, bar, epochNumber, view, 0.0);
    }

    /**
     * As {@link #train(Module, Optimizer, Iterable, int, ProgressBar, int, BatchView)}, clipping the gradients to
     * a global norm before every optimiser step ({@link GradClip#clipGradNorm}).
     *
     * @param model the network (switched to training mode)
     * @param optimizer its optimiser
     * @param batches the epoch's batches
     * @param total number of batches to train on (the loop stops there)
     * @param bar progress bar, or null
     * @param epochNumber 1-based epoch number for the report
     * @param view how to read a batch
     * @param clipNorm largest global gradient norm, or 0 for no clipping
     * @param <B> batch type
     * @return the epoch's figures (test accuracy NaN: filled in by the caller)
     */
    public static <B> EpochReport train(Module model, Optimizer optimizer, Iterable<B> batches, int total,
            ProgressBar bar, int epochNumber, BatchView<B> view, double clipNorm) {
        model.train();
        double lossSum = 0;
        long correct = 0;
        long samples = 0;
        int done = 0;
        long start = System.nanoTime();
        for (B batch : batches) {
            if (done == total) {
                break;
            }
            int[] labels = view.labels(batch);
            try (MemoryScope scope = MemoryScope.open("train")) {
                Tensor output = model.forward(view.input(batch));
                Tensor loss = Losses.mse(output, Tensor.of(view.oneHot(batch)));
                optimizer.zeroGrad();
                loss.backward();
                if (clipNorm > 0) {
                    GradClip.clipGradNorm(optimizer.parameters(), clipNorm);
                }
                optimizer.step();
                lossSum += loss.item();
                correct += Losses.correct(output, labels);
            }
            samples += labels.length;
            done++;
            if (bar != null) {
                bar.update(done, samples);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (bar != null) {
            bar.finish();
        }
        if (done == 0) {
            throw new IllegalStateException("the training epoch had no batches");
        }
        return new EpochReport(epochNumber, lossSum / done, (double) correct / samples, Double.NaN, seconds,
                samples / seconds);
    }
}
