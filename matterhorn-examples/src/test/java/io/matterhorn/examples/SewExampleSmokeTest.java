package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.examples.sew.SewConfig;
import io.matterhorn.examples.sew.SewExample;
import io.matterhorn.io.Checkpoint;
import io.matterhorn.model.ResidualConnection;
import io.matterhorn.model.SEWRes18;
import io.matterhorn.train.EpochResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Example 5 at the smallest size without N-MNIST: announces the synthetic stand-in, logs each epoch to CSV and
 * keeps loadable best and last checkpoints.
 */
class SewExampleSmokeTest {
    @TempDir
    Path dir;

    @Test
    void trainsOnTheAnnouncedStandInLogsCsvAndKeepsCheckpoints() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        SewConfig config = new SewConfig(null, dir.resolve("run"), 2, 2, 2, 1e-3,
                ResidualConnection.ADD, 3, 1, 1, 4);
        List<EpochResult> reports = new SewExample(config, new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .run();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("TRAINING ON A SYNTHETIC STAND-IN"), printed);
        assertEquals(2, reports.size());
        List<String> csv = Files.readAllLines(dir.resolve("run/log.csv"));
        assertEquals("# data: SYNTHETIC stand-in (random events)", csv.get(0));
        assertEquals("epoch,loss,train_acc,test_acc,lr,seconds", csv.get(1));
        assertEquals(4, csv.size(), csv.toString());
        assertTrue(csv.get(3).startsWith("2,"), csv.get(3));
        Checkpoint last = Checkpoint.read(dir.resolve("run/last.safetensors"));
        assertEquals(2, last.epoch());
        assertTrue(last.model() instanceof SEWRes18);
        int bestEpoch = Checkpoint.read(dir.resolve("run/best.safetensors")).epoch();
        assertTrue(bestEpoch == 1 || bestEpoch == 2);
    }

    @Test
    void missingDataIsAnErrorUnlessTheStandInIsAskedFor() {
        CliRun run = CliRun.of("sew", "--data", dir.resolve("empty").toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, run.code(), run.out());
        assertTrue(run.err().contains("--simulated") && run.err().contains("--synthetic"), run.err());
        assertEquals(2, CliRun.of("sew", "--synthetic", "--simulated").code());
    }
}
