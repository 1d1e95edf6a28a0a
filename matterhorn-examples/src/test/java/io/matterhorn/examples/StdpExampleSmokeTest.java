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
        StdpConfig config = StdpConfig.builder().epochs(2).trainSamples(256).timeSteps(8).batchSize(32).hidden(10)
                .aNeg(0.0505).learningRate(0.01).readoutEpochs(5).seed(3L).png(png).build();
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
        assertThrows(IllegalArgumentException.class, () -> StdpConfig.builder().trainSamples(0).build());
        assertThrows(IllegalArgumentException.class, () -> StdpConfig.builder().weightMin(0.2).weightMax(0.1).build());
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
