package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.examples.stdp.CompetitiveExample;
import io.matterhorn.snn.learning.competitive.CompetitiveSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stdp --competitive} on a small subset of the bundled digits: learning without labels beats chance. */
class CompetitiveStdpSmokeTest {

    @Test
    void learnsWellAboveChanceOnASmallSubset(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("fields.png");
        CompetitiveSettings s = CompetitiveSettings.defaults(784, 30);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CompetitiveExample.Result r = new CompetitiveExample(s, 1, 600, 300, 0, 1L, null, png, false,
                new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("vote of labelled neurons") && printed.contains("ms per training sample"),
                printed);
        // chance is 10%; 30 neurons after 600 digits reach about 60%
        assertTrue(r.voteTestAccuracy() > 0.4, "vote test accuracy " + r.voteTestAccuracy());
        assertTrue(r.secondsPerSample() > 0 && r.stdpShare() > 0 && r.stdpShare() < 1, r.toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(10 * (2 * 28 + 1) + 1, img.getWidth());
        assertEquals(3 * (2 * 28 + 1) + 1, img.getHeight());
    }

    @Test
    void sameSeedGivesTheSameRunThroughTheCommand() throws Exception {
        CliRun run = CliRun.of("stdp", "--competitive", "--samples", "120", "--test-samples", "60", "--hidden", "8",
                "--time-steps", "20", "--readout-epochs", "2", "--seed", "4", "--no-png", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("test accuracy by vote: "), "--quiet keeps the result: " + run.out());
        CliRun wrongMode = CliRun.of("stdp", "--eta", "0.1");
        assertEquals(2, wrongMode.code());
        assertTrue(wrongMode.err().contains("--eta apply to stdp --competitive only"), wrongMode.err());
        CompetitiveSettings s = CompetitiveSettings.builder(784, 8).steps(20).thetaPlus(0.05).build();
        CompetitiveExample.Result a = new CompetitiveExample(s, 1, 120, 60, 0, 4L, null, null, true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        CompetitiveExample.Result b = new CompetitiveExample(s, 1, 120, 60, 0, 4L, null, null, true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        assertArrayEquals(a.weights(), b.weights());
        assertArrayEquals(a.neuronLabels(), b.neuronLabels());
        assertEquals(a.voteTestAccuracy(), b.voteTestAccuracy());
    }
}
