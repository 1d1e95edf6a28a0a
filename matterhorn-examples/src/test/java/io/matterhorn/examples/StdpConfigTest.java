package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.examples.stdp.StdpConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Example 2's settings builder: defaults, every setter reaches the settings, messages of build(). */
class StdpConfigTest {

    private static void rejects(String expectedInMessage, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(expectedInMessage), ex.getMessage());
    }

    @Test
    void defaults() {
        StdpConfig d = StdpConfig.defaults();
        assertEquals(3, d.epochs());
        assertEquals(8000, d.trainSamples());
        assertEquals(32, d.timeSteps());
        assertEquals(64, d.batchSize());
        assertEquals(100, d.hidden());
        assertEquals(2.0, d.tauM(), 0);
        assertEquals(0.5, d.threshold(), 0);
        assertEquals(0.05, d.aPos(), 0);
        assertEquals(0.052, d.aNeg(), 0);
        assertEquals(2.0, d.tau(), 0);
        assertEquals(0.001, d.learningRate(), 0);
        assertEquals(0.0, d.weightMin(), 0);
        assertEquals(0.1, d.weightMax(), 0);
        assertEquals(40, d.readoutEpochs());
        assertEquals(0.01, d.readoutLearningRate(), 0);
        assertEquals(0L, d.seed());
        assertNull(d.dataDir());
        assertEquals(Path.of("stdp-receptive-fields.png"), d.png());
        assertEquals(false, d.quiet());
    }

    @Test
    void everySetterReachesTheSettings() {
        StdpConfig c = StdpConfig.builder().epochs(1).trainSamples(10).timeSteps(4).batchSize(2).hidden(5).tauM(3)
                .threshold(0.7).aPos(0.1).aNeg(0.2).tau(4).learningRate(0.5).weightMin(-0.1).weightMax(0.3)
                .readoutEpochs(6).readoutLearningRate(0.2).seed(9).dataDir(Path.of("mnist")).png(null).quiet(true)
                .build();
        assertEquals(1, c.epochs());
        assertEquals(10, c.trainSamples());
        assertEquals(4, c.timeSteps());
        assertEquals(2, c.batchSize());
        assertEquals(5, c.hidden());
        assertEquals(3, c.tauM(), 0);
        assertEquals(0.7, c.threshold(), 0);
        assertEquals(0.1, c.aPos(), 0);
        assertEquals(0.2, c.aNeg(), 0);
        assertEquals(4, c.tau(), 0);
        assertEquals(0.5, c.learningRate(), 0);
        assertEquals(-0.1, c.weightMin(), 0);
        assertEquals(0.3, c.weightMax(), 0);
        assertEquals(6, c.readoutEpochs());
        assertEquals(0.2, c.readoutLearningRate(), 0);
        assertEquals(9L, c.seed());
        assertEquals(Path.of("mnist"), c.dataDir());
        assertNull(c.png());
        assertTrue(c.quiet());
    }

    @Test
    void buildNamesTheBadSetting() {
        rejects("epochs must be >= 0, got -1", () -> StdpConfig.builder().epochs(-1).build());
        rejects("train samples must be positive", () -> StdpConfig.builder().trainSamples(0).build());
        rejects("time steps must be positive", () -> StdpConfig.builder().timeSteps(0).build());
        rejects("batch size must be positive", () -> StdpConfig.builder().batchSize(0).build());
        rejects("hidden size must be positive", () -> StdpConfig.builder().hidden(0).build());
        rejects("readout epochs must be positive", () -> StdpConfig.builder().readoutEpochs(0).build());
        rejects("tau-m must be positive", () -> StdpConfig.builder().tauM(0).build());
        rejects("tau must be positive", () -> StdpConfig.builder().tau(-1).build());
        rejects("lr must be positive", () -> StdpConfig.builder().learningRate(0).build());
        rejects("readout-lr must be positive", () -> StdpConfig.builder().readoutLearningRate(Double.NaN).build());
        rejects("must be finite numbers", () -> StdpConfig.builder().aPos(Double.POSITIVE_INFINITY).build());
        rejects("w-min <= w-max, got [0.2, 0.1]", () -> StdpConfig.builder().weightMin(0.2).weightMax(0.1).build());
    }
}
