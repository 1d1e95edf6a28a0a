package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.train.EpochResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Example 1 at tiny size: runs end to end, prints its table, and learns something. */
class MlpExampleSmokeTest {

    @Test
    void twoShortEpochsTrainAndReport() throws Exception {
        MlpConfig config = new MlpConfig(2, 100, 8, 64, 1e-3 * 5, new Sigmoid(), 7L, null, 12, false);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<EpochResult> results = new MlpExample(config, new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .run();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(2, results.size());
        assertTrue(printed.contains("epoch |      loss | train acc |  test acc"), printed);
        for (EpochResult r : results) {
            assertTrue(r.loss() > 0 && r.loss() < 1, "loss " + r.loss());
            assertTrue(r.samplesPerSecond() > 0);
            assertTrue(r.testAccuracy() > 0.3, "test accuracy of every epoch, 3x chance: " + r);
        }
        assertTrue(results.get(1).loss() < results.get(0).loss(), "loss should fall: " + results);
        // chance is 10%; this run gave about 75% after 24 small batches
        assertTrue(results.get(1).testAccuracy() > 0.5, "accuracy after 24 small batches: " + results.get(1));
    }

    @Test
    void optionsRejectUnknownNamesAndBadNumbers() {
        CliRun unknown = CliRun.of("mlp", "--epoch", "3");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--epoch"), unknown.err());
        CliRun bad = CliRun.of("mlp", "--epochs", "three");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("three"), bad.err());
    }

    @Test
    void configRejectsNonPositiveSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> new MlpConfig(0, 100, 32, 256, 1e-3, new Sigmoid(), 0, null, 0, true));
        assertThrows(IllegalArgumentException.class,
                () -> new MlpConfig(1, 100, 32, 256, -1, new Sigmoid(), 0, null, 0, true));
    }
}
