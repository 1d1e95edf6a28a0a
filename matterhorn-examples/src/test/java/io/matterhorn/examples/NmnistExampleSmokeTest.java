package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.examples.bench.ConvBenchmark;
import io.matterhorn.examples.bench.EventBinningBenchmark;
import io.matterhorn.examples.events.SyntheticNmnist;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Example 4 on a tiny synthetic N-MNIST fixture in the real file format; the missing-data path; the benchmark. */
class NmnistExampleSmokeTest {

    @Test
    void trainsOneShortEpochOnAFixture(@TempDir Path dir) throws Exception {
        SyntheticNmnist.write(dir, true, 24, 300, 1);
        SyntheticNmnist.write(dir, false, 8, 300, 2);
        CliRun run = CliRun.of("nmnist", "--data", dir.toString(), "--epochs", "1", "--time-steps", "4",
                "--batch", "4", "--max-batches", "3", "--surrogate", "Sigmoid");
        String printed = run.out();
        assertEquals(0, run.code(), run.err());
        assertTrue(printed.contains("(24 train / 8 test samples), T=4, batch 4"), printed);
        assertTrue(printed.contains("Conv2d"), printed);
        String row = printed.lines().filter(l -> l.trim().startsWith("1 |")).findFirst().orElseThrow();
        double loss = Double.parseDouble(row.split("\\|")[1].trim());
        assertTrue(loss > 0 && loss < 10, row);
    }

    @Test
    void withoutDataItExplainsHowToGetItAndFails(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("nmnist", "--data", dir.toString());
        String message = run.err();
        assertEquals(1, run.code());
        assertTrue(message.contains("Train.zip") && message.contains("--download")
                && message.contains("data.mendeley.com"), message);
    }

    @Test
    void benchmarkPrintsColdAndCachedRates(@TempDir Path dir) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            EventBinningBenchmark.run(30, 100, 8, 8, 0, dir);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.matches("(?s).*cold_samples_per_s \\d+.*cached_samples_per_s \\d+\\s*"), printed);
        assertTrue(printed.contains("30 samples in"), printed);
    }

    @Test
    void convBenchmarkEndsWithItsRateAndRejectsBadOptions() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ConvBenchmark.run(2, 2, 0.1, 1, 1, 0.5, 1, 0, true, true);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("T=2, batch 2, input density 0.100"), printed);
        assertTrue(printed.matches("(?s).*peak_rss_mib -?\\d+\\s+(layer_mean .*\\n)+samples_per_s \\d+\\.\\d\\s*"),
                printed);
        // the encoder passes the events through: its mean is the input's share of ones; a LIF layer's is in [0, 1]
        Matcher encoder = Pattern.compile("layer_mean 0 DirectEncoder (\\S+)").matcher(printed);
        assertTrue(encoder.find(), printed);
        double encoded = Double.parseDouble(encoder.group(1));
        assertTrue(encoded > 0.0 && encoded < 0.3, printed);
        Matcher lif = Pattern.compile("layer_mean 2 Temporal (\\S+)").matcher(printed);
        assertTrue(lif.find(), printed);
        double spikes = Double.parseDouble(lif.group(1));
        assertTrue(spikes >= 0.0 && spikes <= 1.0, printed);
        assertEquals(2, CliRun.of("bench-conv", "--density", "1.5").code());
        assertEquals(2, CliRun.of("bench-conv", "--batch", "0").code());
    }
}
