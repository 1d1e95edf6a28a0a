package io.matterhorn.data.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.Dataset;
import io.matterhorn.data.SequenceDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The time-major layout of {@link BatchLoader} (what SequenceLoader did before): batches [T, B, ...], prefetch. */
class TimeMajorLoaderTest {

    /** A time-major loader with the prefetch depth SequenceLoader had by default. */
    private static BatchLoader.Builder sequences(Dataset d) {
        return BatchLoader.builder(d).timeMajor(true).prefetch(2);
    }

    /** Sample i is [3, 2] with value 100 i + 10 t + k, label i % 5; throws for index {@code failAt}. */
    private static class Synthetic implements SequenceDataset {
        final int n;
        final int failAt;
        final AtomicInteger reads = new AtomicInteger();

        Synthetic(int n, int failAt) {
            this.n = n;
            this.failAt = failAt;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public long[] sampleShape() {
            return new long[] {3, 2};
        }

        @Override
        public void copyFeatures(int index, float[] dst, int offset) {
            reads.incrementAndGet();
            if (index == failAt) {
                throw new IllegalStateException("sample " + index + " is broken");
            }
            for (int t = 0; t < 3; t++) {
                for (int k = 0; k < 2; k++) {
                    dst[offset + 2 * t + k] = 100 * index + 10 * t + k;
                }
            }
        }

        @Override
        public int label(int index) {
            return index % 5;
        }
    }

    /** The same samples as a plain Dataset (no SequenceDataset), to exercise the copying path. */
    private static final class Plain implements Dataset {
        private final Synthetic s = new Synthetic(7, -1);

        @Override
        public int size() {
            return s.size();
        }

        @Override
        public long[] sampleShape() {
            return s.sampleShape();
        }

        @Override
        public void copyFeatures(int index, float[] dst, int offset) {
            s.copyFeatures(index, dst, offset);
        }

        @Override
        public int label(int index) {
            return s.label(index);
        }
    }

    private static void assertTimeMajor(Batch batch) {
        INDArray f = batch.features();
        int[] idx = batch.indices();
        assertEquals(3, f.size(0));
        assertEquals(idx.length, f.size(1));
        for (int t = 0; t < 3; t++) {
            for (int b = 0; b < idx.length; b++) {
                for (int k = 0; k < 2; k++) {
                    assertEquals(100f * idx[b] + 10 * t + k, f.getFloat(t, b, k), "t=" + t + " b=" + b);
                }
            }
            assertEquals(idx[0] % 5, batch.labels()[0]);
        }
    }

    @Test
    void batchesAreTimeMajorForSequenceAndPlainDatasets() {
        for (Dataset d : new Dataset[] {new Synthetic(7, -1), new Plain()}) {
            for (int prefetch : new int[] {0, 2}) {
                BatchLoader loader = sequences(d).batchSize(3).prefetch(prefetch).build();
                List<Batch> batches = new ArrayList<>();
                try (EpochStream s = loader.epoch(0)) {
                    s.forEach(batches::add);
                }
                assertEquals(3, batches.size());
                assertArrayEquals(new long[] {3, 3, 2}, batches.get(0).features().shape());
                assertArrayEquals(new long[] {3, 1, 2}, batches.get(2).features().shape(), "last batch kept");
                batches.forEach(TimeMajorLoaderTest::assertTimeMajor);
                assertArrayEquals(new int[] {0, 1, 2}, batches.get(0).indices());
            }
        }
    }

    @Test
    void shuffleIsSeededPerEpochAndDropLastDrops() {
        Synthetic d = new Synthetic(10, -1);
        BatchLoader loader = sequences(d).batchSize(4).shuffle(true).seed(9).dropLast(true).build();
        assertEquals(2, loader.numBatches());
        List<Integer> seen = new ArrayList<>();
        try (EpochStream s = loader.epoch(1)) {
            for (Batch b : s) {
                assertTimeMajor(b);
                Arrays.stream(b.indices()).forEach(seen::add);
            }
        }
        assertEquals(8, seen.size());
        assertEquals(8, seen.stream().distinct().count());
        assertArrayEquals(loader.order(1), loader.order(1));
        assertNotEquals(Arrays.toString(loader.order(1)), Arrays.toString(loader.order(2)));
        assertArrayEquals(Arrays.copyOf(loader.order(1), 8), seen.stream().mapToInt(Integer::intValue).toArray(),
                "batches follow the epoch's order");
    }

    @Test
    void workerExceptionsReachTheConsumerWithTheirCause() {
        Synthetic d = new Synthetic(10, 5);
        BatchLoader loader = sequences(d).batchSize(2).build();
        EpochStream s = loader.epoch(0);
        s.next();
        s.next();
        BatchLoadingException e = assertThrows(BatchLoadingException.class, s::next);
        assertTrue(e.getMessage().contains("batch 2 of epoch 0"), e.getMessage());
        assertTrue(e.getCause().getMessage().contains("sample 5 is broken"), String.valueOf(e.getCause()));
        assertFalse(s.hasNext());
        assertFalse(s.workerAlive());
        BatchLoader sync = sequences(d).batchSize(2).prefetch(0).build();
        try (EpochStream t = sync.epoch(0)) {
            t.next();
            t.next();
            assertThrows(BatchLoadingException.class, t::next);
        }
    }

    @Test
    void prefetchIsBoundedAndCloseStopsTheWorker() throws InterruptedException {
        Synthetic d = new Synthetic(100, -1);
        BatchLoader loader = sequences(d).batchSize(2).prefetch(2).build();
        EpochStream s = loader.epoch(0);
        s.next();
        Thread.sleep(300);
        // one delivered + two queued + at most one being built (blocked on the full queue)
        assertTrue(d.reads.get() <= 4 * 2, "reads ahead: " + d.reads.get());
        assertTrue(s.workerAlive());
        s.close();
        assertFalse(s.workerAlive());
        assertFalse(s.hasNext());
        assertThrows(IllegalStateException.class, () -> {
            EpochStream once = loader.epoch(0);
            once.iterator();
            once.iterator();
        });
    }

    @Test
    void rejectsBadConfiguration() {
        Synthetic d = new Synthetic(3, -1);
        assertThrows(IllegalStateException.class, () -> sequences(d).build());
        assertThrows(IllegalArgumentException.class, () -> sequences(d).batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> sequences(d).prefetch(-1));
        assertThrows(IllegalArgumentException.class,
                () -> sequences(d).batchSize(1).build().epoch(-1));
        INDArray one = org.nd4j.linalg.factory.Nd4j.zeros(2, 3);
        assertThrows(IllegalArgumentException.class, () -> Batch.timeMajor(one, new int[2], new int[2]));
        Batch b = Batch.timeMajor(one, new int[] {1, 2, 0}, new int[3]);
        assertEquals(2, b.timeSteps());
        assertEquals(3, b.size());
        assertTrue(b.timeMajor());
        assertThrows(IllegalStateException.class, () -> new Batch(one, new int[2], new int[2]).timeSteps());
    }
}
