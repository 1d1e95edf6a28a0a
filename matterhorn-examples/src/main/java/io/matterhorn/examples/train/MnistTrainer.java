package io.matterhorn.examples.train;

import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.io.Checkpoint;
import io.matterhorn.optim.LRScheduler;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import io.matterhorn.train.EpochResult;
import io.matterhorn.train.LossFunction;
import io.matterhorn.train.Trainer;
import io.matterhorn.train.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The MNIST examples' training run, as in the original examples, on the library's {@link Trainer}:
 *
 * <pre>
 *   for each epoch:  for each shuffled batch (drop last):  out = model(images [B, 1, 28, 28])   ([B, 10])
 *                        loss = MSE(out, one-hot(labels));  [clip the gradient norm]  Adam / AdamW step
 *                    test accuracy (argmax(out) == label) on every test digit, no gradient;
 *                    schedule step ([linear warm-up, then] cosine; see {@link OptimizerRecipe})
 * </pre>
 *
 * <p>Prints a headline, the model, a progress bar per epoch (to System.err) and one table row per epoch (loss,
 * train and test accuracy, seconds, samples/s); saves and resumes as {@link Persistence} says.
 */
public final class MnistTrainer {
    /** Number of digit classes. */
    public static final int CLASSES = 10;
    private final TrainingSettings settings;
    private final OptimizerRecipe recipe;
    private final PrintStream out;

    /**
     * Trains with the original recipe ({@link OptimizerRecipe#ADAM}).
     *
     * @param settings how to train
     * @param out where the headline and table go (the progress bar goes to System.err)
     */
    public MnistTrainer(TrainingSettings settings, PrintStream out) {
        this(settings, OptimizerRecipe.ADAM, out);
    }

    /**
     * @param settings how to train
     * @param recipe optimiser, clipping and warm-up
     * @param out where the headline and table go (the progress bar goes to System.err)
     */
    public MnistTrainer(TrainingSettings settings, OptimizerRecipe recipe, PrintStream out) {
        if (settings == null || recipe == null || out == null) {
            throw new IllegalArgumentException("MnistTrainer: settings, recipe and output stream must not be null");
        }
        this.settings = settings;
        this.recipe = recipe;
        this.out = out;
    }

    /**
     * Loads the data, trains and evaluates, printing one table row per epoch.
     *
     * @param model network from images [B, 1, 28, 28] in [0, 1] to scores [B, 10]
     * @param name headline start, e.g. {@code "Example 1: spiking MLP"}
     * @param details headline end, e.g. {@code "T=32, batch 256, surrogate Sigmoid"}
     * @return one result per epoch
     * @throws IOException if the data cannot be read
     */
    public List<EpochResult> run(Module model, String name, String details) throws IOException {
        return run(model, name, details, Persistence.NONE);
    }

    /**
     * Loads the data, trains and evaluates, printing one table row per epoch; saves and resumes as
     * {@code persistence} says. When resuming, training continues after the checkpoint's epoch up to
     * {@code settings.epochs()}, with the model, optimiser, schedule and random state of the checkpoint (the model
     * must be built with the same settings).
     *
     * @param model network from images [B, 1, 28, 28] in [0, 1] to scores [B, 10]
     * @param name headline start
     * @param details headline end
     * @param persistence files to save to and resume from
     * @return one result per epoch trained in this run
     * @throws IOException if the data or a file cannot be read or written
     */
    public List<EpochResult> run(Module model, String name, String details, Persistence persistence)
            throws IOException {
        MnistDataset train = settings.dataDir() == null ? MnistDataset.bundled(true)
                : MnistDataset.fromDirectory(settings.dataDir(), true);
        MnistDataset test = settings.dataDir() == null ? MnistDataset.bundled(false)
                : MnistDataset.fromDirectory(settings.dataDir(), false);
        BatchLoader trainLoader = BatchLoader.builder(train).batchSize(settings.batchSize()).shuffle(true)
                .seed(settings.seed()).dropLast(true).build();
        BatchLoader testLoader = BatchLoader.builder(test).batchSize(settings.batchSize()).build();
        if (trainLoader.numBatches() == 0) {
            throw new IllegalArgumentException("batch size " + settings.batchSize() + " is larger than the "
                    + train.size() + " training samples");
        }
        Optimizer optimizer = recipe.optimizer(model.trainableParameters(), settings.learningRate());
        LRScheduler schedule = recipe.schedule(optimizer, settings.scheduleEpochs());
        Trainer.Builder builder = Trainer.builder(model).optimizer(optimizer).loss(LossFunction.mseOneHot(CLASSES))
                .schedule(schedule).clipGradNorm(recipe.clipNorm()).maxBatchesPerEpoch(settings.maxTrainBatches());
        if (!settings.quiet()) {
            builder.listener(new ProgressListener(System.err, settings.epochs()));
        }
        builder.listener(TrainingListener.onEpoch(r -> {
            try {
                persistence.afterEpoch(model, optimizer, schedule, r.epoch(), r, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!settings.quiet()) {
                EpochTable.row(out, r, 0);
            }
        }));
        Trainer trainer = builder.build();
        int firstEpoch = 0;
        if (persistence.resume() != null) {
            Checkpoint checkpoint = Checkpoint.read(persistence.resume());
            checkpoint.restore(model, optimizer, schedule);
            firstEpoch = checkpoint.epoch();
            if (firstEpoch >= settings.epochs()) {
                out.printf("resumed from %s: it was saved after epoch %d, and --epochs %d asks for no more; nothing "
                        + "to train (pass --epochs N with N > %d to continue)%n", persistence.resume(), firstEpoch,
                        settings.epochs(), firstEpoch);
                out.printf("test accuracy of the checkpoint's model: %.2f%%%n",
                        100 * trainer.evaluate(testLoader).accuracy());
                return new ArrayList<>();
            }
            out.printf("resumed from %s after epoch %d: training epochs %d to %d (learning rate %.6g)%n",
                    persistence.resume(), firstEpoch, firstEpoch + 1, settings.epochs(), optimizer.learningRate());
        }
        if (!settings.quiet()) {
            out.printf("%s on MNIST (%d train / %d test digits), %s%n", name, train.size(), test.size(), details);
            out.println(model);
            EpochTable.header(out);
        }
        List<EpochResult> results;
        try {
            results = trainer.fit(trainLoader, testLoader, firstEpoch, settings.epochs());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (settings.quiet() && !results.isEmpty()) {
            EpochResult last = results.get(results.size() - 1);
            out.printf("test accuracy after epoch %d: %.2f%%%n", last.epoch(), 100 * last.testAccuracy());
        }
        return results;
    }

    /**
     * Accuracy on every sample of the loader, in evaluation mode without gradient recording.
     *
     * @param model the network, images [B, 1, 28, 28] to scores [B, 10]
     * @param loader test batches
     * @return fraction correct
     */
    public static double evaluate(Module model, BatchLoader loader) {
        return Trainer.evaluate(model, LossFunction.mseOneHot(CLASSES), loader).accuracy();
    }
}
