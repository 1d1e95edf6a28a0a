package io.matterhorn.spark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.events.NmnistBinReader;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.DirectEncoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.spark.ModelBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two Spark examples in local mode: {@code spark-mlp} trains and saves, {@code spark-score} scores the bundled
 * MNIST test digits with that model (the same predictions twice: keyed Poisson draws), and scores a folder of
 * N-MNIST recordings labelled by their digit folder, one of them corrupt. The cluster runs are in
 * {@code StandaloneClusterIT}.
 */
class ExamplesTest {
    @TempDir
    Path dir;

    private static SparkSession spark() {
        // the same settings as the module's other tests (TestSpark): getOrCreate returns their session if it exists
        return SparkSession.builder().master("local[2,2]").appName("matterhorn-spark-tests")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    private static List<String[]> csv(Path folder) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (String line : lines.subList(1, lines.size())) {
                    rows.add(line.split(",", -1));
                }
            }
        }
        return rows;
    }

    @Test
    void trainThenScoreTheBundledDigits() throws Exception {
        SparkSession spark = spark();
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        Module model = SparkMlpExample.buildAndTrain(spark, 1, 128, 2, 0, 3, null, 0.02,
                new PrintStream(table, true, StandardCharsets.UTF_8));
        assertTrue(table.toString(StandardCharsets.UTF_8).contains("(8000 train / 2000 test digits)"),
                table.toString());
        Path file = Files.write(dir.resolve("mlp.safetensors"), ModelBytes.of(model));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SparkScoreExample.Result first = SparkScoreExample.run(spark, file.toString(), null, null, 16, 34, 250, 2,
                dir.resolve("p1").toString(), false, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(2000, first.records());
        assertEquals(0, first.bad());
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Scored 2000 records"), out.toString());
        List<String[]> p1 = csv(dir.resolve("p1"));
        assertEquals(2000, p1.size());
        assertEquals(first.correct(), p1.stream().filter(r -> r[1].equals(r[2])).count());
        // a second run draws the same Poisson spikes for the same rows
        SparkScoreExample.run(spark, file.toString(), null, null, 16, 34, 250, 2, dir.resolve("p2").toString(), false,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<String> a = p1.stream().map(r -> String.join(",", r)).sorted().toList();
        List<String> b = csv(dir.resolve("p2")).stream().map(r -> String.join(",", r)).sorted().toList();
        assertEquals(a, b);
    }

    @Test
    void scoreAFolderOfNmnistRecordingsSkippingACorruptOne() throws Exception {
        int bins = 5;
        int size = 8;
        Random r = new Random(4);
        Module model = new Sequential(new DirectEncoder(), new Flatten(),
                new Linear(2 * size * size, 10, false, false, r), LIF.builder().tauM(2.0).build(),
                new AvgSpikeDecoder());
        Path file = Files.write(dir.resolve("events.safetensors"), ModelBytes.of(model));
        Path data = dir.resolve("N-MNIST/Test");
        int good = 0;
        for (int digit = 0; digit < 3; digit++) {
            Path folder = Files.createDirectories(data.resolve(Integer.toString(digit)));
            for (int k = 0; k < 4; k++) {
                int n = 100 + r.nextInt(100);
                long[] t = new long[n];
                int[] x = new int[n];
                int[] y = new int[n];
                int[] p = new int[n];
                for (int e = 0; e < n; e++) {
                    t[e] = e * 50L;
                    x[e] = r.nextInt(34);
                    y[e] = r.nextInt(34);
                    p[e] = r.nextInt(2);
                }
                Files.write(folder.resolve("rec" + k + ".bin"), NmnistBinReader.encode(PolarityEvents.of(t, x, y, p)));
                good++;
            }
        }
        Files.write(data.resolve("1/corrupt.bin"), new byte[12]); // not a whole number of 5-byte events
        Files.writeString(data.resolve("README.txt"), "not a recording");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SparkScoreExample.Result result = SparkScoreExample.run(spark(), file.toString(), null,
                dir.resolve("N-MNIST").toString(), bins, size, 4, 0, dir.resolve("out").toString(), true,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(good + 1, result.records(), out.toString());
        assertEquals(1, result.bad());
        List<String[]> rows = csv(dir.resolve("out"));
        assertEquals(good + 1, rows.size());
        for (String[] row : rows) {
            // path, label, prediction, error: the label is the digit folder of the path
            assertEquals(row[0].replaceAll(".*/([0-9])/[^/]*$", "$1"), row[1], String.join(",", row));
            assertEquals(row[0].endsWith("corrupt.bin"), !row[3].isEmpty(), String.join(",", row));
        }
    }
}
