package io.matterhorn.spark;

import io.matterhorn.snn.Module;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Batch inference with a saved model on a DataFrame: the model file's bytes are broadcast once; each task
 * borrows a model rebuilt once per executor task slot, decodes its rows with a {@link SampleDecoder}, and runs
 * them through the model in evaluation mode, {@code batchSize} rows at a time, resetting the temporal state before
 * every batch (each row is one independent sample sequence). A seeded encoder that is the model's first module
 * draws each row's spikes from a key of (partition, row within the partition) ({@link KeyedDraws}), so a
 * retried task gives the same scores; with a deterministic encoder the scores depend on nothing but the row.
 *
 * <p>{@link #score} returns the input columns plus
 * <pre>
 *   prediction  int            argmax of the scores (null for a skipped bad record)
 *   scores      array&lt;float&gt;   the model's output row [classes]  (null for a skipped bad record)
 *   error       string         the reader's message for a skipped bad record, else null
 * </pre>
 * With {@link BadRecords#FAIL} a corrupt record fails its task with the reader's exception; with
 * {@link BadRecords#SKIP_AND_COUNT} it gets an {@code error} and is counted. The exact count is
 * {@code scored.filter("error IS NOT NULL").count()}; {@link #badRecordCount()} is a Spark accumulator updated
 * inside a transformation, so a retried or recomputed task counts its records again.
 *
 * <p>Thread-safe for concurrent {@code score} calls; {@link #close()} releases the broadcast.
 */
public final class SparkInference implements AutoCloseable {
    private final SparkSession spark;
    private final Broadcast<byte[]> modelBc;
    private final SampleDecoder decoder;
    private final int batchSize;
    private final BadRecords badRecords;
    private final LongAccumulator badCount;

    /**
     * @param spark the session
     * @param modelBytes the bytes of a whole-model file ({@link ModelBytes})
     * @param decoder reads one row into one sample
     * @param batchSize rows per forward pass, >= 1
     * @param badRecords fail or skip-and-count corrupt records
     * @throws IllegalArgumentException when the bytes are not a model, or it has a random module that cannot be keyed
     */
    public SparkInference(SparkSession spark, byte[] modelBytes, SampleDecoder decoder, int batchSize,
            BadRecords badRecords) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        // fails here, on the driver, with the file's problem or a random module that cannot be keyed
        KeyedDraws.check(ModelBytes.load(modelBytes), false, "SparkInference");
        this.spark = spark;
        this.modelBc = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(modelBytes);
        this.decoder = decoder;
        this.batchSize = batchSize;
        this.badRecords = badRecords;
        this.badCount = spark.sparkContext().longAccumulator("matterhorn bad records");
    }

    /**
     * @param spark the session
     * @param modelFile a whole-model file written by {@link io.matterhorn.io.Models#save}
     * @param decoder reads one row into one sample
     * @param batchSize rows per forward pass
     * @param badRecords fail or skip-and-count corrupt records
     * @return the scorer
     * @throws IOException when the file cannot be read or is not a valid model file
     */
    public static SparkInference fromFile(SparkSession spark, Path modelFile, SampleDecoder decoder, int batchSize,
            BadRecords badRecords) throws IOException {
        return new SparkInference(spark, ModelBytes.read(modelFile), decoder, batchSize, badRecords);
    }

    /**
     * @param model a model to score with (saved to bytes now; later changes are not seen)
     * @param spark the session
     * @param decoder reads one row into one sample
     * @param batchSize rows per forward pass
     * @param badRecords fail or skip-and-count corrupt records
     * @return the scorer
     */
    public static SparkInference of(Module model, SparkSession spark, SampleDecoder decoder, int batchSize,
            BadRecords badRecords) {
        return new SparkInference(spark, ModelBytes.of(model), decoder, batchSize, badRecords);
    }

    /**
     * Scores every row (lazily: runs when an action runs on the result).
     *
     * @param data the records
     * @return the records with {@code prediction}, {@code scores} and {@code error} added, in the same order
     * @throws IllegalArgumentException when the decoder's columns are missing or mistyped
     */
    public Dataset<Row> score(Dataset<Row> data) {
        decoder.checkSchema(data.schema());
        StructType schema = data.schema()
                .add("prediction", DataTypes.IntegerType, true)
                .add("scores", DataTypes.createArrayType(DataTypes.FloatType, false), true)
                .add("error", DataTypes.StringType, true);
        Broadcast<byte[]> mb = modelBc;
        SampleDecoder d = decoder;
        int b = batchSize;
        boolean skip = badRecords == BadRecords.SKIP_AND_COUNT;
        LongAccumulator acc = badCount;
        JavaRDD<Row> scored = data.javaRDD().mapPartitions(
                rows -> new ScoringIterator(rows, mb, d, b, skip, acc), true);
        return spark.createDataFrame(scored, schema);
    }

    /** @return records skipped so far (see the class comment for how retries count) */
    public long badRecordCount() {
        return badCount.value();
    }

    /** Releases the broadcast model and the executor-side model pool. */
    @Override
    public void close() {
        ModelPool.release(modelBc.id());
        modelBc.destroy();
    }
}
