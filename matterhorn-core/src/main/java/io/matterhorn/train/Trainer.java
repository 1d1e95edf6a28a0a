package io.matterhorn.train;

import io.matterhorn.optim.GradClip;
import io.matterhorn.optim.LRScheduler;
import io.matterhorn.optim.Losses;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.MemoryScope;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervised training loop: epochs of {@code output = model(batch.input())},
 * {@code loss = lossFunction(output, labels)}, zero gradients, backward, optional gradient clipping, optimiser step;
 * then an evaluation pass on test batches and one step of the learning-rate schedule.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model)
 *         .optimizer(new Adam(model.trainableParameters(), 1e-3))
 *         .loss(LossFunction.mseOneHot(10))
 *         .listener(TrainingListener.onEpoch(System.out::println))
 *         .build();
 * List<EpochResult> history = trainer.fit(trainLoader, testLoader, 3);
 * }</pre>
 *
 * <p><b>What it owns.</b> Every training and evaluation iteration runs inside its own {@link MemoryScope} (named
 * {@code "train"} and {@code "eval"}), so the temporaries of one iteration reuse the memory of the previous one and
 * nothing created inside outlives it; the loss and accuracy are read as numbers before the scope closes.
 * Evaluation runs in evaluation mode ({@link Module#eval()}) with gradient recording off ({@link Grad#disabled()})
 * and restores the model's previous mode afterwards.
 *
 * <p><b>Temporal state.</b> Neuron state a model carries from one call to the next (a container built with
 * {@code resetAfterProcess = false}) would otherwise cross the scope boundary and point into memory the next
 * iteration reuses (ND4J reports an "outdated workspace pointer", or the state silently reads stale values). The
 * trainer therefore calls {@link Module#reset()} before the first batch of every pass and at the end of every
 * iteration, inside its scope: each batch is an independent set of sequences. To carry state across chunks of one
 * stream (truncated BPTT), write the loop yourself as in the guide.
 *
 * <p>Per-epoch figures are logged at DEBUG level through slf4j and handed to the {@link TrainingListener}s.
 * A trainer is not thread-safe: use it from one thread at a time (the model and optimiser are not thread-safe
 * either).
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final Module model;
    private final Optimizer optimizer;
    private final LossFunction lossFunction;
    private final LRScheduler schedule;
    private final double clipNorm;
    private final int maxBatchesPerEpoch;
    private final int maxEvalBatches;
    private final List<TrainingListener> listeners;

    private Trainer(Builder b) {
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.lossFunction = b.lossFunction;
        this.schedule = b.schedule;
        this.clipNorm = b.clipNorm;
        this.maxBatchesPerEpoch = b.maxBatchesPerEpoch;
        this.maxEvalBatches = b.maxEvalBatches;
        this.listeners = List.copyOf(b.listeners);
    }

    /**
     * Starts configuring a trainer for a model.
     *
     * @param model the network to train
     * @return a builder; {@link Builder#optimizer(Optimizer)} and {@link Builder#loss(LossFunction)} are required
     * @throws IllegalArgumentException if {@code model} is null
     */
    public static Builder builder(Module model) {
        if (model == null) {
            throw new IllegalArgumentException("Trainer.builder: model must not be null");
        }
        return new Builder(model);
    }

    /**
     * Returns the model being trained.
     *
     * @return the model
     */
    public Module model() {
        return model;
    }

    /**
     * Returns the optimiser.
     *
     * @return the optimiser that updates the model's parameters
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Trains epochs {@code 0 .. epochs - 1}, evaluating on {@code test} after each.
     *
     * @param train  the training batches (epoch {@code e} asks it for {@code train.epoch(e)})
     * @param test   the test batches, or null for no evaluation (test figures are then NaN)
     * @param epochs number of epochs, {@code > 0}
     * @return one result per epoch
     * @throws IllegalArgumentException if {@code train} is null or {@code epochs <= 0}
     */
    public List<EpochResult> fit(BatchSource train, BatchSource test, int epochs) {
        return fit(train, test, 0, epochs);
    }

    /**
     * Trains epochs {@code firstEpoch .. epochs - 1} (to resume after a checkpoint saved at {@code firstEpoch}),
     * evaluating on {@code test} after each epoch, then stepping the learning-rate schedule, then calling the
     * listeners.
     *
     * @param train      the training batches
     * @param test       the test batches, or null for no evaluation
     * @param firstEpoch the 0-based first epoch to train, {@code >= 0}
     * @param epochs     the total number of epochs; nothing is trained when {@code epochs <= firstEpoch}
     * @return one result per epoch trained
     * @throws IllegalArgumentException if {@code train} is null, {@code firstEpoch < 0} or {@code epochs <= 0}
     */
    public List<EpochResult> fit(BatchSource train, BatchSource test, int firstEpoch, int epochs) {
        if (train == null) {
            throw new IllegalArgumentException("fit: train must not be null");
        }
        if (firstEpoch < 0 || epochs <= 0) {
            throw new IllegalArgumentException("fit: firstEpoch must be >= 0 and epochs > 0, got firstEpoch "
                    + firstEpoch + " and epochs " + epochs);
        }
        List<EpochResult> results = new ArrayList<>();
        for (int e = firstEpoch; e < epochs; e++) {
            EpochResult result = trainEpoch(train, e);
            if (test != null) {
                result = result.withTest(evaluate(test));
            }
            if (schedule != null) {
                schedule.step();
            }
            LOG.debug("epoch {}: loss {}, train accuracy {}, test accuracy {}, {} samples/s", result.epoch(),
                    result.loss(), result.trainAccuracy(), result.testAccuracy(), result.samplesPerSecond());
            for (TrainingListener l : listeners) {
                l.epochFinished(result);
            }
            results.add(result);
        }
        return results;
    }

    /**
     * Trains one epoch, without evaluation or schedule step (listeners hear of its start and batches only).
     *
     * @param train      the training batches
     * @param epochIndex the 0-based epoch, handed to {@link BatchSource#epoch(int)}
     * @return the epoch's training figures (test figures NaN)
     * @throws IllegalArgumentException if {@code train} is null or {@code epochIndex < 0}
     * @throws IllegalStateException    if the epoch yields no batch
     */
    public EpochResult trainEpoch(BatchSource train, int epochIndex) {
        if (train == null || epochIndex < 0) {
            throw new IllegalArgumentException("trainEpoch: train must not be null and epochIndex >= 0, got "
                    + train + " and " + epochIndex);
        }
        int total = maxBatchesPerEpoch > 0 ? Math.min(maxBatchesPerEpoch, train.numBatches()) : train.numBatches();
        int epoch = epochIndex + 1;
        for (TrainingListener l : listeners) {
            l.epochStarted(epoch, total);
        }
        model.train();
        model.reset();
        Tally tally = new Tally();
        long start = System.nanoTime();
        Iterable<? extends LabeledBatch> batches = train.epoch(epochIndex);
        try {
            for (LabeledBatch batch : batches) {
                if (tally.batches == total) {
                    break;
                }
                double loss = step(batch, tally);
                for (TrainingListener l : listeners) {
                    l.batchFinished(epoch, tally.batches, tally.samples, loss);
                }
            }
        } finally {
            closeIfCloseable(batches);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (tally.batches == 0) {
            throw new IllegalStateException("training epoch " + epoch + " had no batches");
        }
        return new EpochResult(epoch, tally.lossSum / tally.batches, (double) tally.correct / tally.samples,
                Double.NaN, Double.NaN, seconds, tally.samples, tally.samples / seconds);
    }

    /** One training iteration in its own scope; the model's temporal state is cleared before the scope closes. */
    private double step(LabeledBatch batch, Tally tally) {
        int[] labels = batch.labels();
        double loss;
        try (MemoryScope scope = MemoryScope.open("train")) {
            try {
                Tensor output = model.forward(batch.input());
                Tensor lossTensor = lossFunction.loss(output, labels);
                optimizer.zeroGrad();
                lossTensor.backward();
                if (clipNorm > 0) {
                    GradClip.clipGradNorm(optimizer.parameters(), clipNorm);
                }
                optimizer.step();
                loss = lossTensor.item();
                tally.correct += Losses.correct(output, labels);
            } finally {
                model.reset();
            }
        }
        tally.lossSum += loss;
        tally.samples += labels.length;
        tally.batches++;
        return loss;
    }

    /**
     * Evaluates the model on every batch of {@code source.epoch(0)}: evaluation mode, no gradient recording, one
     * memory scope per batch, temporal state reset at every boundary. The model's training mode is restored
     * afterwards.
     *
     * @param source the test batches
     * @return the mean loss and the accuracy (argmax of the output against the label)
     * @throws IllegalArgumentException if {@code source} is null
     */
    public Evaluation evaluate(BatchSource source) {
        return evaluate(model, lossFunction, source, maxEvalBatches);
    }

    /**
     * Evaluates a model without a trainer, as {@link #evaluate(BatchSource)} does (for a model loaded from a file,
     * say).
     *
     * @param model        the network
     * @param lossFunction the loss to report
     * @param source       the test batches
     * @return the mean loss and the accuracy
     * @throws IllegalArgumentException if an argument is null
     */
    public static Evaluation evaluate(Module model, LossFunction lossFunction, BatchSource source) {
        return evaluate(model, lossFunction, source, 0);
    }

    /**
     * As {@link #evaluate(Module, LossFunction, BatchSource)}, on the first {@code maxBatches} batches only.
     *
     * @param model        the network
     * @param lossFunction the loss to report
     * @param source       the test batches
     * @param maxBatches   the number of batches to evaluate, {@code > 0}; 0 evaluates all
     * @return the mean loss and the accuracy
     * @throws IllegalArgumentException if an argument is null or {@code maxBatches < 0}
     */
    public static Evaluation evaluate(Module model, LossFunction lossFunction, BatchSource source, int maxBatches) {
        if (maxBatches < 0) {
            throw new IllegalArgumentException("evaluate: maxBatches must be >= 0, got " + maxBatches);
        }
        if (model == null || lossFunction == null || source == null) {
            throw new IllegalArgumentException("evaluate: model, lossFunction and source must not be null");
        }
        boolean wasTraining = model.isTraining();
        model.eval();
        model.reset();
        Tally tally = new Tally();
        Iterable<? extends LabeledBatch> batches = source.epoch(0);
        try (Grad.Scope noGrad = Grad.disabled()) {
            for (LabeledBatch batch : batches) {
                if (maxBatches > 0 && tally.batches == maxBatches) {
                    break;
                }
                int[] labels = batch.labels();
                try (MemoryScope scope = MemoryScope.open("eval")) {
                    try {
                        Tensor output = model.forward(batch.input());
                        tally.lossSum += lossFunction.loss(output, labels).item();
                        tally.correct += Losses.correct(output, labels);
                    } finally {
                        model.reset();
                    }
                }
                tally.samples += labels.length;
                tally.batches++;
            }
        } finally {
            closeIfCloseable(batches);
            model.train(wasTraining);
        }
        return new Evaluation(tally.batches == 0 ? Double.NaN : tally.lossSum / tally.batches,
                tally.samples == 0 ? Double.NaN : (double) tally.correct / tally.samples, tally.correct,
                tally.samples);
    }

    private static void closeIfCloseable(Object batches) {
        if (batches instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("closing the epoch's batches failed: " + e.getMessage(), e);
            }
        }
    }

    /** Running sums of one pass. */
    private static final class Tally {
        double lossSum;
        long correct;
        long samples;
        int batches;
    }

    /**
     * Configures a {@link Trainer}. Required: {@link #optimizer(Optimizer)} and {@link #loss(LossFunction)}.
     * Defaults: no schedule, no gradient clipping, every batch of each epoch and evaluation, no listener.
     */
    public static final class Builder {
        private final Module model;
        private Optimizer optimizer;
        private LossFunction lossFunction;
        private LRScheduler schedule;
        private double clipNorm;
        private int maxBatchesPerEpoch;
        private int maxEvalBatches;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder(Module model) {
            this.model = model;
        }

        /**
         * Sets the optimiser (required); it should hold the model's trainable parameters.
         *
         * @param optimizer the optimiser
         * @return this builder
         * @throws IllegalArgumentException if {@code optimizer} is null
         */
        public Builder optimizer(Optimizer optimizer) {
            if (optimizer == null) {
                throw new IllegalArgumentException("optimizer must not be null");
            }
            this.optimizer = optimizer;
            return this;
        }

        /**
         * Sets the loss (required), for example {@link LossFunction#mseOneHot(int)}.
         *
         * @param lossFunction the loss of a batch
         * @return this builder
         * @throws IllegalArgumentException if {@code lossFunction} is null
         */
        public Builder loss(LossFunction lossFunction) {
            if (lossFunction == null) {
                throw new IllegalArgumentException("loss must not be null");
            }
            this.lossFunction = lossFunction;
            return this;
        }

        /**
         * Sets a learning-rate schedule, stepped once after every epoch's evaluation.
         *
         * @param schedule the schedule of the trainer's optimiser, or null for none
         * @return this builder
         */
        public Builder schedule(LRScheduler schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Clips the global gradient norm before every optimiser step ({@link GradClip#clipGradNorm}).
         *
         * @param maxNorm the largest norm, {@code > 0}; 0 turns clipping off (the default)
         * @return this builder
         * @throws IllegalArgumentException if {@code maxNorm} is negative or not finite
         */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
                throw new IllegalArgumentException("clipGradNorm: maxNorm must be >= 0 and finite, got " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /**
         * Stops each training epoch after this many batches (for quick runs and smoke tests).
         *
         * @param maxBatches the limit, {@code > 0}; 0 trains on every batch (the default)
         * @return this builder
         * @throws IllegalArgumentException if {@code maxBatches < 0}
         */
        public Builder maxBatchesPerEpoch(int maxBatches) {
            if (maxBatches < 0) {
                throw new IllegalArgumentException("maxBatchesPerEpoch must be >= 0, got " + maxBatches);
            }
            this.maxBatchesPerEpoch = maxBatches;
            return this;
        }

        /**
         * Stops each evaluation after this many batches (for quick runs and smoke tests).
         *
         * @param maxBatches the limit, {@code > 0}; 0 evaluates every batch (the default)
         * @return this builder
         * @throws IllegalArgumentException if {@code maxBatches < 0}
         */
        public Builder maxBatchesPerEvaluation(int maxBatches) {
            if (maxBatches < 0) {
                throw new IllegalArgumentException("maxBatchesPerEvaluation must be >= 0, got " + maxBatches);
            }
            this.maxEvalBatches = maxBatches;
            return this;
        }

        /**
         * Adds a listener; listeners are called in the order they were added.
         *
         * @param listener the listener
         * @return this builder
         * @throws IllegalArgumentException if {@code listener} is null
         */
        public Builder listener(TrainingListener listener) {
            if (listener == null) {
                throw new IllegalArgumentException("listener must not be null");
            }
            listeners.add(listener);
            return this;
        }

        /**
         * Creates the trainer.
         *
         * @return the trainer
         * @throws IllegalStateException if the optimiser or the loss was not set
         */
        public Trainer build() {
            if (optimizer == null || lossFunction == null) {
                throw new IllegalStateException("Trainer.builder: optimizer(...) and loss(...) are required"
                        + (optimizer == null ? "; optimizer is missing" : "")
                        + (lossFunction == null ? "; loss is missing" : ""));
            }
            return new Trainer(this);
        }
    }
}
