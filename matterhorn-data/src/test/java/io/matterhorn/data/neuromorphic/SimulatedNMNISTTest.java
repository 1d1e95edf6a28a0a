package io.matterhorn.data.neuromorphic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.IdxTestFiles;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.loader.EpochStream;
import io.matterhorn.data.loader.Batch;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.data.simulation.DvsParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The simulated data set: labels, frames, loader, cache, and the round trip through N-MNIST .bin files. */
class SimulatedNMNISTTest {

    private static final int DIGITS = 12;

    private static SimulatedNMNIST.Builder small(Path root) {
        return SimulatedNMNIST.builder(root).train(false).limit(DIGITS);
    }

    @Test
    void samplesAreTheBundledDigitsWithTheirLabelsAndEventFrames(@TempDir Path dir) throws IOException {
        MnistDataset digits = MnistDataset.bundled(false);
        try (SimulatedNMNIST d = small(dir).timeSteps(8).count(true).build()) {
            assertEquals(DIGITS, d.size());
            assertArrayEquals(new long[] {8, 2, 34, 34}, d.sampleShape());
            for (int i = 0; i < DIGITS; i++) {
                assertEquals(digits.label(i), d.label(i));
                PolarityEvents e = d.events(i);
                assertTrue(e.size() > 500, "sample " + i + ": " + e);
                assertArrayEquals(d.simulate(i).times(), e.times());
                // count frames hold every event once: all lie on the sensor and inside the stretched bins
                assertEquals(e.size(), d.frames(i).sumNumber().doubleValue(), 0.0);
            }
        }
    }

    @Test
    void theLoaderGivesTimeMajorBatches(@TempDir Path dir) throws IOException {
        try (SimulatedNMNIST d = small(dir).timeSteps(8).build()) {
            BatchLoader loader = BatchLoader.builder(d).timeMajor(true).prefetch(2).batchSize(4).shuffle(true).seed(3)
                    .dropLast(true).build();
            int seen = 0;
            try (EpochStream batches = loader.epoch(0)) {
                for (Batch batch : batches) {
                    INDArray x = batch.features();
                    assertArrayEquals(new long[] {8, 4, 2, 34, 34}, x.shape());
                    for (int b = 0; b < batch.size(); b++) {
                        assertEquals(d.label(batch.indices()[b]), batch.labels()[b]);
                    }
                    seen += batch.size();
                }
            }
            assertEquals(DIGITS, seen);
        }
    }

    @Test
    void writtenBinFilesReadBackThroughTheNmnistReaderUnchanged(@TempDir Path dir) throws IOException {
        try (SimulatedNMNIST sim = small(dir).build()) {
            assertEquals(DIGITS, sim.writeBinFiles(dir.resolve("NMNIST/extracted")));
            // NMNIST orders its samples by digit folder, then by file number (= simulated index + 1)
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < DIGITS; i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingInt((Integer i) -> sim.label(i)).thenComparingInt(i -> i));
            try (NMNIST real = NMNIST.builder(dir).train(false).build()) {
                assertEquals(DIGITS, real.size());
                for (int k = 0; k < DIGITS; k++) {
                    int i = order.get(k);
                    PolarityEvents expected = sim.events(i);
                    PolarityEvents actual = real.events(k);
                    assertEquals(sim.label(i), real.label(k));
                    assertArrayEquals(expected.times(), actual.times(), "sample " + i);
                    assertArrayEquals(expected.xs(), actual.xs(), "sample " + i);
                    assertArrayEquals(expected.ys(), actual.ys(), "sample " + i);
                    assertArrayEquals(expected.polarities(), actual.polarities(), "sample " + i);
                    assertEquals(sim.frames(i), real.frames(k));
                }
            }
            assertTrue(Files.isRegularFile(dir.resolve("NMNIST/extracted/Test/" + sim.label(0) + "/00001.bin")));
        }
    }

    @Test
    void theCacheIsReusedAndKeyedByTheSimulatorSettings(@TempDir Path dir) throws IOException {
        Path first;
        long written;
        String key;
        try (SimulatedNMNIST d = small(dir).build()) {
            first = d.cacheFile();
            written = Files.getLastModifiedTime(first).toMillis();
            key = d.cacheKey();
            assertTrue(key.contains("dvs=DvsParameters[") && key.contains("count=" + DIGITS), key);
        }
        try (SimulatedNMNIST again = small(dir).timeSteps(16).build()) {
            assertEquals(first, again.cacheFile());
            assertEquals(written, Files.getLastModifiedTime(first).toMillis());
        }
        DvsParameters other = DvsParameters.builder().onThreshold(0.4).build();
        try (SimulatedNMNIST changed = small(dir).parameters(other).build()) {
            assertNotEquals(first, changed.cacheFile());
            assertNotEquals(key, changed.cacheKey());
        }
    }

    @Test
    void digitsComeFromAnMnistFolder(@TempDir Path dir) throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        IdxTestFiles.writeImages(mnist.resolve("t10k-images-idx3-ubyte"), 3, 28, 28);
        IdxTestFiles.writeLabels(mnist.resolve("t10k-labels-idx1-ubyte"), 4, 0, 9);
        try (SimulatedNMNIST d = SimulatedNMNIST.builder(dir).train(false).mnist(mnist).timeSteps(4).build()) {
            assertEquals(3, d.size());
            assertEquals(List.of(4, 0, 9), List.of(d.label(0), d.label(1), d.label(2)));
            assertTrue(d.eventCount(0) > 0);
        }
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> SimulatedNMNIST.builder(dir).train(true).mnist(mnist).build());
        assertThrows(IllegalArgumentException.class, () -> SimulatedNMNIST.builder(dir).limit(0));
    }
}
