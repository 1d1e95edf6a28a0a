package io.matterhorn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.events.FrameBinner;
import io.matterhorn.data.events.FrameSpec;
import io.matterhorn.data.events.NmnistBinReader;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.TimeBinning;
import io.matterhorn.io.Models;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.DirectEncoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch inference on a DataFrame of N-MNIST event recordings ({@code .bin} bytes) against a local loop that reads
 * the same bytes with the data module's reader and runs the saved model one recording at a time.
 */
class InferenceTest {
    private static final int T = 5;
    private static final int SIZE = 8; // 34 x 34 sensor scaled to 8 x 8
    private static final int RECORDINGS = 14;
    static final AtomicInteger INJECTED_FAILURES = new AtomicInteger();

    @TempDir
    static Path dir;
    static Path modelFile;
    static List<byte[]> recordings;

    @BeforeAll
    static void setUp() throws Exception {
        Random init = new Random(3);
        Module model = new Sequential(new DirectEncoder(), new Flatten(),
                new Linear(2 * SIZE * SIZE, 10, false, false, init),
                LIF.builder().tauM(2.0).build(),
                new AvgSpikeDecoder());
        // stronger weights so that most recordings make some output neuron fire
        model.namedParameters().get("2.weight").value().muli(6);
        modelFile = dir.resolve("events.safetensors");
        Models.save(model, modelFile);
        recordings = new ArrayList<>();
        Random r = new Random(5);
        for (int i = 0; i < RECORDINGS; i++) {
            int n = 200 + r.nextInt(300);
            long[] t = new long[n];
            int[] x = new int[n];
            int[] y = new int[n];
            int[] p = new int[n];
            int cx = 5 + r.nextInt(24);
            for (int e = 0; e < n; e++) {
                t[e] = e * 100L + r.nextInt(50);
                x[e] = Math.min(33, Math.max(0, cx + r.nextInt(9) - 4));
                y[e] = r.nextInt(34);
                p[e] = r.nextInt(2);
            }
            recordings.add(NmnistBinReader.encode(PolarityEvents.of(t, x, y, p)));
        }
    }

    static NmnistEventColumn decoder() {
        return NmnistEventColumn.builder("content", T).sourceColumn("path").size(SIZE, SIZE).build();
    }

