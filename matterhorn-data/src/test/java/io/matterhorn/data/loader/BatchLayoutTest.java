package io.matterhorn.data.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.Dataset;
import io.matterhorn.data.SequenceDataset;
import io.matterhorn.train.BatchSource;
import io.matterhorn.train.LabeledBatch;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One loader, two layouts: batch-major and time-major batches hold the same samples; batches are LabeledBatches. */
class BatchLayoutTest {

    /** Sample i is [4, 3] with value 1000 epoch + 100 i + 10 t + k (the epoch as a per-epoch transform). */
    private static final class Steps implements SequenceDataset {
        @Override
        public int size() {
            return 9;
        }

        @Override
        public long[] sampleShape() {
            return new long[] {4, 3};
        }

        @Override
        public void copyFeatures(int index, float[] dst, int offset) {
            for (int j = 0; j < 12; j++) {
                dst[offset + j] = 100 * index + 10 * (j / 3) + j % 3;
            }
        }

        @Override
        public void copyFeaturesForEpoch(int index, long epoch, FloatBuffer dst, int offset, int timeStride,
                boolean zeroed) {
            for (int t = 0; t < 4; t++) {
                for (int k = 0; k < 3; k++) {
                    dst.put(offset + t * timeStride + k, 1000 * epoch + 100 * index + 10 * t + k);
                }
            }
        }

        @Override
        public int label(int index) {
            return index % 3;
        }
    }

    @Test
    void batchMajorAndTimeMajorHoldTheSameSamplesWithTheEpochsTransforms() {
        Dataset d = new Steps();
        BatchLoader batchMajor = BatchLoader.builder(d).batchSize(4).shuffle(true).seed(2).build();
        BatchLoader timeMajor = BatchLoader.builder(d).batchSize(4).shuffle(true).seed(2).timeMajor(true).build();
        for (int b = 0; b < 3; b++) {
            Batch x = batchMajor.batch(1, b);
            Batch y = timeMajor.batch(1, b);
            assertFalse(x.timeMajor());
            assertTrue(y.timeMajor());
            assertArrayEquals(x.indices(), y.indices());
            assertArrayEquals(x.labels(), y.labels());
            int n = x.size();
            assertArrayEquals(new long[] {n, 4, 3}, x.features().shape());
            assertArrayEquals(new long[] {4, n, 3}, y.features().shape());
            assertEquals(x.features().permute(1, 0, 2), y.features());
            int first = x.indices()[0];
            assertEquals(1000 + 100 * first + 10 * 2 + 1, x.features().getFloat(0, 2, 1), 0f, "epoch 1's transform");
        }
    }

    @Test
    void aSingleBatchEqualsTheEpochsBatchAtThatPosition() {
        BatchLoader loader = BatchLoader.builder(new Steps()).batchSize(2).shuffle(true).seed(5).timeMajor(true)
                .build();
        List<Batch> epoch = new ArrayList<>();
        loader.epoch(3).forEach(epoch::add);
        assertEquals(loader.numBatches(), epoch.size());
        for (int b = 0; b < epoch.size(); b++) {
            assertEquals(epoch.get(b).features(), loader.batch(3, b).features());
            assertArrayEquals(epoch.get(b).indices(), loader.batch(3, b).indices());
        }
        assertThrows(IllegalArgumentException.class, () -> loader.batch(0, epoch.size()));
        assertThrows(IllegalArgumentException.class, () -> loader.batch(-1, 0));
    }

    @Test
    void aLoaderIsABatchSourceOfLabeledBatchesWhoseInputIsTheFeatures() {
        BatchSource source = BatchLoader.builder(new Steps()).batchSize(4).build();
        assertEquals(3, source.numBatches());
        int samples = 0;
        for (LabeledBatch batch : source.epoch(0)) {
            Batch b = (Batch) batch;
            INDArray input = batch.input().value();
            assertSame(b.features(), input, "the input wraps the features without a copy");
            assertEquals(b.size(), batch.labels().length);
            samples += batch.size();
        }
        assertEquals(9, samples);
    }

    @Test
    void aTimeMajorLoaderNeedsATimeDimension() {
        Dataset scalar = new Dataset() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public long[] sampleShape() {
                return new long[0];
            }

            @Override
            public void copyFeatures(int index, float[] dst, int offset) {
                dst[offset] = index;
            }

            @Override
            public int label(int index) {
                return 0;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchLoader.builder(scalar).batchSize(1).timeMajor(true).build());
        assertTrue(e.getMessage().contains("time dimension"), e.getMessage());
    }
}
