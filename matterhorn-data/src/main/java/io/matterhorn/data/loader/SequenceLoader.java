package io.matterhorn.data.loader;

import io.matterhorn.Matterhorn;
import io.matterhorn.data.Dataset;
import io.matterhorn.data.SequenceDataset;
import io.matterhorn.numeric.Parallel;
import io.matterhorn.tensor.Layout;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Groups the samples of a sequence data set into time-major mini-batches {@code [T, B, ...stepShape]}, built ahead
 * by a background thread.
 *
 * <p>The first dimension of the data set's {@link Dataset#sampleShape()} is time. Each batch is one zero-filled
 * ND4J array; a {@link SequenceDataset} (every event data set) writes each sample straight into its place in that
 * array's memory (no Java-side copy); other data sets are copied through a temporary array. Samples of one batch
 * are binned in parallel ({@link Parallel}, fixed chunks, so the result does not depend on timing). The data set's
 * transforms run there too (in the prefetch thread and its helpers), with random numbers drawn from the data set's
 * seed, the epoch and the sample index ({@link SequenceDataset#copyFeaturesForEpoch}).
 *
 * <p>Shuffling works as in {@link BatchLoader}: epoch {@code e} visits the samples in a permutation that depends only
 * on the seed and {@code e}. Each {@link #epoch(int)} call returns an {@link EpochStream}; with {@code prefetch > 0}
 * (default 2) a daemon thread builds up to that many batches ahead, so at most {@code prefetch + 2} batches exist
 * at once (queued, being built, held by the consumer).
 *
 * <pre>{@code
 * SequenceLoader loader = SequenceLoader.builder(nmnistTrain).batchSize(128).shuffle(true).seed(0)
 *         .dropLast(true).build();
 * for (int e = 0; e < epochs; e++) {
 *     try (EpochStream batches = loader.epoch(e)) {
 *         for (SequenceBatch batch : batches) {
 *             INDArray x = batch.features();     // [128, 128, 2, 34, 34]
 *             INDArray y = batch.oneHot(10);     // [128, 10]
 *         }
 *     }
 * }
 * }</pre>
 */
public final class SequenceLoader {

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int prefetch;
    private final long[] sampleShape;
    private final int timeSteps;
    private final int stepSize;

    private SequenceLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.prefetch = b.prefetch;
        this.sampleShape = dataset.sampleShape().clone();
        if (sampleShape.length < 1) {
            throw new IllegalArgumentException("SequenceLoader: sampleShape must start with the time dimension, got "
                    + Arrays.toString(sampleShape));
        }
        for (int i = 0; i < sampleShape.length; i++) {
            if (sampleShape[i] <= 0) {
                throw new IllegalArgumentException("SequenceLoader: sampleShape " + Arrays.toString(sampleShape)
                        + " has a non-positive dimension at " + i);
            }
        }
        this.timeSteps = Math.toIntExact(sampleShape[0]);
        this.stepSize = dataset.featureSize() / timeSteps;
        if ((long) batchSize * dataset.featureSize() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("SequenceLoader: batchSize " + batchSize + " times sample size "
                    + dataset.featureSize() + " exceeds the largest Java array");
        }
    }

    /**
     * Starts configuring a loader.
     *
     * @param dataset the samples, each {@code [T, ...]}
     * @return a builder; {@link Builder#batchSize(int)} is required
     */
    public static Builder builder(Dataset dataset) {
        return new Builder(Objects.requireNonNull(dataset, "dataset"));
    }

    /**
     * Returns the data set.
     *
     * @return the data set being batched
     */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * Returns the batch size.
     *
     * @return samples per full batch
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the number of batches per epoch.
     *
     * @return {@code size / batchSize} with {@code dropLast}, otherwise rounded up
     */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (int) ((n + (long) batchSize - 1) / batchSize);
    }

    /**
     * Returns the visiting order of an epoch.
     *
     * @param epochIndex the epoch, {@code >= 0}
     * @return a fresh permutation of {@code [0, size())}
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
     * Starts an epoch.
     *
     * @param epochIndex the epoch, {@code >= 0}; selects the permutation when shuffling
     * @return the batches; close the stream if the loop may end early
     * @throws IllegalArgumentException if {@code epochIndex < 0}
     */
    public EpochStream epoch(int epochIndex) {
        int[] order = order(epochIndex);
        return new EpochStream(numBatches(), epochIndex, prefetch, b -> buildBatch(order, epochIndex, b));
    }

    /**
     * Builds batch {@code b} of an epoch visiting the samples in {@code order}.
     *
     * @param order the epoch's permutation
     * @param epoch the epoch, handed to the data set's transforms
     * @param b     the batch number
     * @return the batch {@code [T, B, ...]}
     */
    SequenceBatch buildBatch(int[] order, int epoch, int b) {
        int from = b * batchSize;
        int count = Math.min(batchSize, order.length - from);
        int[] indices = Arrays.copyOfRange(order, from, from + count);
        int[] labels = new int[count];
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = timeSteps;
        shape[1] = count;
        System.arraycopy(sampleShape, 1, shape, 2, sampleShape.length - 1);
        INDArray features = Nd4j.create(DataType.FLOAT, shape, 'c'); // zero-filled
        FloatBuffer memory = Layout.floats(features);
        int base = Layout.offset(features);
        int stride = count * stepSize;
        Parallel.forRange(count, 4, (chunk, lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                copySample(indices[k], epoch, memory, base + k * stepSize, stride);
                labels[k] = dataset.label(indices[k]);
            }
        });
        return new SequenceBatch(features, labels, indices);
    }

    private void copySample(int index, int epoch, FloatBuffer dst, int offset, int stride) {
        if (dataset instanceof SequenceDataset s) {
            s.copyFeaturesForEpoch(index, epoch, dst, offset, stride, true);
            return;
        }
        float[] sample = new float[timeSteps * stepSize];
        dataset.copyFeatures(index, sample, 0);
        for (int t = 0; t < timeSteps; t++) {
            dst.put(offset + t * stride, sample, t * stepSize, stepSize);
        }
    }

    /**
     * Describes the configuration.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "SequenceLoader[batchSize=" + batchSize + ", shuffle=" + shuffle + ", seed=" + seed + ", dropLast="
                + dropLast + ", prefetch=" + prefetch + ", batches=" + numBatches() + ", dataset=" + dataset + "]";
    }

    /**
     * Configures a {@link SequenceLoader}. Defaults: no shuffle, seed 0 (or the next seed derived from
     * {@link Matterhorn#seed(long)} when that was called), keep the last batch, prefetch 2.
     */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize;
        private boolean shuffle;
        private long seed = Matterhorn.nextSeedOr(0L);
        private boolean dropLast;
        private int prefetch = 2;

        private Builder(Dataset dataset) {
            this.dataset = dataset;
        }

        /**
         * Sets the number of samples per batch (required).
         *
         * @param batchSize {@code > 0}
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
         * Turns seeded per-epoch shuffling on or off (default off).
         *
         * @param shuffle {@code true} to shuffle
         * @return this builder
         */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Sets the shuffle seed (default 0, or derived from {@link Matterhorn#seed(long)} when that was called).
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Chooses whether to drop an incomplete last batch (default keep it).
         *
         * @param dropLast {@code true} to drop it
         * @return this builder
         */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /**
         * Sets how many batches the background thread builds ahead (default 2; 0 builds each batch on demand in
         * the consumer's thread, without a background thread).
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
         * @throws IllegalStateException    if no batch size was set
         * @throws IllegalArgumentException if the data set's sample shape is invalid or a batch would not fit in
         *                                  an array
         */
        public SequenceLoader build() {
            if (batchSize == 0) {
                throw new IllegalStateException("batchSize is required: call batchSize(int) before build()");
            }
            return new SequenceLoader(this);
        }
    }
}
