package io.matterhorn.examples.sew;

import io.matterhorn.data.download.DatasetNotFoundException;
import io.matterhorn.data.loader.EpochStream;
import io.matterhorn.data.loader.SequenceBatch;
import io.matterhorn.data.loader.SequenceLoader;
import io.matterhorn.data.neuromorphic.CameraEventDataset;
import io.matterhorn.data.neuromorphic.NMNIST;
import io.matterhorn.data.neuromorphic.SimulatedNMNIST;
import io.matterhorn.examples.cli.ProgressBar;
import io.matterhorn.examples.events.SyntheticNmnist;
import io.matterhorn.examples.train.EpochLoop;
import io.matterhorn.examples.train.EpochReport;
import io.matterhorn.io.Checkpoint;
import io.matterhorn.model.SEWRes18;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.CosineAnnealingLR;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.MemoryScope;
import io.matterhorn.tensor.Tensor;
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
import org.nd4j.linalg.api.ndarray.INDArray;
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
    public List<EpochReport> run() throws IOException {
        Files.createDirectories(config.outDir());
        try (DataSource data = openData()) {
            SequenceLoader trainLoader = SequenceLoader.builder(data.train()).batchSize(config.batchSize())
                    .shuffle(true).seed(config.seed()).dropLast(true).build();
            SequenceLoader testLoader = SequenceLoader.builder(data.test()).batchSize(config.batchSize()).build();
            if (trainLoader.numBatches() == 0) {
                throw new IllegalArgumentException("batch size " + config.batchSize() + " is larger than the "
                        + data.train().size() + " training samples");
            }
            Module model = SEWRes18.builder(SIZE, SIZE, CLASSES)
                    .soma(LIF.builder().spikingFunction(new Sigmoid())).connection(config.connection()).build();
            Adam optimizer = new Adam(model.trainableParameters(), config.learningRate());
            CosineAnnealingLR schedule = new CosineAnnealingLR(optimizer, config.epochs());
            out.printf("Example 5: SEW-ResNet-18 (%s) on %s (%d train / %d test samples), T=%d, batch %d%n",
                    config.connection(), data.description(), data.train().size(), data.test().size(),
                    config.timeSteps(), config.batchSize());
            out.printf("%5s | %9s | %9s | %9s | %8s%n", "epoch", "loss", "train acc", "test acc", "seconds");
            Path csv = config.outDir().resolve("log.csv");
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write("# data: " + data.description() + "\n");
                w.write("epoch,loss,train_acc,test_acc,lr,seconds\n");
            }
            List<EpochReport> results = new ArrayList<>();
            double best = -1;
            for (int e = 0; e < config.epochs(); e++) {
                EpochReport r = trainEpoch(model, optimizer, trainLoader, e);
                r = new EpochReport(r.epoch(), r.loss(), r.trainAccuracy(), evaluate(model, testLoader, e),
                        r.trainSeconds(), r.samplesPerSecond());
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

    private EpochReport trainEpoch(Module model, Adam optimizer, SequenceLoader loader, int epoch) {
        int total = config.maxTrainBatches() > 0 ? Math.min(config.maxTrainBatches(), loader.numBatches())
                : loader.numBatches();
        ProgressBar bar = new ProgressBar(System.err, String.format("epoch %d/%d", epoch + 1, config.epochs()), total);
        try (EpochStream batches = loader.epoch(epoch)) {
            return EpochLoop.train(model, optimizer, batches, total, bar, epoch + 1, BATCHES);
        }
    }

    private double evaluate(Module model, SequenceLoader loader, int epoch) {
        int total = config.maxTestBatches() > 0 ? Math.min(config.maxTestBatches(), loader.numBatches())
                : loader.numBatches();
        ProgressBar bar = new ProgressBar(System.err, String.format("test %d/%d", epoch + 1, config.epochs()), total);
        model.eval();
        long correct = 0;
        long samples = 0;
        int done = 0;
        try (Grad.Scope noGrad = Grad.disabled(); EpochStream batches = loader.epoch(0)) {
            for (SequenceBatch batch : batches) {
                if (config.maxTestBatches() > 0 && done == config.maxTestBatches()) {
                    break;
                }
                try (MemoryScope scope = MemoryScope.open("eval")) {
                    correct += Losses.correct(model.forward(BATCHES.input(batch)), batch.labels());
                }
                samples += batch.size();
                done++;
                bar.update(done, samples);
            }
        }
        bar.finish();
        model.train();
        return samples == 0 ? Double.NaN : (double) correct / samples;
    }

    /**
     * Batch-major frames {@code [B, T, 2, 32, 32]}: the time-major batch {@code [T, B, 2, 34, 34]} with time and
     * batch swapped and one pixel cropped from each border.
     *
     * @param frames time-major frames
     * @return the model input
     */
    static INDArray cropBatchMajor(INDArray frames) {
        INDArray cropped = frames.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(1, 1 + SIZE), NDArrayIndex.interval(1, 1 + SIZE));
        return cropped.permute(1, 0, 2, 3, 4).dup('c');
    }

    private static final EpochLoop.BatchView<SequenceBatch> BATCHES = new EpochLoop.BatchView<>() {
        @Override
        public Tensor input(SequenceBatch batch) {
            return Tensor.of(cropBatchMajor(batch.features()));
        }

        @Override
        public INDArray oneHot(SequenceBatch batch) {
            return batch.oneHot(CLASSES);
        }

        @Override
        public int[] labels(SequenceBatch batch) {
            return batch.labels();
        }
    };
}
