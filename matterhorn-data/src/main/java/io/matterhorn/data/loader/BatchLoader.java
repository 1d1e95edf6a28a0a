package io.matterhorn.data.loader;

import io.matterhorn.Matterhorn;
import io.matterhorn.data.Dataset;
import io.matterhorn.data.SequenceDataset;
import io.matterhorn.numeric.Parallel;
import io.matterhorn.tensor.Layout;
import io.matterhorn.train.BatchSource;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Groups the samples of a {@link Dataset} into mini-batches of ND4J arrays, in the layout a model takes: batch-major
 * {@code [B, ...sampleShape]} (the default; images, or {@code [B, T, ...]} sequences) or time-major
 * {@code [T, B, ...stepShape]} ({@link Builder#timeMajor(boolean)}; the first dimension of the data set's sample
 * shape is then time). Every {@link Batch} is a {@link io.matterhorn.train.LabeledBatch} and the loader a
 * {@link BatchSource}, so a loader feeds {@link io.matterhorn.train.Trainer} directly.
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
 *         Tensor x = batch.input();           // [256, 1, 28, 28]
 *         int[] y = batch.labels();           // 256 labels
 *     }
 * }
 * BatchLoader events = BatchLoader.builder(nmnistTrain).batchSize(128).timeMajor(true).prefetch(2).build();
 * try (EpochStream batches = events.epoch(0)) {
 *     for (Batch batch : batches) {
 *         Tensor x = batch.input();           // [T, 128, 2, 34, 34]
 *     }
 * }
 * }</pre>
 *
 * <p>A {@link SequenceDataset} (every event data set) writes each sample straight into its place in the batch's
 * memory, with the transforms of the epoch ({@link SequenceDataset#copyFeaturesForEpoch}); the samples of one batch
 * are then written in parallel ({@link Parallel}, fixed chunks, so the result does not depend on timing). Other data
 * sets are copied sample by sample. With {@code prefetch > 0} a daemon thread builds up to that many batches ahead
 * ({@link EpochStream}); close the epoch when the loop may stop early. Loaders are immutable and may be shared
 * between threads; each epoch stream is for a single thread.
 */
public final class BatchLoader implements BatchSource {

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final boolean timeMajor;
    private final int prefetch;
    private final long[] sampleShape;
    private final int featureSize;
    private final int stepSize;

    private BatchLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.timeMajor = b.timeMajor;
        this.prefetch = b.prefetch;
        this.sampleShape = dataset.sampleShape().clone();
        if (timeMajor && sampleShape.length < 1) {
            throw new IllegalArgumentException("timeMajor: the dataset sampleShape must start with the time "
                    + "dimension, got " + Arrays.toString(sampleShape));
        }
        for (int i = 0; i < sampleShape.length; i++) {
            if (sampleShape[i] <= 0) {
                throw new IllegalArgumentException("dataset sampleShape " + Arrays.toString(sampleShape)
                        + " has a non-positive dimension at " + i);
            }
        }
        this.featureSize = dataset.featureSize();
        this.stepSize = sampleShape.length == 0 ? featureSize : featureSize / Math.toIntExact(sampleShape[0]);
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
     * Tells the layout of the batches.
     *
     * @return {@code true} for time-major {@code [T, B, ...]}, {@code false} for batch-major {@code [B, ...]}
     */
    public boolean timeMajor() {
        return timeMajor;
    }

    /**
     * Returns how many batches a background thread builds ahead.
     *
     * @return the prefetch depth; 0 builds each batch in the consumer's thread
     */
    public int prefetch() {
        return prefetch;
    }

    /**
     * Returns the number of batches in each epoch.
     *
     * @return {@code size / batchSize} with {@code dropLast}, otherwise that rounded up
     */
    @Override
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
     * Returns the batches of one epoch, built lazily in order (by a background thread when {@code prefetch > 0}).
     * The order is fixed when this method is called. Without prefetch, iterating the result again yields the same
     * batches (built afresh); with prefetch the stream can be iterated once, and should be closed if the loop may
     * end early.
     *
     * @param epochIndex the epoch number, {@code >= 0}; selects the permutation when shuffling and the data set's
     *                   per-epoch transforms
     * @return the epoch's {@link #numBatches()} batches
     * @throws IllegalArgumentException if {@code epochIndex < 0}
     */
    @Override
    public EpochStream epoch(int epochIndex) {
        int[] order = order(epochIndex);
        return new EpochStream(numBatches(), epochIndex, prefetch, b -> buildBatch(order, epochIndex, b));
    }

    /**
     * Builds one batch of an epoch on its own (for example a first batch to show a model summary).
     *
     * @param epochIndex the epoch, {@code >= 0}
     * @param batchIndex the batch within the epoch, in {@code [0, numBatches())}
     * @return the batch, equal to the one {@link #epoch(int)} yields at that position
     * @throws IllegalArgumentException if an index is out of range
     */
    public Batch batch(int epochIndex, int batchIndex) {
        if (batchIndex < 0 || batchIndex >= numBatches()) {
            throw new IllegalArgumentException("batchIndex must be in [0, " + numBatches() + "), got " + batchIndex);
        }
        return buildBatch(order(epochIndex), epochIndex, batchIndex);
    }

    /** Assembles batch {@code b} of epoch {@code epoch}, whose visiting order is {@code order}. */
    Batch buildBatch(int[] order, int epoch, int b) {
        int from = b * batchSize;
        int count = Math.min(batchSize, order.length - from);
        int[] indices = Arrays.copyOfRange(order, from, from + count);
        int[] labels = new int[count];
        if (!timeMajor && !(dataset instanceof SequenceDataset)) {
            float[] data = new float[count * featureSize];
            for (int k = 0; k < count; k++) {
                dataset.copyFeatures(indices[k], data, k * featureSize);
                labels[k] = dataset.label(indices[k]);
            }
            long[] shape = new long[sampleShape.length + 1];
            shape[0] = count;
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            return new Batch(Nd4j.create(data, shape, 'c'), labels, indices);
        }
        long[] shape = new long[sampleShape.length + 1];
        if (timeMajor) {
            shape[0] = sampleShape[0];
            shape[1] = count;
            System.arraycopy(sampleShape, 1, shape, 2, sampleShape.length - 1);
        } else {
            shape[0] = count;
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        }
        INDArray features = Nd4j.create(DataType.FLOAT, shape, 'c'); // zero-filled
        FloatBuffer memory = Layout.floats(features);
        int base = Layout.offset(features);
        int sampleStart = timeMajor ? stepSize : featureSize;
        int stride = timeMajor ? count * stepSize : stepSize;
        Parallel.forRange(count, 4, (chunk, lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                copySample(indices[k], epoch, memory, base + k * sampleStart, stride);
                labels[k] = dataset.label(indices[k]);
            }
        });
        return timeMajor ? Batch.timeMajor(features, labels, indices) : new Batch(features, labels, indices);
    }

    /** Writes one sample, step {@code t} at {@code offset + t * stride}. */
    private void copySample(int index, int epoch, FloatBuffer dst, int offset, int stride) {
        if (dataset instanceof SequenceDataset s) {
            s.copyFeaturesForEpoch(index, epoch, dst, offset, stride, true);
            return;
        }
        float[] sample = new float[featureSize];
        dataset.copyFeatures(index, sample, 0);
        for (int t = 0; t < featureSize / stepSize; t++) {
            dst.put(offset + t * stride, sample, t * stepSize, stepSize);
        }
    }

    /**
     * Describes the configuration.
     *
     * @return a short human-readable description
     */
    @Override
    public String toString() {
        return "BatchLoader[batchSize=" + batchSize + ", shuffle=" + shuffle + ", seed=" + seed + ", dropLast="
                + dropLast + ", timeMajor=" + timeMajor + ", prefetch=" + prefetch + ", batches=" + numBatches()
                + ", dataset=" + dataset + "]";
    }

    /**
     * Configures a {@link BatchLoader}. Defaults: no shuffle, seed 0 (or the next seed derived from
     * {@link Matterhorn#seed(long)} when that was called), keep the last incomplete batch, batch-major, no
     * prefetch.
     */
    public static final class Builder {

        private final Dataset dataset;
        private int batchSize;
        private boolean shuffle;
        private long seed = Matterhorn.nextSeedOr(0L);
        private boolean dropLast;
        private boolean timeMajor;
        private int prefetch;

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
         * Chooses the layout of the batches (default batch-major).
         *
         * @param timeMajor {@code true} for {@code [T, B, ...stepShape]} (the data set's first sample dimension is
         *                  time), {@code false} for {@code [B, ...sampleShape]}
         * @return this builder
         */
        public Builder timeMajor(boolean timeMajor) {
            this.timeMajor = timeMajor;
            return this;
        }

        /**
         * Sets how many batches a background daemon thread builds ahead (default 0: each batch is built on demand
         * in the consumer's thread, without a background thread). At most {@code prefetch + 2} batches then exist
         * at once (queued, being built, held by the consumer).
         *
         * @param prefetch {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if {@code prefetch < 0}
         */
        public Builder prefetch(int prefetch) {
            if (prefetch < 0) {
                throw new IllegalArgumentException("prefetch must be >= 0, got " + prefetch);
            }
            this.prefetch = prefetch;
            return this;
        }

        /**
         * Creates the loader.
         *
         * @return the loader
         * @throws IllegalStateException    if {@link #batchSize(int)} was never called
         * @throws IllegalArgumentException if the data set's sample shape is invalid (or has no time dimension for
         *                                  a time-major loader) or a batch would not fit in a Java array
         */
        public BatchLoader build() {
            if (batchSize == 0) {
                throw new IllegalStateException("batchSize is required: call batchSize(int) before build()");
            }
            return new BatchLoader(this);
        }
    }
}
