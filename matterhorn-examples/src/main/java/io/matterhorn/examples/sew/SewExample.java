package io.matterhorn.examples.sew;

import io.matterhorn.data.download.DatasetNotFoundException;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.neuromorphic.CameraEventDataset;
import io.matterhorn.data.neuromorphic.NMNIST;
import io.matterhorn.data.neuromorphic.SimulatedNMNIST;
import io.matterhorn.examples.events.SyntheticNmnist;
import io.matterhorn.examples.train.ProgressListener;
import io.matterhorn.io.Checkpoint;
import io.matterhorn.model.SEWRes18;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.CosineAnnealingLR;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.tensor.Tensor;
import io.matterhorn.train.BatchSource;
import io.matterhorn.train.EpochResult;
import io.matterhorn.train.LossFunction;
import io.matterhorn.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Example 5 of matterhorn (model zoo), as the original's: SEW-ResNet-18 trained on N-MNIST, one CSV row per epoch,
 * and the {@code best} (highest test accuracy) and {@code last} checkpoints kept.
 *
 * <pre>
 *   frames [B, T, 2, 34, 34] (N-MNIST, T bins) -> centre crop to 32 x 32 (SEW-ResNet-18 needs multiples of 32)
 *   SEWRes18(32, 32, 10 classes, tau 2, Sigmoid, connection)  -> scores [B, 10]
 *   loss = MSE(scores, one-hot labels); Adam; cosine annealing over the epochs
 *   after every epoch: OUT/log.csv += epoch,loss,train_acc,test_acc,lr,seconds;  OUT/last.safetensors;
 *                      OUT/best.safetensors when the test accuracy is the best so far (both are checkpoints)
 * </pre>
 *
 * <p>Missing N-MNIST files are an error. Only when asked ({@code --synthetic}, no data folder) the example trains
 * on a synthetic stand-in of random events (labels unrelated to the events, so accuracy stays at chance) and says so
 * loudly at the start and in the CSV name of the data source.
 */
public final class SewExample {
    private static final int CLASSES = 10;
    private static final int SIZE = 32;
    private final SewConfig config;
    private final PrintStream out;

