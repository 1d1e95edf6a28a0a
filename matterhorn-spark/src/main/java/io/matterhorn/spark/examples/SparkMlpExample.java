package io.matterhorn.spark.examples;

import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.CosineAnnealingLR;
import io.matterhorn.optim.LRScheduler;
import io.matterhorn.snn.Module;
import io.matterhorn.spark.EpochStats;
import io.matterhorn.spark.ModelBytes;
import io.matterhorn.spark.ShardedData;
import io.matterhorn.spark.SparkTrainer;
import io.matterhorn.spark.SparkTrainingConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-mlp}: example 1 (the spiking MLP of {@link MlpExample}) trained with {@link SparkTrainer}, printing
 * the same table as {@code mlp}. Options:
 *
 * <pre>
 *   --master URL        Spark master (default: the spark-submit one, else local[*])
 *   --epochs N          epochs (default 1)
 *   --batch B           global batch size (default 256)
 *   --partitions P      data partitions (default: Spark's default parallelism)
 *   --average K         parameter averaging every K steps instead of synchronous gradients
 *   --max-batches S     global steps per epoch (default all)
 *   --data DIR          folder with the full MNIST IDX files, readable by the driver and every executor
 *                       (hdfs://..., a shared disk; default: the bundled 10,000-digit sample)
 *   --lr X              Adam learning rate (default 1e-3)
 *   --save FILE         write the trained model (whole-model file) there, from the driver
 * </pre>
 *
 * <p>The executors read the training digits themselves ({@link MnistSource}, {@link ShardedData#read}); the
 * driver reads only the test split, for the table's test accuracy. The Poisson encoder's draws on the executors
 * are keyed by (seed, epoch, sample), so a run gives the same table on any cluster layout, also after a lost
 * worker; they differ from {@code mlp}'s draws (the figures are comparable, not identical).
 */
public final class SparkMlpExample {
    private SparkMlpExample() {
    }

    /**
     * @param args see the class comment
     * @throws IOException when the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        String master = null;
        int epochs = 1;
        int batch = 256;
        int partitions = 0;
        int average = 0;
        int maxSteps = 0;
        String dataDir = null;
        double lr = 1e-3;
        String save = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--master" -> master = v;
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--partitions" -> partitions = Integer.parseInt(v);
                case "--average" -> average = Integer.parseInt(v);
                case "--max-batches" -> maxSteps = Integer.parseInt(v);
                case "--data" -> dataDir = v;
                case "--lr" -> lr = Double.parseDouble(v);
                case "--save" -> save = v;
                default -> throw new IllegalArgumentException("unknown option " + a + " (see the javadoc of "
                        + "SparkMlpExample: --master --epochs --batch --partitions --average --max-batches --data "
                        + "--lr --save)");
            }
        }
        SparkSession.Builder b = SparkSession.builder().appName("matterhorn spark-mlp");
        if (master != null) {
            b.master(master);
        } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        try {
            Module model = buildAndTrain(spark, epochs, batch, partitions, average, maxSteps, dataDir, lr, System.out);
            if (save != null) {
                HadoopFiles.write(save, ModelBytes.of(model));
                System.out.println("model saved to " + save);
            }
        } finally {
            spark.stop();
        }
    }

    /**
     * Trains and prints the table.
     *
     * @param spark the session
     * @param epochs epochs
     * @param batch global batch size
     * @param partitions data partitions, or 0 for the default parallelism
     * @param average K for parameter averaging, or 0 for synchronous training
     * @param maxSteps global steps per epoch, or 0 for all
     * @param dataDir full MNIST folder (Hadoop path), or null for the bundled sample
     * @param lr learning rate
     * @param out where the table goes
     * @return per epoch: loss, train accuracy, test accuracy, seconds
     * @throws IOException when the data cannot be read
     */
    public static List<double[]> run(SparkSession spark, int epochs, int batch, int partitions, int average,
            int maxSteps, String dataDir, double lr, PrintStream out) throws IOException {
        List<double[]> rows = new ArrayList<>();
        train(spark, epochs, batch, partitions, average, maxSteps, dataDir, lr, out, rows);
        return rows;
    }

    /**
     * Trains, prints the table, and returns the trained model.
     *
     * @param spark the session
     * @param epochs epochs
     * @param batch global batch size
     * @param partitions data partitions, or 0 for the default parallelism
     * @param average K for parameter averaging, or 0 for synchronous training
     * @param maxSteps global steps per epoch, or 0 for all
     * @param dataDir full MNIST folder (Hadoop path), or null for the bundled sample
     * @param lr learning rate
     * @param out where the table goes
     * @return the trained model (on the driver)
     * @throws IOException when the data cannot be read
     */
    public static Module buildAndTrain(SparkSession spark, int epochs, int batch, int partitions, int average,
            int maxSteps, String dataDir, double lr, PrintStream out) throws IOException {
        return train(spark, epochs, batch, partitions, average, maxSteps, dataDir, lr, out, new ArrayList<>());
    }

    private static Module train(SparkSession spark, int epochs, int batch, int partitions, int average,
            int maxSteps, String dataDir, double lr, PrintStream out, List<double[]> rows) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int p = partitions > 0 ? partitions : sc.defaultParallelism();
        MlpConfig config = MlpConfig.defaults();
        MnistSource trainSource = MnistSource.of(dataDir, true).shuffled(config.seed());
        // read by the executors, one shard per partition; only the source object leaves the driver
        ShardedData data = ShardedData.read(sc, trainSource, p);
        MnistDataset test = MnistSource.of(dataDir, false).load();
        SparkTrainingConfig cfg = SparkTrainingConfig.synchronous(batch, MnistDataset.NUM_CLASSES, 1, 28, 28)
                .withMaxSteps(maxSteps);
        if (average > 0) {
            cfg = cfg.averagingEvery(average);
        }
        Module model = MlpExample.buildModel(config);
        double rate = lr;
        BatchLoader testLoader = BatchLoader.builder(test).batchSize(batch).build();
        try (SparkTrainer trainer = new SparkTrainer(sc, model, m -> new Adam(m.trainableParameters(), rate), cfg)) {
            LRScheduler schedule = new CosineAnnealingLR(trainer.optimizer(), config.scheduleEpochs());
            out.printf("Example 1: spiking MLP on MNIST (%d train / %d test digits), Spark %s on %s, %d partitions, "
                    + "%s%n", data.size(), test.size(), spark.version(), spark.sparkContext().master(), p,
                    average > 0 ? "parameter averaging every " + average + " steps" : "synchronous gradients");
            out.printf("T=%d, global batch %d, surrogate %s, Adam lr %s%n", config.timeSteps(), batch,
                    config.surrogate(), rate);
            out.println(model);
            out.printf("%5s | %9s | %9s | %9s | %8s | %9s%n", "epoch", "loss", "train acc", "test acc", "seconds",
                    "samples/s");
            out.flush();
            for (int e = 1; e <= epochs; e++) {
                EpochStats s = trainer.fitEpoch(data);
                double testAccuracy = MlpExample.evaluate(model, testLoader);
                schedule.step();
                out.printf("%5d | %9.5f | %8.2f%% | %8.2f%% | %8.2f | %9.0f%n", e, s.loss(), 100 * s.accuracy(),
                        100 * testAccuracy, s.seconds(), s.samples() / s.seconds());
                out.flush();
                rows.add(new double[] {s.loss(), s.accuracy(), testAccuracy, s.seconds()});
            }
        } finally {
            data.unpersist();
        }
        return model;
    }
}
