package io.matterhorn.spark.examples;

import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.spark.BadRecords;
import io.matterhorn.spark.ExecutorWatchdog;
import io.matterhorn.spark.FloatArrayColumn;
import io.matterhorn.spark.NmnistEventColumn;
import io.matterhorn.spark.SampleDecoder;
import io.matterhorn.spark.SparkInference;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code spark-score}: batch scoring with a saved model on Spark ({@link SparkInference}), the executors reading
 * the records themselves. Prints the accuracy and writes one CSV line per record. Options:
 *
 * <pre>
 *   --model FILE        whole-model file (Models.save, or spark-mlp --save), read by the driver (required)
 *   --data DIR          score the MNIST test split of this folder (hdfs://..., a shared disk); default: the
 *                       bundled 2,000 test digits; the model's input is [B, 1, 28, 28]
 *   --nmnist DIR        score N-MNIST recordings instead: every *.bin file below DIR (binaryFile), labelled by
 *                       the digit folder they sit in (Test/3/00017.bin); the input is [B, T, 2, S, S]
 *   --bins T            time bins of an N-MNIST recording (default 16)
 *   --size S            frame side of an N-MNIST recording, 34 = full sensor (default 34)
 *   --batch B           rows per forward pass (default 64)
 *   --partitions P      partitions of the MNIST records (default: Spark's default parallelism)
 *   --output DIR        write position/path, label, prediction and error as CSV there (default: none)
 *   --skip-bad          give corrupt records an error instead of failing the job
 *   --master URL        Spark master (default: the spark-submit one, else local[*])
 * </pre>
 */
public final class SparkScoreExample {
    private SparkScoreExample() {
    }

    /** What one run scored. */
    record Result(long records, long correct, long bad) {
        double accuracy() {
            return records - bad == 0 ? 0 : (double) correct / (records - bad);
        }
    }

    /**
     * @param args see the class comment
     * @throws IOException when the model or the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        String master = null;
        String model = null;
        String data = null;
        String nmnist = null;
        int bins = 16;
        int size = 34;
        int batch = 64;
        int partitions = 0;
        String output = null;
        boolean skipBad = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--skip-bad")) {
                skipBad = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--master" -> master = v;
                case "--model" -> model = v;
                case "--data" -> data = v;
                case "--nmnist" -> nmnist = v;
                case "--bins" -> bins = Integer.parseInt(v);
                case "--size" -> size = Integer.parseInt(v);
                case "--batch" -> batch = Integer.parseInt(v);
                case "--partitions" -> partitions = Integer.parseInt(v);
                case "--output" -> output = v;
                default -> throw new IllegalArgumentException("unknown option " + a + " (see the javadoc of "
                        + "SparkScoreExample: --model --data --nmnist --bins --size --batch --partitions --output "
                        + "--skip-bad --master)");
            }
        }
        if (model == null) {
            throw new IllegalArgumentException("--model FILE is required");
        }
        SparkSession.Builder b = SparkSession.builder().appName("matterhorn spark-score");
        if (master != null) {
            b.master(master);
        } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        try {
            run(spark, model, data, nmnist, bins, size, batch, partitions, output, skipBad, System.out);
        } finally {
            spark.stop();
        }
    }

    static Result run(SparkSession spark, String model, String data, String nmnist, int bins, int size, int batch,
            int partitions, String output, boolean skipBad, PrintStream out) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> records;
        SampleDecoder decoder;
        String id;
        if (nmnist != null) {
            id = "path";
            records = spark.read().format("binaryFile")
                    .option("pathGlobFilter", "*.bin")
                    .option("recursiveFileLookup", "true")
                    .load(nmnist)
                    .withColumn("label", functions.regexp_extract(functions.col("path"), "/([0-9])/[^/]*$", 1)
                            .cast(DataTypes.IntegerType));
            decoder = NmnistEventColumn.builder("content", bins).sourceColumn("path").size(size, size).build();
        } else {
            id = "position";
            records = mnistRecords(spark, MnistSource.of(data, false),
                    partitions > 0 ? partitions : sc.defaultParallelism());
            decoder = new FloatArrayColumn("pixels", 1, 28, 28);
        }
        byte[] bytes = HadoopFiles.read(model);
        try (SparkInference scorer = new SparkInference(spark, bytes, decoder, batch,
                skipBad ? BadRecords.SKIP_AND_COUNT : BadRecords.FAIL)) {
            Dataset<Row> scored = scorer.score(records).select(id, "label", "prediction", "error").cache();
            try {
                if (output != null) {
                    String dir = output;
                    ExecutorWatchdog.run(sc, "matterhorn scoring (writing " + dir + ")", () -> {
                        scored.write().option("header", "true").csv(dir);
                        return null;
                    });
                }
                Row counts = ExecutorWatchdog.run(sc, "matterhorn scoring", () -> scored.agg(
                        functions.count(functions.lit(1)),
                        functions.count(functions.when(functions.expr("prediction = label"), 1)),
                        functions.count(functions.col("error"))).first());
                Result r = new Result(counts.getLong(0), counts.getLong(1), counts.getLong(2));
                out.printf("Scored %d records with %s on Spark %s (%s): accuracy %.2f%% (%d of %d), %d bad "
                        + "records%s%n", r.records(), model, spark.version(), spark.sparkContext().master(),
                        100 * r.accuracy(), r.correct(), r.records() - r.bad(), r.bad(),
                        output == null ? "" : "; predictions in " + output);
                out.flush();
                return r;
            } finally {
                scored.unpersist();
            }
        }
    }

    /**
     * MNIST digits as a DataFrame (position long, label int, pixels array&lt;float&gt;) that the executors read:
     * partition p reads positions p, p + P, ...
     */
    static Dataset<Row> mnistRecords(SparkSession spark, MnistSource source, int partitions) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        int count = partitions;
        JavaRDD<Row> rows = sc.parallelize(ids, partitions).mapPartitions(it -> read(source, it, count), true);
        StructType schema = new StructType()
                .add("position", DataTypes.LongType, false)
                .add("label", DataTypes.IntegerType, false)
                .add("pixels", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        return spark.createDataFrame(rows, schema);
    }

    private static Iterator<Row> read(MnistSource source, Iterator<Integer> partition, int partitions)
            throws IOException {
        List<Row> out = new ArrayList<>();
        if (!partition.hasNext()) {
            return out.iterator();
        }
        int p = partition.next();
        MnistDataset d = source.load();
        for (int i = p; i < d.size(); i += partitions) {
            float[] image = d.image(i);
            Float[] boxed = new Float[image.length];
            for (int k = 0; k < image.length; k++) {
                boxed[k] = image[k];
            }
            out.add(RowFactory.create((long) i, d.label(i), boxed));
        }
        return out.iterator();
    }
}
