package io.matterhorn.data.neuromorphic;

import static io.matterhorn.data.EventFixtures.concat;
import static io.matterhorn.data.EventFixtures.nmnistEvent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.EventFixtures;
import io.matterhorn.data.download.ChecksumMismatchException;
import io.matterhorn.data.download.DatasetNotFoundException;
import io.matterhorn.data.events.EventFormatException;
import io.matterhorn.data.events.PolarityEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class NMNISTTest {

    /** Digit 0 sample "00010": out of time order, with an out-of-sensor event. */
    static final byte[] ZERO_B = concat(nmnistEvent(3, 4, 1, 300), nmnistEvent(5, 6, 0, 100),
            nmnistEvent(40, 1, 0, 200), nmnistEvent(7, 8, 1, 500));
    static final byte[] ZERO_A = concat(nmnistEvent(1, 1, 1, 10), nmnistEvent(33, 33, 0, 20));
    static final byte[] TWO = concat(nmnistEvent(0, 0, 0, 0), nmnistEvent(0, 240, 0, 0), nmnistEvent(2, 2, 1, 5));

    /** Writes raw/Train.zip and raw/Test.zip in the real layout. */
    static Path fixtureRoot(Path root) throws IOException {
        Map<String, byte[]> train = new LinkedHashMap<>();
        train.put("Train/0/00010.bin", ZERO_B);   // written first, but 00002 sorts first
        train.put("Train/0/00002.bin", ZERO_A);
        train.put("Train/1/00001.bin", new byte[0]);
        train.put("Train/2/00003.bin", TWO);
        EventFixtures.zip(root.resolve("NMNIST/raw/Train.zip"), train);
        Map<String, byte[]> test = new LinkedHashMap<>();
        test.put("Test/5/00001.bin", concat(nmnistEvent(9, 9, 1, 1), nmnistEvent(9, 9, 1, 2)));
        EventFixtures.zip(root.resolve("NMNIST/raw/Test.zip"), test);
        return root;
    }

    static NMNIST.Builder builder(Path root) {
        return NMNIST.builder(root).verifyChecksums(false);
    }

    @Test
    void readsSortsAndBinsTheTrainingSplit(@TempDir Path dir) throws IOException {
        Path root = fixtureRoot(dir);
        try (NMNIST d = builder(root).timeSteps(4).count(true).build()) {
            assertEquals(4, d.size());
            assertArrayEquals(new long[] {4, 2, 34, 34}, d.sampleShape());
            assertEquals(0, d.label(0));
            assertEquals(0, d.label(1));
            assertEquals(1, d.label(2));
            assertEquals(2, d.label(3));
            assertArrayEquals(new long[] {10, 20}, d.events(0).times(), "00002 before 00010");
            PolarityEvents b = d.events(1);
            assertArrayEquals(new long[] {100, 300, 500}, b.times(), "sorted, x=40 dropped");
            assertArrayEquals(new int[] {5, 3, 7}, b.xs());
            assertArrayEquals(new long[] {0, 8192 + 5}, d.events(3).times(), "overflow marker");
            INDArray f = d.frames(1);
            assertArrayEquals(new long[] {4, 2, 34, 34}, f.shape());
            // t - 100 = 0, 200, 400 over t_max + 1 = 401: bins 0, 1, 3
            assertEquals(1f, f.getFloat(0, 0, 6, 5));
            assertEquals(1f, f.getFloat(1, 1, 4, 3));
            assertEquals(1f, f.getFloat(3, 1, 8, 7));
            assertEquals(3.0, f.sumNumber().doubleValue());
            assertEquals(10, d.numClasses());
            assertTrue(Files.exists(d.extracted().resolve(".extracted-Train.zip")));
            assertTrue(d.cacheFile().startsWith(d.processed()));
        }
    }

    @Test
    void emptySampleAndClippingEverythingAwayGiveZeroFrames(@TempDir Path dir) throws IOException {
        Path root = fixtureRoot(dir);
        try (NMNIST d = builder(root).timeSteps(3).build()) {
            assertEquals(0, d.eventCount(2));
            assertEquals(0.0, d.frames(2).sumNumber().doubleValue());
        }
        try (NMNIST d = builder(root).timeSteps(3).clipped(1_000_000, 2_000_000).build()) {
            for (int i = 0; i < d.size(); i++) {
                assertEquals(0.0, d.frames(i).sumNumber().doubleValue(), "sample " + i);
            }
        }
    }

    @Test
    void cacheIsReusedAndKeyedBySampling(@TempDir Path dir) throws IOException {
        Path root = fixtureRoot(dir);
        Path first;
        try (NMNIST d = builder(root).build()) {
            first = d.cacheFile();
            assertEquals("NMNIST;cache=2;reader=1;split=train;sampling=1", d.cacheKey());
        }
        // with the sources gone, the cache alone serves the same data, even with other binning options
        deleteTree(root.resolve("NMNIST/extracted"));
        Files.delete(root.resolve("NMNIST/raw/Train.zip"));
        try (NMNIST d = builder(root).timeSteps(7).polarity(false).size(17, 17).build()) {
            assertEquals(first, d.cacheFile());
            assertArrayEquals(new long[] {7, 1, 17, 17}, d.sampleShape());
            assertEquals(3, d.eventCount(1));
        }
        // a different sampling needs another cache, hence the sources
        assertThrows(DatasetNotFoundException.class, () -> builder(root).sampling(2).build());
        fixtureRoot(root);
        try (NMNIST d = builder(root).sampling(2).build()) {
            assertNotEquals(first, d.cacheFile());
            assertArrayEquals(new long[] {100, 500}, d.events(1).times(), "every 2nd event after sorting");
        }
    }

    @Test
    void testSplitAndTargetTransform(@TempDir Path dir) throws IOException {
        Path root = fixtureRoot(dir);
        try (NMNIST d = builder(root).train(false).targetTransform(l -> l + 100).build()) {
            assertEquals(1, d.size());
            assertEquals(105, d.label(0));
        }
    }

    @Test
    void missingFilesExplainWhereToGetThem(@TempDir Path dir) {
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> NMNIST.builder(dir).build());
        String m = e.getMessage();
        assertTrue(m.contains("Train.zip") && m.contains(NMNIST.TRAIN_ZIP.url()) && m.contains(NMNIST.TRAIN_ZIP.md5()),
                m);
        assertTrue(m.contains(dir.resolve("NMNIST/raw").toAbsolutePath().toString()), m);
        assertTrue(m.contains("download(true)"), m);
    }

    @Test
    void archiveWithWrongChecksumIsRejected(@TempDir Path dir) throws IOException {
        Path root = fixtureRoot(dir);
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> NMNIST.builder(root).build());
        assertTrue(e.getMessage().contains(NMNIST.TRAIN_ZIP.md5()), e.getMessage());
        assertTrue(Files.notExists(root.resolve("NMNIST/extracted")), "nothing extracted");
    }

    @Test
    void truncatedSampleFileFailsWithItsName(@TempDir Path dir) throws IOException {
        Path root = fixtureRoot(dir);
        Map<String, byte[]> train = new LinkedHashMap<>();
        train.put("Train/4/00009.bin", Arrays.copyOf(ZERO_A, 7));
        EventFixtures.zip(root.resolve("NMNIST/raw/Train.zip"), train);
        EventFormatException e = assertThrows(EventFormatException.class, () -> builder(root).build());
        assertTrue(e.getMessage().contains("00009.bin") && e.getMessage().contains("truncated"), e.getMessage());
        try (var s = Files.list(root.resolve("NMNIST/processed"))) {
            assertEquals(0, s.count(), "no cache, no temporary file");
        }
    }

    @Test
    void handExtractedFilesAreUsedWithoutArchives(@TempDir Path dir) throws IOException {
        Path digit = Files.createDirectories(dir.resolve("NMNIST/extracted/Test/7"));
        Files.write(digit.resolve("00001.bin"), ZERO_A);
        try (NMNIST d = NMNIST.builder(dir).train(false).build()) {
            assertEquals(1, d.size());
            assertEquals(7, d.label(0));
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