    /**
     * @param config settings
     * @param out where the headline and table go (the progress bar goes to System.err)
     */
    public SewExample(SewConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /**
     * The data of a run.
     *
     * @param train training split
     * @param test test split
     * @param description what the data is, for the headline and the CSV
     */
    record DataSource(CameraEventDataset train, CameraEventDataset test, String description) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            train.close();
            test.close();
        }
    }

    /**
     * Chooses the data: with {@code config.simulated()} the simulated N-MNIST ({@link SimulatedNMNIST}, no
     * download); else N-MNIST from {@code config.dataRoot()} (missing files are an error); with no data folder the
     * synthetic stand-in written to {@code OUT/synthetic-nmnist} and announced loudly.
     *
     * @throws DatasetNotFoundException when N-MNIST is not in the data folder
     */
    DataSource openData() throws IOException {
        if (config.simulated()) {
            Path root = config.dataRoot() != null ? config.dataRoot() : config.outDir().resolve("data");
            System.err.println("Opening the simulated N-MNIST in " + root.resolve("SimulatedNMNIST") + " (the first "
                    + "run simulates the recordings and caches them: about 30 s on 2 cores) ...");
            return new DataSource(SimulatedNMNIST.builder(root).train(true).timeSteps(config.timeSteps()).build(),
                    SimulatedNMNIST.builder(root).train(false).timeSteps(config.timeSteps()).build(),
                    "simulated N-MNIST (DVS simulator over the bundled MNIST sample, cached in " + root + ")");
        }
        if (config.dataRoot() != null) {
            System.err.println("Opening N-MNIST in " + config.dataRoot().resolve("NMNIST") + " (the first run "
                    + "extracts and caches the recordings: a few minutes) ...");
            NMNIST train = NMNIST.builder(config.dataRoot()).train(true).timeSteps(config.timeSteps()).build();
            NMNIST test = NMNIST.builder(config.dataRoot()).train(false).timeSteps(config.timeSteps()).build();
            return new DataSource(train, test, "N-MNIST from " + config.dataRoot());
        }
        Path root = config.outDir().resolve("synthetic-nmnist");
        int trainSamples = config.syntheticSamples();
        int testSamples = Math.max(2, trainSamples / 4);
        SyntheticNmnist.write(root, true, trainSamples, 400, config.seed());
        SyntheticNmnist.write(root, false, testSamples, 400, config.seed() + 1);
        String banner = "*".repeat(100);
        out.println(banner);
        out.println("*** --synthetic: TRAINING ON A SYNTHETIC STAND-IN of " + trainSamples + " + " + testSamples
                + " random-event recordings, not on N-MNIST.");
        out.println("*** Its labels do not depend on the events: accuracies stay near chance (10%) and mean nothing.");
        out.println("*** Give --data DIR with NMNIST/ (see example 4, `nmnist --download`) to train on the real data.");
        out.println(banner);
        return new DataSource(NMNIST.builder(root).train(true).timeSteps(config.timeSteps()).build(),
                NMNIST.builder(root).train(false).timeSteps(config.timeSteps()).build(),
                "SYNTHETIC stand-in (random events)");
    }

    /**
     * Trains, logging each epoch and keeping the best and last checkpoints.
     *
     * @return one report per epoch
     * @throws IOException when the data cannot be read or the files cannot be written
     */
    public List<EpochResult> run() throws IOException {
        Files.createDirectories(config.outDir());
        try (DataSource data = openData()) {
            // batch-major frames [B, T, 2, 34, 34], cropped to the model's 32 x 32 when the trainer asks for them
            BatchLoader trainLoader = BatchLoader.builder(data.train()).batchSize(config.batchSize())
                    .shuffle(true).seed(config.seed()).dropLast(true).prefetch(2).build();
            BatchLoader testLoader = BatchLoader.builder(data.test()).batchSize(config.batchSize()).prefetch(2)
                    .build();
            if (trainLoader.numBatches() == 0) {
                throw new IllegalArgumentException("batch size " + config.batchSize() + " is larger than the "
                        + data.train().size() + " training samples");
            }
            Module model = SEWRes18.builder(SIZE, SIZE, CLASSES)
                    .soma(LIF.builder().spikingFunction(new Sigmoid())).connection(config.connection()).build();
            Adam optimizer = new Adam(model.trainableParameters(), config.learningRate());
            CosineAnnealingLR schedule = new CosineAnnealingLR(optimizer, config.epochs());
            Trainer trainer = Trainer.builder(model).optimizer(optimizer).loss(LossFunction.mseOneHot(CLASSES))
                    .maxBatchesPerEpoch(config.maxTrainBatches()).maxBatchesPerEvaluation(config.maxTestBatches())
                    .listener(new ProgressListener(System.err, config.epochs())).build();
            BatchSource train = trainLoader.mapInput(SewExample::crop);
            BatchSource test = testLoader.mapInput(SewExample::crop);
            out.printf("Example 5: SEW-ResNet-18 (%s) on %s (%d train / %d test samples), T=%d, batch %d%n",
                    config.connection(), data.description(), data.train().size(), data.test().size(),
                    config.timeSteps(), config.batchSize());
            out.printf("%5s | %9s | %9s | %9s | %8s%n", "epoch", "loss", "train acc", "test acc", "seconds");
            Path csv = config.outDir().resolve("log.csv");
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write("# data: " + data.description() + "\n");
                w.write("epoch,loss,train_acc,test_acc,lr,seconds\n");
            }
            List<EpochResult> results = new ArrayList<>();
            double best = -1;
            for (int e = 0; e < config.epochs(); e++) {
                EpochResult r = trainer.trainEpoch(train, e).withTest(trainer.evaluate(test));
                double lr = optimizer.learningRate();
                schedule.step();
                results.add(r);
                Files.writeString(csv, String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6g,%.3f%n", r.epoch(),
                        r.loss(), r.trainAccuracy(), r.testAccuracy(), lr, r.trainSeconds()), StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND);
                Map<String, String> meta = Map.of("test_accuracy", Double.toString(r.testAccuracy()), "data",
                        data.description());
                Checkpoint.save(config.outDir().resolve("last.safetensors"), model, optimizer, schedule, e + 1, meta);
                boolean improved = r.testAccuracy() > best;
                if (improved) {
                    best = r.testAccuracy();
                    Checkpoint.save(config.outDir().resolve("best.safetensors"), model, optimizer, schedule, e + 1,
                            meta);
                }
                out.printf("%5d | %9.5f | %8.2f%% | %8.2f%% | %8.2f%s%n", r.epoch(), r.loss(), 100 * r.trainAccuracy(),
                        100 * r.testAccuracy(), r.trainSeconds(), improved ? "  (best so far)" : "");
                out.flush();
            }
            out.println("wrote " + csv + ", " + config.outDir().resolve("best.safetensors") + ", "
                    + config.outDir().resolve("last.safetensors"));
            return results;
        }
    }

    /**
     * The model input {@code [B, T, 2, 32, 32]}: batch-major frames {@code [B, T, 2, 34, 34]} with one pixel cropped
     * from each border.
     *
     * @param frames batch-major frames
     * @return the cropped frames, a new C-order array
     */
    static Tensor crop(Tensor frames) {
        return Tensor.of(frames.value().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(1, 1 + SIZE), NDArrayIndex.interval(1, 1 + SIZE)).dup('c'));
    }
}
