package io.matterhorn.data.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.matterhorn.Matterhorn;
import io.matterhorn.data.Dataset;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Loaders built without an explicit seed follow Matterhorn.seed, and keep seed 0 when it was never called. */
class LoaderSeedTest {
    /** 1,000 one-feature samples; only the count matters for the shuffle order. */
    private static final Dataset DATA = new Dataset() {
        @Override
        public int size() {
            return 1000;
        }

        @Override
        public long[] sampleShape() {
            return new long[] {1};
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

    @AfterEach
    void forgetSeed() {
        Matterhorn.unseed();
    }

    @Test
    void unseededLoadersKeepTheDocumentedDefaultSeedZero() {
        Matterhorn.unseed();
        BatchLoader batches = BatchLoader.builder(DATA).batchSize(10).shuffle(true).build();
        BatchLoader sequences = BatchLoader.builder(DATA).timeMajor(true).batchSize(10).shuffle(true).build();
        assertEquals(0L, batches.seed());
        assertArrayEquals(BatchLoader.builder(DATA).batchSize(10).shuffle(true).seed(0).build().order(3),
                batches.order(3));
        assertArrayEquals(batches.order(3), sequences.order(3), "both loaders shuffle the same way for seed 0");
    }

    @Test
    void theGlobalSeedFixesAndChangesTheShuffle() {
        Matterhorn.seed(5);
        int[] first = BatchLoader.builder(DATA).batchSize(10).shuffle(true).build().order(0);
        int[] firstSeq = BatchLoader.builder(DATA).timeMajor(true).batchSize(10).shuffle(true).build().order(0);
        Matterhorn.seed(5);
        assertArrayEquals(first, BatchLoader.builder(DATA).batchSize(10).shuffle(true).build().order(0));
        assertArrayEquals(firstSeq,
                BatchLoader.builder(DATA).timeMajor(true).batchSize(10).shuffle(true).build().order(0));
        Matterhorn.seed(6);
        int[] other = BatchLoader.builder(DATA).batchSize(10).shuffle(true).build().order(0);
        assertFalse(Arrays.equals(first, other), "another global seed gives another order");
        int[] unshuffled = new int[1000];
        Arrays.setAll(unshuffled, i -> i);
        assertFalse(Arrays.equals(first, unshuffled));
    }
}