    static Dataset<Row> frame(List<byte[]> contents, int partitions) {
        StructType schema = new StructType().add("path", DataTypes.StringType, false)
                .add("content", DataTypes.BinaryType, true);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            rows.add(RowFactory.create("rec" + i + ".bin", contents.get(i)));
        }
        return TestSpark.session().createDataFrame(rows, schema).repartition(partitions);
    }

    /** The local loop: reader, binning, model, one recording per forward pass. */
    static float[] localScores(Module model, byte[] bin) throws Exception {
        FrameSpec spec = new FrameSpec(TimeBinning.stretch(T), true, SIZE, SIZE, 34, 34, false);
        float[] frames = FrameBinner.frames(NmnistBinReader.decode(bin, "local"), spec);
        model.eval();
        model.reset();
        try (Grad.Scope g = Grad.disabled()) {
            INDArray out = model.forward(Tensor.of(Nd4j.create(frames, new long[] {1, T, 2, SIZE, SIZE}))).value();
            return out.dup().reshape(out.length()).toFloatVector();
        }
    }

    static float[] scoresOf(Row row) {
        List<Float> l = row.getList(row.fieldIndex("scores"));
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i);
        }
        return out;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static void assertMatchesLocalLoop(List<Row> scored, List<byte[]> contents) throws Exception {
        Module local = Models.load(modelFile);
        assertEquals(contents.size(), scored.size());
        int firing = 0;
        for (Row row : scored) {
            int i = Integer.parseInt(row.getString(0).replaceAll("\\D", ""));
            float[] expected = localScores(local, contents.get(i));
            float[] actual = scoresOf(row);
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], actual[k], 1e-6, row.getString(0) + " score " + k);
            }
            assertEquals(argmax(expected), row.getInt(row.fieldIndex("prediction")), row.getString(0));
            assertNull(row.get(row.fieldIndex("error")));
            if (max(expected) > 0) {
                firing++;
            }
        }
        assertTrue(firing >= contents.size() / 2, "too few recordings make the model fire: " + firing);
    }

    static float max(float[] v) {
        float m = v[0];
        for (float f : v) {
            m = Math.max(m, f);
        }
        return m;
    }

    @Test
    void dataFrameOfEventRecordingsGivesTheLocalLoopsPredictions() throws Exception {
        try (SparkInference scorer = SparkInference.fromFile(TestSpark.session(), modelFile, decoder(), 4,
                BadRecords.FAIL)) {
            Dataset<Row> scored = scorer.score(frame(recordings, 3));
            assertEquals(List.of("path", "content", "prediction", "scores", "error"),
                    Arrays.asList(scored.columns()));
            // batches of 4 rows per forward pass, state reset between batches, must equal one-at-a-time scoring
            assertMatchesLocalLoop(scored.collectAsList(), recordings);
        }
    }

    @Test
    void corruptRecordFailsWithTheReadersError() {
        List<byte[]> contents = new ArrayList<>(recordings);
        contents.set(6, Arrays.copyOf(recordings.get(6), 12)); // 12 bytes: not a whole number of 5-byte events
        try (SparkInference scorer = SparkInference.fromFile(TestSpark.session(), modelFile, decoder(), 4,
                BadRecords.FAIL)) {
            Exception e = assertThrows(Exception.class, () -> scorer.score(frame(contents, 2)).collectAsList());
            String message = String.valueOf(e.getMessage());
            assertTrue(message.contains("truncated N-MNIST file") && message.contains("rec6.bin"), message);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void corruptRecordIsSkippedAndCountedWhenAsked() throws Exception {
        List<byte[]> contents = new ArrayList<>(recordings);
        contents.set(6, Arrays.copyOf(recordings.get(6), 12));
        try (SparkInference scorer = SparkInference.fromFile(TestSpark.session(), modelFile, decoder(), 4,
                BadRecords.SKIP_AND_COUNT)) {
            Dataset<Row> scored = scorer.score(frame(contents, 2)).cache();
            List<Row> bad = scored.filter("error IS NOT NULL").collectAsList();
            assertEquals(1, bad.size());
            assertEquals("rec6.bin", bad.get(0).getString(0));
            assertTrue(bad.get(0).getString(bad.get(0).fieldIndex("error")).contains("truncated N-MNIST file"));
            assertNull(bad.get(0).get(bad.get(0).fieldIndex("prediction")));
            assertEquals(1, scorer.badRecordCount());
            List<Row> good = scored.filter("error IS NULL").collectAsList();
            List<byte[]> goodContents = new ArrayList<>(recordings);
            assertEquals(RECORDINGS - 1, good.size());
            Module local = Models.load(modelFile);
            for (Row row : good) {
                int i = Integer.parseInt(row.getString(0).replaceAll("\\D", ""));
                assertArrayEquals(localScores(local, goodContents.get(i)), scoresOf(row), 1e-6f);
            }
        }
    }

    @Test
    void aScoringTaskThatFailsOnceIsRetriedAndGivesTheSameResult() throws Exception {
        INJECTED_FAILURES.set(0);
        SampleDecoder flaky = new FailsOnce();
        try (SparkInference scorer = SparkInference.fromFile(TestSpark.session(), modelFile, flaky, 4,
                BadRecords.FAIL)) {
            assertMatchesLocalLoop(scorer.score(frame(recordings, 3)).collectAsList(), recordings);
        }
        assertEquals(1, INJECTED_FAILURES.get());
    }

    @Test
    void missingColumnIsNamed() throws Exception {
        try (SparkInference scorer = SparkInference.fromFile(TestSpark.session(), modelFile,
                NmnistEventColumn.builder("bytes", T).size(SIZE, SIZE).build(), 4, BadRecords.FAIL)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> scorer.score(frame(recordings, 1)));
            assertTrue(e.getMessage().contains("'bytes'") && e.getMessage().contains("content"), e.getMessage());
        }
    }

    /** Fails the first attempt of partition 0's task once, then decodes like {@link #decoder()}. */
    static final class FailsOnce implements SampleDecoder {
        private static final long serialVersionUID = 1L;
        private final NmnistEventColumn inner = decoder();

        @Override
        public long[] sampleShape() {
            return inner.sampleShape();
        }

        @Override
        public void checkSchema(StructType schema) {
            inner.checkSchema(schema);
        }

        @Override
        public float[] decode(Row row, String source) throws Exception {
            TaskContext ctx = TaskContext.get();
            if (ctx.partitionId() == 0 && ctx.attemptNumber() == 0 && INJECTED_FAILURES.compareAndSet(0, 1)) {
                throw new IllegalStateException("injected failure on the first attempt");
            }
            return inner.decode(row, source);
        }
    }
}
