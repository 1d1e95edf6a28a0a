package io.matterhorn.data.neuromorphic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.matterhorn.data.loader.EpochStream;
import io.matterhorn.data.loader.Batch;
import io.matterhorn.data.loader.BatchLoader;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** An event data set through the time-major loader: each batch slice equals the sample's own frames. */
class EventLoadingTest {

    @Test
    void nmnistBatchesAreTimeMajorFrames(@TempDir Path dir) throws IOException {
        Path root = NMNISTTest.fixtureRoot(dir);
        try (NMNIST d = NMNISTTest.builder(root).timeSteps(4).count(true).build()) {
            BatchLoader loader = BatchLoader.builder(d).timeMajor(true).prefetch(2).batchSize(3).shuffle(true)
                    .seed(1).build();
            int seen = 0;
            try (EpochStream batches = loader.epoch(0)) {
                for (Batch batch : batches) {
                    INDArray x = batch.features();
                    assertEquals(4, x.size(0));
                    assertArrayEquals(new long[] {2, 34, 34}, new long[] {x.size(2), x.size(3), x.size(4)});
                    for (int b = 0; b < batch.size(); b++) {
                        int index = batch.indices()[b];
                        INDArray expected = d.frames(index);
                        INDArray actual = x.get(NDArrayIndex.all(), NDArrayIndex.point(b), NDArrayIndex.all(),
                                NDArrayIndex.all(), NDArrayIndex.all());
                        assertEquals(expected, actual, "sample " + index);
                        assertEquals(d.label(index), batch.labels()[b]);
                        seen++;
                    }
                }
            }
            assertEquals(d.size(), seen);
        }
    }
}
