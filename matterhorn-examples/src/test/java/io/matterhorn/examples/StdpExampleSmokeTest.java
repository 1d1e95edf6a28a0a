package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.examples.stdp.EpochStats;
import io.matterhorn.examples.stdp.StdpConfig;
import io.matterhorn.examples.stdp.StdpExample;
import io.matterhorn.examples.stdp.StdpResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Example 2 at tiny size: it runs end to end, reports, the weights change and the readout learns. */
class StdpExampleSmokeTest {

    @Test
    void tinyRunTrainsReportsAndWritesThePng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("fields.png");
        // 30 neurons, threshold 0.3, 256 digits of 8 steps, 2 epochs; readout 30 epochs at lr 0.05 (about 10 s)
        StdpConfig config = StdpConfig.builder().epochs(2).trainSamples(256).timeSteps(8).batchSize(32).hidden(30)
                .threshold(0.3).aNeg(0.0505).learningRate(0.01).readoutEpochs(30).readoutLearningRate(0.05).png(png)
                .build();
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
        // chance is 10% on the 2,000 test digits (one standard deviation of a guesser: 0.7 points); this run gave
        // 21.65% on the STDP layer's spike counts and 36.30% on the random initial layer's
        assertTrue(r.stdpTestAccuracy() > 0.18, "readout on the STDP layer: " + r.stdpTestAccuracy());
        assertTrue(r.randomTestAccuracy() > 0.3, "readout on the random layer: " + r.randomTestAccuracy());
        assertTrue(r.stdpTrainAccuracy() > 0.2 && r.randomTrainAccuracy() > 0.3,
                "train accuracies " + r.stdpTrainAccuracy() + ", " + r.randomTrainAccuracy());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(10 * (2 * 28 + 1) + 1, img.getWidth());
        assertEquals(3 * (2 * 28 + 1) + 1, img.getHeight());
    }

    @Test
    void sameSeedGivesTheSameInitialLayer() {
        StdpConfig d = StdpConfig.defaults();
        assertArrayEquals(StdpExample.buildLayer(d).weight().toFloatArray(),
                StdpExample.buildLayer(d).weight().toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> StdpConfig.builder().trainSamples(0).build());
        assertThrows(IllegalArgumentException.class, () -> StdpConfig.builder().weightMin(0.2).weightMax(0.1).build());
    }
}
