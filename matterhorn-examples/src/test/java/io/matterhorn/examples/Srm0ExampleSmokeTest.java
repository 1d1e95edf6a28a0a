package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.examples.srm0.Srm0Config;
import io.matterhorn.examples.srm0.Srm0Example;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.train.EpochResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Example 3 at tiny size: runs end to end (several batches, so 1.0.1's second-batch crash would show), learns. */
class Srm0ExampleSmokeTest {

    @Test
    void twoShortEpochsTrainAndReport() throws Exception {
        Srm0Config config = new Srm0Config(2, 100, 8, 64, 5e-3, Srm0Config.defaults().surrogate(), 7L, null, 10,
                false);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<EpochResult> results = new Srm0Example(config, new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .run();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(2, results.size());
        assertTrue(printed.contains("Example 3: SRM0 network on MNIST"), printed);
        assertTrue(printed.contains("SRM0Linear(in_features=784, out_features=80"), printed);
        assertTrue(printed.contains("Rectangular[a=2.0]"), "1.0.1's default surrogate: " + printed);
        assertTrue(printed.contains("epoch |      loss | train acc |  test acc"), printed);
        for (EpochResult r : results) {
            assertTrue(r.loss() > 0 && r.loss() < 1, "loss " + r.loss());
            assertTrue(r.samplesPerSecond() > 0);
            assertTrue(r.testAccuracy() > 0.3, "test accuracy of every epoch, 3x chance: " + r);
        }
        assertTrue(results.get(1).loss() < results.get(0).loss(), "loss should fall: " + results);
        // chance is 10%; this run gave about 75% after 20 small batches
        assertTrue(results.get(1).testAccuracy() > 0.5, "accuracy after 20 small batches: " + results.get(1));
    }

    @Test
    void commandRejectsBadOptions() {
        assertEquals(2, CliRun.of("srm0", "--epochs", "three").code());
        assertEquals(2, CliRun.of("srm0", "--surrogate", "Step").code());
        assertEquals(2, CliRun.of("srm0", "--tau", "2").code());
    }

    @Test
    void configRejectsBadValues() {
        assertThrows(IllegalArgumentException.class,
                () -> new Srm0Config(1, 100, 0, 256, 1e-3, new Sigmoid(), 0, null, 0, true));
        assertThrows(IllegalArgumentException.class,
                () -> new Srm0Config(1, 100, 32, 256, 0, new Sigmoid(), 0, null, 0, true));
        assertThrows(IllegalArgumentException.class,
                () -> new Srm0Config(1, 100, 32, 256, 1e-3, null, 0, null, 0, true));
    }
}
