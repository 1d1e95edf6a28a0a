package io.matterhorn.data.neuromorphic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.EventFixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class SpikingHeidelbergDigitsTest {

    private static byte[] fixture(String name) throws IOException, URISyntaxException {
        return Files.readAllBytes(Path.of(SpikingHeidelbergDigitsTest.class.getResource("/fixtures/shd/" + name)
                .toURI()));
    }

    /** raw/shd_train.h5.zip and raw/shd_test.h5.zip holding the committed fixtures. */
    static Path fixtureRoot(Path root) throws IOException, URISyntaxException {
        for (String split : new String[] {"train", "test"}) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("shd_" + split + ".h5", fixture("shd_" + split + ".h5"));
            EventFixtures.zip(root.resolve("SpikingHeidelbergDigits/raw/shd_" + split + ".h5.zip"), entries);
        }
        return root;
    }

    @Test
    void readsTheHdf5FixtureIntoTimeByUnitFrames(@TempDir Path dir) throws Exception {
        Path root = fixtureRoot(dir);
        try (SpikingHeidelbergDigits d = SpikingHeidelbergDigits.builder(root).verifyChecksums(false).timeSteps(4)
                .count(true).build()) {
            assertEquals(4, d.size());
            assertArrayEquals(new long[] {4, 700}, d.sampleShape());
            assertEquals(3, d.label(0));
            assertEquals(19, d.label(2));
            // sample 0: t (ns) 0, 10498047, 2.5e8, 5e8, 1e9. In the original's float32 arithmetic t_max + 1 rounds
            // back to 1e9, so the bins are floor(t*4/1e9) = 0, 0, 1, 2 and 4 = T: the last spike is dropped
            INDArray f = d.frames(0);
            assertEquals(1f, f.getFloat(0, 0));
            assertEquals(1f, f.getFloat(0, 5));
            assertEquals(1f, f.getFloat(1, 699));
            assertEquals(1f, f.getFloat(2, 350));
            assertEquals(4.0, f.sumNumber().doubleValue(), "spike at t_max lands in bin T and is dropped");
            assertEquals(0, d.eventCount(1), "the empty sample");
            assertEquals(0.0, d.frames(1).sumNumber().doubleValue());
            assertEquals(2f, d.frames(2).getFloat(0, 10), "two spikes of unit 10 at 0.1 s counted");
            assertArrayEquals(new int[] {2, 3, 1}, d.events(3).units(), "sorted by time");
            assertEquals(20, d.numClasses());
            assertTrue(d.cacheKey().contains("precision=1.0E9"), d.cacheKey());
        }
        try (SpikingHeidelbergDigits test = SpikingHeidelbergDigits.builder(root).verifyChecksums(false)
                .train(false).length(7).build()) {
            assertEquals(2, test.size());
            assertArrayEquals(new long[] {128, 7}, test.sampleShape());
            assertEquals(12, test.label(1));
            assertEquals(1f, test.frames(1).getFloat(0, 6), "unit 699 -> 699*7/700 = 6");
        }
    }

    @Test
    void precisionChangesTheCachedTimestamps(@TempDir Path dir) throws Exception {
        Path root = fixtureRoot(dir);
        try (SpikingHeidelbergDigits us = SpikingHeidelbergDigits.builder(root).verifyChecksums(false)
                .precision(1e6).build()) {
            assertArrayEquals(new long[] {0, 10498, 250000, 500000, 1000000}, us.events(0).times());
            // microseconds stay below 2^24, so float32 is exact: bins floor(t*128/1000001) keep every spike
            INDArray f = us.frames(0);
            assertEquals(5.0, f.sumNumber().doubleValue());
            assertEquals(1f, f.getFloat(127, 1));
            assertEquals(1f, f.getFloat(63, 350));
        }
    }
}
