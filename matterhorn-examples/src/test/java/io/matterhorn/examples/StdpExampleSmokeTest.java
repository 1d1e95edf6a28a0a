package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.examples.bench.StdpBenchmark;
import io.matterhorn.examples.stdp.EpochStats;
import io.matterhorn.examples.stdp.StdpConfig;
import io.matterhorn.examples.stdp.StdpExample;
import io.matterhorn.examples.stdp.StdpResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Example 2 and the STDP benchmark at tiny size: they run end to end, report, and the weights change. */
class StdpExampleSmokeTest {

    @Test
    void tinyRunTrainsReportsAndWritesThePng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("fields.png");
        StdpConfig config = new StdpConfig(2, 256, 8, 32, 10, 2.0, 0.5, 0.05, 0.0505, 2.0, 0.01, 0.0, 0.1, 5, 0.01,
                3L, null, png, false);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        StdpResult r = new StdpExample(config, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("mean |dW|") && printed.contains("STDP-trained")
                && printed.contains("random initial weights"), printed);
        assertEquals(2, r.epochs().size());
        for (EpochStats s : r.epochs()) {
            assertTrue(s.meanAbsChange() > 0 && s.maxAbsChange() >= s.meanAbsChange(), s.toString());
            assertTrue(s.weightMean() >= 0 && s.weightStd() > 0, "weights clipped to [0, 0.1]: " + s);
        }
        for (double acc : new double[] {r.stdpTestAccuracy(), r.randomTestAccuracy(), r.stdpTrainAccuracy(),
                r.randomTrainAccuracy()}) {
            assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(10 * (2 * 28 + 1) + 1, img.getWidth());
        assertEquals(2 * 28 + 2, img.getHeight());
    }

    @Test
    void sameSeedGivesTheSameInitialLayer() {
        StdpConfig d = StdpConfig.defaults();
        assertArrayEquals(StdpExample.buildLayer(d).weight().toFloatArray(),
                StdpExample.buildLayer(d).weight().toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> new StdpConfig(1, 0, 32, 64, 100, 2, 0.5, 0.05, 0.05, 2,
                0.001, 0, 0.1, 40, 0.01, 0, null, null, true));
        assertThrows(IllegalArgumentException.class, () -> new StdpConfig(1, 10, 32, 64, 100, 2, 0.5, 0.05, 0.05, 2,
                0.001, 0.2, 0.1, 40, 0.01, 0, null, null, true));
    }

    @Test
    void benchmarkPrintsBothTimesAndAgreement() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            StdpBenchmark.run(8, 4, 30, 7, 0.1, 1, 0);
        } finally {
            System.setOut(old);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("trace form") && printed.contains("direct double sum")
                && printed.contains("speed-up"), printed);
        String diff = printed.substring(printed.indexOf("max |difference| ") + 17).split(" ")[0];
        assertTrue(Double.parseDouble(diff) < 1e-12, printed);
    }
}
