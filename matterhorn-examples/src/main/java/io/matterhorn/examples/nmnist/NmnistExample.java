package io.matterhorn.examples.nmnist;

import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.neuromorphic.CameraEventDataset;
import io.matterhorn.data.neuromorphic.NMNIST;
import io.matterhorn.data.neuromorphic.SimulatedNMNIST;
import io.matterhorn.examples.cli.ProgressBar;
import io.matterhorn.examples.train.EpochTable;
import io.matterhorn.examples.train.ProgressListener;
import io.matterhorn.io.Architecture;
import io.matterhorn.io.Models;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.CosineAnnealingLR;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Plain;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.DirectEncoder;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import io.matterhorn.train.BatchSource;
import io.matterhorn.train.EpochResult;
import io.matterhorn.train.Evaluation;
import io.matterhorn.train.LossFunction;
import io.matterhorn.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Example 4 of matterhorn: a convolutional SNN on N-MNIST event data.
 *
 * <pre>
 *   DirectEncoder                      [B, T, 2, 34, 34] -> [T, B, 2, 34, 34]
 *   Conv2d(2, 64, 3, stride 2, pad 1)  -> LIF(tau)   34 -> 17
 *   Conv2d(64, 64, 3, stride 2, pad 1) -> LIF(tau)   17 -> 9
 *   Conv2d(64, 64, 3, stride 2, pad 1) -> LIF(tau)    9 -> 5
 *   AvgSpikeDecoder                    [T, B, 64, 5, 5] -> [B, 64, 5, 5] firing rates
 *   flatten -> Linear(1600, 10) -> ReLU   (plain, non-spiking head; the ReLU only with reluHead)
 *   loss = MSE(scores, one-hot labels); Adam; cosine annealing over the epochs
 * </pre>
 *
 * <p>Read-out: the original ends with a ReLU ({@link NmnistConfig#reluHead()} true, the default). Trained with
 * the MSE loss, that ReLU can lose a class for good: at the start the convolutional layers hardly fire, so each
 * score is about its bias, and a class whose bias (or later whose score) is negative for every input passes no
 * gradient through the ReLU and is never predicted again. On the simulated N-MNIST this left three of the ten
 * digits dead (never predicted) and capped the accuracy near 70%; {@code nmnist --simulated} therefore uses the
 * linear read-out ({@code --head linear}) by default.
 *
 * <p>Data: {@link NMNIST} frames {@code [T, 2, 34, 34]}, binary, stretched over {@code T} bins (the original's
 * rule), or the same frames of {@link SimulatedNMNIST} (recordings simulated from MNIST digits, no download). The
 * {@link BatchLoader} delivers batch-major batches {@code [B, T, ...]} built by a background thread, the input of
 * the original's {@code DirectEncoder} (PyTorch's layout); the library's {@link Trainer} runs the epochs.
 */
public final class NmnistExample {
    /** Number of digit classes. */
    public static final int CLASSES = 10;

    static {
        // the model's two Plain.function wrappers, registered so that the model can be saved and loaded
        Architecture.registerFunction("flatten", x -> x.reshape(x.size(0), -1));
        Architecture.registerFunction("relu", Tensor::relu);
    }

    private final NmnistConfig config;
    private final PrintStream out;
    private Path saveTo;

    /**
     * @param config settings
     * @param out    where the headline and table go (the progress bar goes to System.err)
     */
    public NmnistExample(NmnistConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /**
     * Builds the example-4 network.
     *
     * @param config settings (tau, surrogate, seed)
     * @return the model: batch-major frames {@code [B, T, 2, 34, 34]} to scores {@code [B, 10]}
     */
    public static Module buildModel(NmnistConfig config) {
        Random init = new Random(config.seed());
        List<Module> layers = new ArrayList<>(List.of(
                new DirectEncoder(),
                Conv2d.builder(2, 64, 3).stride(2).padding(1).random(init).build(),
                lif(config),
                Conv2d.builder(64, 64, 3).stride(2).padding(1).random(init).build(),
                lif(config),
                Conv2d.builder(64, 64, 3).stride(2).padding(1).random(init).build(),
                lif(config),
                new AvgSpikeDecoder(),
                Plain.function("flatten", x -> x.reshape(x.size(0), -1)),
                Plain.of(new Linear(64 * 5 * 5, CLASSES, true, false, init))));
        if (config.reluHead()) {
            layers.add(Plain.function("relu", Tensor::relu));
        }
        return new Sequential(layers.toArray(new Module[0]));
    }

    private static LIF lif(NmnistConfig config) {
        return LIF.builder().tauM(config.tauM()).spikingFunction(config.surrogate()).build();
    }

    /**
     * Saves the trained model after the last epoch (a model file, see {@code Models.save}; the streaming runtime
     * loads it with {@code StreamingNetwork.load(file, 2, 34, 34)}).
     *
     * @param file the model file to write, or null not to save
     * @return this example
     */
    public NmnistExample saveTo(Path file) {
        this.saveTo = file;
        return this;
    }

    /**
     * Opens N-MNIST (or the simulated set), trains and evaluates, printing one table row per epoch.
     *
     * @return one report per epoch
     * @throws io.matterhorn.data.download.DatasetNotFoundException if the N-MNIST files are not in the data folder
     *                                                               (and {@code download} is off)
     * @throws IOException                                            if the data cannot be read
     */
    public List<EpochResult> run() throws IOException {
        try (CameraEventDataset train = open(true); CameraEventDataset test = open(false)) {
            // batch-major frames [B, T, 2, 34, 34], the input the DirectEncoder expects
            BatchLoader trainLoader = BatchLoader.builder(train).batchSize(config.batchSize()).shuffle(true)
                    .seed(config.seed()).dropLast(true).prefetch(2).build();
            BatchLoader testLoader = BatchLoader.builder(test).batchSize(config.batchSize()).prefetch(2).build();
            if (trainLoader.numBatches() == 0) {
                throw new IllegalArgumentException("batch size " + config.batchSize() + " is larger than the "
                        + train.size() + " training samples");
            }
            Module model = buildModel(config);
            Adam optimizer = new Adam(model.trainableParameters(), config.learningRate());
            CosineAnnealingLR schedule = new CosineAnnealingLR(optimizer, config.scheduleEpochs());
            Trainer.Builder builder = Trainer.builder(model).optimizer(optimizer).loss(LOSS)
                    .maxBatchesPerEpoch(config.maxTrainBatches());
            if (!config.quiet()) {
                builder.listener(new ProgressListener(System.err, config.epochs()));
                out.printf("Example 4: convolutional SNN on %s (%d train / %d test samples), T=%d, batch %d, "
                        + "lr %s, tau %.2f, surrogate %s, %s read-out, seed %d%n",
                        config.simulated() ? "simulated N-MNIST" : "N-MNIST", train.size(), test.size(),
                        config.timeSteps(), config.batchSize(), config.learningRate(), config.tauM(),
                        config.surrogate(), config.reluHead() ? "ReLU" : "linear", config.seed());
                out.println(model);
                EpochTable.header(out);
            }
            Trainer trainer = builder.build();
            List<EpochResult> results = new ArrayList<>();
            long[][] confusion = null;
            for (int e = 0; e < config.epochs(); e++) {
                EpochResult r = trainer.trainEpoch(trainLoader, e);
                confusion = confusion(model, testLoader, config.maxTestBatches(), config.quiet() ? null
                        : new ProgressBar(System.err, String.format("test %d/%d", e + 1, config.epochs()),
                                testBatches(testLoader)));
                r = r.withTest(new Evaluation(Double.NaN, accuracy(confusion), trace(confusion), total(confusion)));
                results.add(r);
                schedule.step();
                if (!config.quiet()) {
                    EpochTable.row(out, r, 1);
                }
            }
            if (saveTo != null) {
                Models.save(model, saveTo, java.util.Map.of("time_steps", String.valueOf(config.timeSteps()),
                        "test_accuracy", String.valueOf(results.get(results.size() - 1).testAccuracy())));
                out.println("saved the model to " + saveTo);
            }
            if (!config.quiet()) {
                out.println(perDigitSummary(confusion));
            } else {
                out.printf("test accuracy after epoch %d: %.2f%%%n", config.epochs(),
                        100 * results.get(results.size() - 1).testAccuracy());
            }
            return results;
        }
    }

    /** The training loss: MSE against one-hot labels over the 10 digits. */
    private static final LossFunction LOSS = LossFunction.mseOneHot(CLASSES);

    /** Opens a split of N-MNIST or of the simulated N-MNIST, binned into {@code T} binary frames. */
    private CameraEventDataset open(boolean train) throws IOException {
        if (train) {
            System.err.println(config.simulated()
                    ? "Opening the simulated N-MNIST in " + config.dataRoot().resolve("SimulatedNMNIST")
                            + " (the first run simulates the recordings and caches them: about 30 s on 2 cores) ..."
                    : "Opening N-MNIST in " + config.dataRoot().resolve("NMNIST")
                            + " (the first run extracts and caches the recordings: a few minutes) ...");
        }
        if (config.simulated()) {
            return SimulatedNMNIST.builder(config.dataRoot()).mnist(config.mnist()).train(train)
                    .timeSteps(config.timeSteps()).build();
        }
        return NMNIST.builder(config.dataRoot()).train(train).download(config.download())
                .timeSteps(config.timeSteps()).build();
    }

    /**
     * Accuracy in evaluation mode without gradient recording.
     *
     * @param model      the network
     * @param loader     test batches
     * @param maxBatches evaluate at most this many batches (0 = all)
     * @return fraction correct: the trace of {@link #confusion} over its sum (NaN for no samples)
     */
    public static double evaluate(Module model, BatchSource loader, int maxBatches) {
        return accuracy(confusion(model, loader, maxBatches));
    }

    /**
     * Confusion counts in evaluation mode without gradient recording; the prediction is the class of the highest
     * score (the lowest index on ties, as {@link Losses#correct}).
     *
     * @param model      the network, scores {@code [B, 10]}
     * @param loader     test batches
     * @param maxBatches evaluate at most this many batches (0 = all)
     * @return {@code counts[label][predicted]}, {@code [10][10]}
     */
    public static long[][] confusion(Module model, BatchSource loader, int maxBatches) {
        return confusion(model, loader, maxBatches, null);
    }

    private int testBatches(BatchSource loader) {
        return config.maxTestBatches() > 0 ? Math.min(config.maxTestBatches(), loader.numBatches())
                : loader.numBatches();
    }

    /**
     * As {@link #confusion(Module, BatchSource, int)}, drawing a progress bar. The counts are taken from the
     * outputs the {@link Trainer}'s evaluation hands to its loss function (evaluation mode, no gradients).
     *
     * @param model      the network, scores {@code [B, 10]}
     * @param loader     test batches
     * @param maxBatches evaluate at most this many batches (0 = all)
     * @param bar        progress bar, or null
     * @return {@code counts[label][predicted]}, {@code [10][10]}
     */
    public static long[][] confusion(Module model, BatchSource loader, int maxBatches, ProgressBar bar) {
        long[][] counts = new long[CLASSES][CLASSES];
        long[] progress = new long[2];
        LossFunction tally = (output, labels) -> {
            float[] scores = output.toFloatArray();
            for (int i = 0; i < labels.length; i++) {
                int best = 0;
                for (int k = 1; k < CLASSES; k++) {
                    if (scores[i * CLASSES + k] > scores[i * CLASSES + best]) {
                        best = k;
                    }
                }
                counts[labels[i]][best]++;
            }
            progress[0]++;
            progress[1] += labels.length;
            if (bar != null) {
                bar.update((int) progress[0], progress[1]);
            }
            return LOSS.loss(output, labels);
        };
        Trainer.evaluate(model, tally, loader, maxBatches);
        if (bar != null) {
            bar.finish();
        }
        return counts;
    }

    private static long trace(long[][] confusion) {
        long t = 0;
        for (int i = 0; i < confusion.length; i++) {
            t += confusion[i][i];
        }
        return t;
    }

    private static long total(long[][] confusion) {
        long t = 0;
        for (long[] row : confusion) {
            for (long c : row) {
                t += c;
            }
        }
        return t;
    }

    /**
     * Fraction correct of confusion counts.
     *
     * @param confusion {@code counts[label][predicted]}, square
     * @return trace / sum, NaN when the sum is 0
     */
    public static double accuracy(long[][] confusion) {
        long correct = 0;
        long total = 0;
        for (int i = 0; i < confusion.length; i++) {
            for (int j = 0; j < confusion[i].length; j++) {
                total += confusion[i][j];
            }
            correct += confusion[i][i];
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /**
     * One line per test run: the accuracy of each digit ({@code counts[d][d] / sum_j counts[d][j]}) and the
     * digits never predicted, which shows a read-out class that has died.
     *
     * @param confusion {@code counts[label][predicted]}, square
     * @return for example {@code per-digit test accuracy: 0 99.0%, 1 98.5%, ...; never predicted: 4, 7}
     */
    public static String perDigitSummary(long[][] confusion) {
        StringBuilder s = new StringBuilder("per-digit test accuracy:");
        List<String> neverPredicted = new ArrayList<>();
        for (int d = 0; d < confusion.length; d++) {
            long row = 0;
            long column = 0;
            for (int j = 0; j < confusion.length; j++) {
                row += confusion[d][j];
                column += confusion[j][d];
            }
            s.append(d == 0 ? " " : ", ").append(d).append(' ')
                    .append(row == 0 ? "-" : String.format("%.1f%%", 100.0 * confusion[d][d] / row));
            if (column == 0) {
                neverPredicted.add(Integer.toString(d));
            }
        }
        return s.append("; never predicted: ").append(neverPredicted.isEmpty() ? "none"
                : String.join(", ", neverPredicted)).toString();
    }
}
