package io.matterhorn.data.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.tensor.Tensor;
import io.matterhorn.data.Dataset;
import io.matterhorn.data.mnist.MnistDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchLoaderTest {

    /** Sample i has shape [2, 3], features 100*i + k, label i % 4. */
    private static final class Synthetic implements Dataset {
        private final int n;

        Synthetic(int n) {
            this.n = n;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public long[] sampleShape() {
            return new long[] {2, 3};
        }

        @Override
        public void copyFeatures(int index, float[] dst, int offset) {
            for (int k = 0; k < 6; k++) {
                dst[offset + k] = 100f * index + k;
            }
        }

        @Override
        public int label(int index) {
            return index % 4;
        }
    }

    private static BatchLoader loader(int n, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        return BatchLoader.builder(new Synthetic(n)).batchSize(batchSize).shuffle(shuffle).seed(seed)
                .dropLast(dropLast).build();
    }

    private static List<Batch> collect(Iterable<Batch> epoch) {
        List<Batch> out = new ArrayList<>();
        epoch.forEach(out::add);
        return out;
    }

    private static int[] visited(Iterable<Batch> epoch) {
        return collect(epoch).stream().flatMapToInt(b -> Arrays.stream(b.indices())).toArray();
    }

    @Test
    void batchCountWithAndWithoutDropLast() {
        BatchLoader keep = loader(10, 3, false, 0, false);
        assertEquals(4, keep.numBatches());
        List<Batch> batches = collect(keep.epoch(0));
        assertEquals(4, batches.size());
        assertEquals(1, batches.get(3).size());
        assertArrayEquals(new long[] {1, 2, 3}, batches.get(3).features().shape());

        BatchLoader drop = loader(10, 3, true, 1, true);
        assertEquals(3, drop.numBatches());
        List<Batch> dropped = collect(drop.epoch(0));
        assertEquals(3, dropped.size());
        dropped.forEach(b -> assertEquals(3, b.size()));

        assertEquals(2, loader(10, 5, false, 0, true).numBatches());
        assertEquals(2, loader(10, 5, false, 0, false).numBatches());
        assertEquals(1, loader(10, 64, false, 0, false).numBatches());
        assertEquals(0, loader(10, 64, false, 0, true).numBatches());
        assertEquals(0, loader(0, 4, true, 0, false).numBatches());
        assertFalse(loader(0, 4, true, 0, false).epoch(0).iterator().hasNext());
    }

    @Test
    void unshuffledVisitsInIndexOrder() {
        BatchLoader l = loader(10, 4, false, 123, false);
        int[] identity = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertArrayEquals(identity, visited(l.epoch(0)));
        assertArrayEquals(identity, visited(l.epoch(5)));
    }

    @Test
    void shuffleIsDeterministicPerSeedAndEpoch() {
        BatchLoader a = loader(1000, 32, true, 42, false);
        BatchLoader b = loader(1000, 32, true, 42, false);
        assertArrayEquals(a.order(0), b.order(0));
        assertArrayEquals(visited(a.epoch(3)), visited(b.epoch(3)));
        assertFalse(Arrays.equals(a.order(0), a.order(1)), "epochs 0 and 1 must differ");
        assertFalse(Arrays.equals(a.order(1), a.order(2)), "epochs 1 and 2 must differ");
        assertFalse(Arrays.equals(a.order(0), loader(1000, 32, true, 43, false).order(0)), "seeds must matter");
        int[] identity = new int[1000];
        Arrays.setAll(identity, i -> i);
        assertFalse(Arrays.equals(identity, a.order(0)), "shuffled order must not be the identity");
    }

    @Test
    void reIteratingAnEpochGivesTheSameBatches() {
        Iterable<Batch> epoch = loader(50, 8, true, 7, false).epoch(2);
        assertArrayEquals(visited(epoch), visited(epoch));
        Iterator<Batch> it = loader(5, 8, false, 0, false).epoch(0).iterator();
        it.next();
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void everyIndexExactlyOncePerEpoch() {
        BatchLoader l = loader(103, 10, true, 99, false);
        for (int e = 0; e < 4; e++) {
            int[] seen = visited(l.epoch(e));
            assertEquals(103, seen.length);
            int[] sorted = seen.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < 103; i++) {
                assertEquals(i, sorted[i], "epoch " + e);
            }
        }
        int[] dropped = visited(loader(103, 10, true, 99, true).epoch(1));
        assertEquals(100, dropped.length);
        assertEquals(100, Arrays.stream(dropped).distinct().count());
    }

    @Test
    void featuresAndLabelsFollowIndices() {
        for (Batch b : loader(23, 5, true, 5, false).epoch(1)) {
            INDArray x = b.features();
            assertEquals(DataType.FLOAT, x.dataType());
            assertEquals('c', x.ordering());
            assertEquals(3, x.rank());
            int[] idx = b.indices();
            for (int k = 0; k < b.size(); k++) {
                assertEquals(idx[k] % 4, b.label(k));
                assertEquals(idx[k] % 4, b.labels()[k]);
                for (int r = 0; r < 2; r++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(100f * idx[k] + 3 * r + c, x.getFloat(k, r, c), 0f);
                    }
                }
            }
        }
    }

    @Test
    void oneHotEncodesLabels() {
        Batch b = collect(loader(10, 6, true, 11, false).epoch(0)).get(0);
        INDArray y = Tensor.oneHot(b.labels(), 5).value();
        assertEquals(DataType.FLOAT, y.dataType());
        assertArrayEquals(new long[] {6, 5}, y.shape());
        for (int k = 0; k < 6; k++) {
            for (int c = 0; c < 5; c++) {
                assertEquals(c == b.label(k) ? 1f : 0f, y.getFloat(k, c), 0f);
            }
        }
        assertEquals(6.0, y.sumNumber().doubleValue(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.oneHot(b.labels(), 2));
        assertTrue(e.getMessage().contains("outside [0, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.oneHot(b.labels(), 0).value());
    }

    @Test
    void mnistBatchesMatchCopyImageOfShuffledIndex() {
        MnistDataset mnist = MnistDataset.bundled(false);
        BatchLoader l = BatchLoader.builder(mnist).batchSize(64).shuffle(true).seed(2024).build();
        assertEquals(32, l.numBatches()); // 2000 / 64 rounded up
        float[] expected = new float[784];
        int checked = 0;
        for (Batch b : l.epoch(1)) {
            if (checked >= 3) {
                break;
            }
            checked++;
            INDArray x = b.features();
            assertArrayEquals(new long[] {64, 1, 28, 28}, x.shape());
            assertEquals(DataType.FLOAT, x.dataType());
            float[] flat = x.data().asFloat();
            int[] idx = b.indices();
            for (int k = 0; k < 64; k++) {
                mnist.copyImage(idx[k], expected, 0);
                assertArrayEquals(expected, Arrays.copyOfRange(flat, k * 784, (k + 1) * 784), 0f);
                assertEquals(mnist.label(idx[k]), b.label(k));
            }
            INDArray y = Tensor.oneHot(b.labels(), MnistDataset.NUM_CLASSES).value();
            assertArrayEquals(new long[] {64, 10}, y.shape());
            for (int k = 0; k < 64; k++) {
                assertEquals(1f, y.getFloat(k, b.label(k)), 0f);
            }
        }
        assertEquals(3, checked);
    }

    @Test
    void argumentValidation() {
        Synthetic d = new Synthetic(4);
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> BatchLoader.builder(d).batchSize(0));
        assertTrue(zero.getMessage().contains("batchSize") && zero.getMessage().contains("0"), zero.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> BatchLoader.builder(d).batchSize(-3));
        assertTrue(neg.getMessage().contains("-3"), neg.getMessage());
        assertThrows(IllegalStateException.class, () -> BatchLoader.builder(d).build());
        assertThrows(NullPointerException.class, () -> BatchLoader.builder(null));
        BatchLoader l = BatchLoader.builder(d).batchSize(2).build();
        IllegalArgumentException ep = assertThrows(IllegalArgumentException.class, () -> l.epoch(-1));
        assertTrue(ep.getMessage().contains("epochIndex") && ep.getMessage().contains("-1"), ep.getMessage());
        assertEquals(2, l.batchSize());
        assertFalse(l.shuffle());
        assertFalse(l.dropLast());
        assertEquals(0L, l.seed());
    }
}
