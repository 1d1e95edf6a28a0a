package io.matterhorn.examples.train;

import io.matterhorn.data.loader.Batch;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.cli.ProgressBar;
import io.matterhorn.io.Checkpoint;
import io.matterhorn.optim.LRScheduler;
import io.matterhorn.optim.Losses;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.MemoryScope;
import io.matterhorn.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop the MNIST examples share, as in the original examples:
 *
 * <pre>
 *   for each epoch:  for each shuffled batch (drop last):  out = model(images [B, 1, 28, 28])   ([B, 10])
 *                        loss = MSE(out, one-hot(labels));  [clip the gradient norm]  Adam / AdamW step
 *                    test accuracy (argmax(out) == label) on every test digit, no gradient;
 *                    schedule step ([linear warm-up, then] cosine; see {@link OptimizerRecipe})
 * </pre>
 *
 * <p>Prints a headline, the model, a progress bar per epoch (to System.err) and one table row per epoch (loss,
 * train and test accuracy, seconds, samples/s). Each training step runs in a {@link MemoryScope}.
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
     * @return one report per epoch
     * @throws IOException if the data cannot be read
     */
    public List<EpochReport> run(Module model, String name, String details) throws IOException {
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
     * @return one report per epoch trained in this run
     * @throws IOException if the data or a file cannot be read or written
     */
    public List<EpochReport> run(Module model, String name, String details, Persistence persistence)
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
        int firstEpoch = 0;
        if (persistence.resume() != null) {
            Checkpoint checkpoint = Checkpoint.read(persistence.resume());
            checkpoint.restore(model, optimizer, schedule);
            firstEpoch = checkpoint.epoch();
            if (firstEpoch >= settings.epochs()) {
                out.printf("resumed from %s: it was saved after epoch %d, and --epochs %d asks for no more; nothing "
                        + "to train (pass --epochs N with N > %d to continue)%n", persistence.resume(), firstEpoch,
                        settings.epochs(), firstEpoch);
                out.printf("test accuracy of the checkpoint's model: %.2f%%%n", 100 * evaluate(model, testLoader));
                return new ArrayList<>();
            }
            out.printf("resumed from %s after epoch %d: training epochs %d to %d (learning rate %.6g)%n",
                    persistence.resume(), firstEpoch, firstEpoch + 1, settings.epochs(), optimizer.learningRate());
        }
        if (!settings.quiet()) {
            out.printf("%s on MNIST (%d train / %d test digits), %s%n", name, train.size(), test.size(), details);
            out.println(model);
            out.printf("%5s | %9s | %9s | %9s | %8s | %9s%n", "epoch", "loss", "train acc", "test acc", "seconds",
                    "samples/s");
        }
        List<EpochReport> results = new ArrayList<>();
        for (int e = firstEpoch; e < settings.epochs(); e++) {
            EpochReport r = trainEpoch(model, optimizer, trainLoader, e);
            r = new EpochReport(r.epoch(), r.loss(), r.trainAccuracy(), evaluate(model, testLoader), r.trainSeconds(),
                    r.samplesPerSecond());
            results.add(r);
            schedule.step();
            persistence.afterEpoch(model, optimizer, schedule, e + 1, r, out);
            if (!settings.quiet()) {
                out.printf("%5d | %9.5f | %8.2f%% | %8.2f%% | %8.2f | %9.0f%n", r.epoch(), r.loss(),
                        100 * r.trainAccuracy(), 100 * r.testAccuracy(), r.trainSeconds(), r.samplesPerSecond());
                out.flush();
            }
        }
        if (settings.quiet() && !results.isEmpty()) {
            EpochReport last = results.get(results.size() - 1);
            out.printf("test accuracy after epoch %d: %.2f%%%n", last.epoch(), 100 * last.testAccuracy());
        }
        return results;
    }

    private EpochReport trainEpoch(Module model, Optimizer optimizer, BatchLoader loader, int epoch) {
        int total = settings.maxTrainBatches() > 0 ? Math.min(settings.maxTrainBatches(), loader.numBatches())
                : loader.numBatches();
        ProgressBar bar = settings.quiet() ? null
                : new ProgressBar(System.err, String.format("epoch %d/%d", epoch + 1, settings.epochs()), total);
        return EpochLoop.train(model, optimizer, loader.epoch(epoch), total, bar, epoch + 1, MNIST_BATCHES,
                recipe.clipNorm());
    }

    /** How the MNIST batches feed the loop: images [B, 1, 28, 28], one-hot over 10 classes. */
    private static final EpochLoop.BatchView<Batch> MNIST_BATCHES = new EpochLoop.BatchView<>() {
        @Override
        public Tensor input(Batch batch) {
            return Tensor.of(batch.features());
        }

        @Override
        public org.nd4j.linalg.api.ndarray.INDArray oneHot(Batch batch) {
            return batch.oneHot(CLASSES);
        }

        @Override
        public int[] labels(Batch batch) {
            return batch.labels();
        }
    };

    /**
     * Accuracy on every sample of the loader, in evaluation mode without gradient recording.
     *
     * @param model the network, images [B, 1, 28, 28] to scores [B, 10]
     * @param loader test batches
     * @return fraction correct
     */
    public static double evaluate(Module model, BatchLoader loader) {
        model.eval();
        long correct = 0;
        long samples = 0;
        try (Grad.Scope noGrad = Grad.disabled()) {
            for (Batch batch : loader.epoch(0)) {
                try (MemoryScope scope = MemoryScope.open("eval")) {
                    correct += Losses.correct(model.forward(Tensor.of(batch.features())), batch.labels());
                }
                samples += batch.size();
            }
        }
        model.train();
        return (double) correct / samples;
    }
}
