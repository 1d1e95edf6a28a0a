package io.matterhorn.data.loader;

import io.matterhorn.Matterhorn;
import io.matterhorn.data.Dataset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Groups the samples of a {@link Dataset} into mini-batches of ND4J arrays.
 *
 * <p>A loader is configured once with {@link #builder(Dataset)} and then asked for one epoch at a time with
 * {@link #epoch(int)}. With {@code shuffle} off, every epoch visits the samples in index order. With {@code shuffle}
 * on, epoch {@code e} visits them in a permutation that depends only on the seed and on {@code e}: the same seed and
 * epoch always give the same order, different epochs give different orders, and every sample appears exactly once
 * per epoch. The loader keeps no epoch counter; the caller passes the epoch number.
 *
 * <pre>{@code
 * BatchLoader loader = BatchLoader.builder(MnistDataset.bundled(true))
 *         .batchSize(256).shuffle(true).seed(42).build();
 * for (int e = 0; e < epochs; e++) {
 *     for (Batch batch : loader.epoch(e)) {
 *         INDArray x = batch.features();      // [256, 1, 28, 28]
 *         INDArray y = batch.oneHot(10);      // [256, 10]
 *     }
 * }
 * }</pre>
 *
 * <p>Each batch's features are assembled in a Java {@code float[]} and turned into an INDArray with one allocation.
 * Loaders are immutable and may be shared between threads; each iterator is for a single thread.
 */
public final class BatchLoader {

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final long[] sampleShape;
    private final int featureSize;

    private BatchLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.sampleShape = dataset.sampleShape().clone();
        for (int i = 0; i < sampleShape.length; i++) {
            if (sampleShape[i] <= 0) {
                throw new IllegalArgumentException("dataset sampleShape " + Arrays.toString(sampleShape)
                        + " has a non-positive dimension at " + i);
            }
        }
        this.featureSize = dataset.featureSize();
        if ((long) batchSize * featureSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batchSize " + batchSize + " times featureSize " + featureSize
                    + " exceeds the largest Java array");
        }
    }

    /**
     * Starts configuring a loader over a data set.
     *
     * @param dataset the samples to batch
     * @return a builder; {@link Builder#batchSize(int)} must be set before {@link Builder#build()}
     */
    public static Builder builder(Dataset dataset) {
        return new Builder(Objects.requireNonNull(dataset, "dataset"));
    }

    /**
     * Returns the data set being batched.
     *
     * @return the data set
     */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * Returns the configured batch size.
     *
     * @return the number of samples in every full batch
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Tells whether epochs are shuffled.
     *
     * @return {@code true} if each epoch uses a seeded permutation
     */
    public boolean shuffle() {
        return shuffle;
    }

    /**
     * Returns the shuffle seed.
     *
     * @return the seed (ignored when {@link #shuffle()} is off)
     */
    public long seed() {
        return seed;
    }

    /**
     * Tells whether an incomplete last batch is dropped.
     *
     * @return {@code true} if every batch has exactly {@link #batchSize()} samples
     */
    public boolean dropLast() {
        return dropLast;
    }

    /**
     * Returns the number of batches in each epoch.
     *
     * @return {@code size / batchSize} with {@code dropLast}, otherwise that rounded up
     */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (int) ((n + (long) batchSize - 1) / batchSize);
    }

    /**
     * Returns the order in which an epoch visits the data set (all indices, including any that
     * {@code dropLast} leaves out).
     *
     * @param epochIndex the epoch number, {@code >= 0}
     * @return a fresh permutation of {@code [0, dataset.size())}
     * @throws IllegalArgumentException if {@code epochIndex < 0}
     */
    public int[] order(int epochIndex) {
        if (epochIndex < 0) {
            throw new IllegalArgumentException("epochIndex must be >= 0, got " + epochIndex);
        }
        int n = dataset.size();
        return shuffle ? EpochOrder.shuffled(n, seed, epochIndex) : EpochOrder.identity(n);
    }

    /**
     * Returns the batches of one epoch. The order is fixed when this method is called; iterating the result again
     * yields the same batches (built afresh). Batches are built lazily, one per {@code next()}.
     *
     * @param epochIndex the epoch number, {@code >= 0}; selects the permutation when shuffling
     * @return an iterable over {@link #numBatches()} batches
     * @throws IllegalArgumentException if {@code epochIndex < 0}
     */
    public Iterable<Batch> epoch(int epochIndex) {
        int[] order = order(epochIndex);
        int batches = numBatches();
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (next >= batches) {
                    throw new NoSuchElementException("epoch has only " + batches + " batches");
                }
                return buildBatch(order, next++);
            }
        };
    }

    /** Assembles batch {@code b} of an epoch whose visiting order is {@code order}. */
    private Batch buildBatch(int[] order, int b) {
        int from = b * batchSize;
        int count = Math.min(batchSize, order.length - from);
        float[] data = new float[count * featureSize];
        int[] labels = new int[count];
        int[] indices = Arrays.copyOfRange(order, from, from + count);
        for (int k = 0; k < count; k++) {
            dataset.copyFeatures(indices[k], data, k * featureSize);
            labels[k] = dataset.label(indices[k]);
        }
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = count;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return new Batch(Nd4j.create(data, shape, 'c'), labels, indices);
    }

    /**
     * Describes the configuration.
     *
     * @return a short human-readable description
     */
    @Override
    public String toString() {
        return "BatchLoader[batchSize=" + batchSize + ", shuffle=" + shuffle + ", seed=" + seed + ", dropLast="
                + dropLast + ", batches=" + numBatches() + ", dataset=" + dataset + "]";
    }

    /**
     * Configures a {@link BatchLoader}. Defaults: no shuffle, seed 0 (or the next seed derived from
     * {@link Matterhorn#seed(long)} when that was called), keep the last incomplete batch.
     */
    public static final class Builder {

        private final Dataset dataset;
        private int batchSize;
        private boolean shuffle;
        private long seed = Matterhorn.nextSeedOr(0L);
        private boolean dropLast;

        private Builder(Dataset dataset) {
            this.dataset = dataset;
        }

        /**
         * Sets the number of samples per batch (required).
         *
         * @param batchSize a positive size
         * @return this builder
         * @throws IllegalArgumentException if {@code batchSize <= 0}
         */
        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Turns per-epoch shuffling on or off (default off).
         *
         * @param shuffle {@code true} to visit each epoch in a seeded random order
         * @return this builder
         */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Sets the shuffle seed (default 0, or derived from {@link Matterhorn#seed(long)} when that was called).
         *
         * @param seed any value; together with the epoch number it fully determines the order
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Chooses whether to drop an incomplete last batch (default keep it).
         *
         * @param dropLast {@code true} to make every batch exactly {@code batchSize} samples
         * @return this builder
         */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /**
         * Creates the loader.
         *
         * @return the loader
         * @throws IllegalStateException    if {@link #batchSize(int)} was never called
         * @throws IllegalArgumentException if the data set's sample shape is invalid or a batch would not fit in
         *                                  a Java array
         */
        public BatchLoader build() {
            if (batchSize == 0) {
                throw new IllegalStateException("batchSize is required: call batchSize(int) before build()");
            }
            return new BatchLoader(this);
        }
    }
}
