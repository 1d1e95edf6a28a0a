package io.matterhorn.data.neuromorphic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import io.matterhorn.data.loader.Batch;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.loader.EpochStream;
import io.matterhorn.data.transform.CenterCrop;
import io.matterhorn.data.transform.DropEvent;
import io.matterhorn.data.transform.EventTransform;
import io.matterhorn.data.transform.RandomFlipLR;
import io.matterhorn.data.transform.TimeJitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Transforms on the packaged data sets: applied on access, never cached, reproducible in the loader. */
class EventDatasetTransformTest {

    @Test
    void transformsRunOnAccessAndTheCacheKeepsRawEvents(@TempDir Path dir) throws IOException {
        Path root = NMNISTTest.fixtureRoot(dir);
        byte[] cacheBefore;
        PolarityEvents raw;
        try (NMNIST plain = NMNISTTest.builder(root).timeSteps(4).build()) {
            cacheBefore = Files.readAllBytes(plain.cacheFile());
            raw = plain.events(0);
        }
        try (NMNIST d = NMNISTTest.builder(root).timeSteps(4).transform(new CenterCrop(30, 30)).build()) {
            assertArrayEquals(new long[] {4, 2, 30, 30}, d.sampleShape());
            assertArrayEquals(cacheBefore, Files.readAllBytes(d.cacheFile()));   // same cache, untouched
            assertArrayEquals(raw.xs(), d.events(0).xs());
            // sample 0 is (1,1) and (33,33): the 30x30 centre starts at 2, so both fall outside
            assertEquals(2, raw.size());
            assertEquals(0, d.transformedEvents(0, 0).size());
            assertEquals(0f, d.frames(0).sumNumber().floatValue());
            // sample 1: (5,6), (3,4), (7,8) -> shifted by 2
            PolarityEvents cropped = d.transformedEvents(1, 0);
            assertArrayEquals(new int[] {3, 1, 5}, cropped.xs());
            assertEquals(1f, d.frames(1).getFloat(0, 0, 4, 3));
        }
    }

    @Test
    void loaderPrefetchGivesTheSameAugmentationAsDirectReads(@TempDir Path dir) throws IOException {
        Path root = NMNISTTest.fixtureRoot(dir);
        EventTransform t = EventTransform.compose(new TimeJitter(40, true, true), new RandomFlipLR(0.5));
        try (NMNIST d = NMNISTTest.builder(root).timeSteps(4).transform(t).transformSeed(77).build()) {
            BatchLoader loader = BatchLoader.builder(d).timeMajor(true).batchSize(4).shuffle(true).seed(1).prefetch(2)
                    .build();
            INDArray epoch0 = null;
            for (int epoch = 0; epoch < 3; epoch++) {
                try (EpochStream s = loader.epoch(epoch)) {
                    Batch b = s.next();
                    for (int k = 0; k < b.size(); k++) {
                        int index = b.indices()[k];
                        INDArray expected = org.nd4j.linalg.factory.Nd4j.create(
                                org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 1, 2, 34, 34);
                        d.copyFeaturesForEpoch(index, epoch, io.matterhorn.tensor.Layout.floats(expected), 0,
                                2 * 34 * 34, true);
                        INDArray got = b.features().get(NDArrayIndex.all(), NDArrayIndex.point(k))
                                .reshape(4, 1, 2, 34, 34);
                        assertEquals(expected, got, "epoch " + epoch + ", sample " + index);
                    }
                    if (epoch == 0) {
                        epoch0 = b.features().dup();
                    }
                }
            }
            assertNotEquals(null, epoch0);
        }
    }

    @Test
    void shdTakesUnitTransforms() throws IOException {
        Path fixture = Path.of("src/test/resources/fixtures/shd");
        Path root = Files.createTempDirectory("shd-transform");
        try {
            Path extracted = root.resolve("SpikingHeidelbergDigits/extracted");
            Files.createDirectories(extracted);
            Files.copy(fixture.resolve("shd_train.h5"), extracted.resolve("shd_train.h5"));
            Files.writeString(extracted.resolve(".extracted-shd_train.h5.zip"), "x");
            try (SpikingHeidelbergDigits d = SpikingHeidelbergDigits.builder(root).verifyChecksums(false)
                    .timeSteps(4).transform(new DropEvent(1.0)).build()) {
                UnitEvents stored = d.events(0);
                assertEquals(0, d.transformedEvents(0, 0).size());
                assertEquals(0f, d.frames(0).sumNumber().floatValue());
                assertNotEquals(0, stored.size());
            }
        } finally {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
