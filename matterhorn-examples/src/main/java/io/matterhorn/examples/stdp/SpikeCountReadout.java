package io.matterhorn.examples.stdp;

import io.matterhorn.optim.Adam;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import io.matterhorn.train.BatchSource;
import io.matterhorn.train.LabeledBatch;
import io.matterhorn.train.LossFunction;
import io.matterhorn.train.Trainer;
import io.matterhorn.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A linear classifier on spike counts: features are standardised with the training set's per-neuron mean and
 * standard deviation ({@code z = (c - mean) / (std + 1e-6)}), then {@code scores = z W^T + b} with
 * {@code W [10, n]} is trained by Adam on the cross-entropy, in shuffled mini-batches of 256, with the library's
 * {@link Trainer}.
 */
final class SpikeCountReadout {
    private static final int BATCH = 256;
    private final float[] mean;
    private final float[] scale;
    private final Linear linear;
    private final int features;

    /**
     * Fits the readout.
     *
     * @param counts training spike counts, [n samples][features]
     * @param labels training labels
     * @param classes number of classes
     * @param epochs passes over the training samples
     * @param learningRate Adam learning rate
     * @param seed initialisation and shuffling seed
     */
    SpikeCountReadout(float[][] counts, int[] labels, int classes, int epochs, double learningRate, long seed) {
        this(counts, labels, classes, epochs, learningRate, seed, null);
    }

    /**
     * As the constructor without a bar, drawing the epochs on a progress bar.
     *
     * @param counts spike counts, [n samples][features]
     * @param labels labels
     * @param classes number of classes
     * @param epochs passes over the training samples
     * @param learningRate Adam learning rate
     * @param seed initialisation and shuffling seed
     * @param bar progress bar over the epochs, or null
     */
    SpikeCountReadout(float[][] counts, int[] labels, int classes, int epochs, double learningRate, long seed,
            io.matterhorn.examples.cli.ProgressBar bar) {
        this.features = counts[0].length;
        this.mean = new float[features];
        this.scale = new float[features];
        for (int k = 0; k < features; k++) {
            double s = 0;
            double s2 = 0;
            for (float[] c : counts) {
                s += c[k];
                s2 += (double) c[k] * c[k];
            }
            double m = s / counts.length;
            mean[k] = (float) m;
            scale[k] = (float) (1.0 / (Math.sqrt(Math.max(0, s2 / counts.length - m * m)) + 1e-6));
        }
        Random random = new Random(seed);
        this.linear = new Linear(features, classes, true, false, random);
        Trainer.Builder trainer = Trainer.builder(linear).optimizer(new Adam(linear.trainableParameters(),
                learningRate)).loss(LossFunction.crossEntropy());
        if (bar != null) {
            trainer.listener(TrainingListener.onEpoch(r -> bar.update(r.epoch(), (long) r.epoch() * counts.length)));
        }
        trainer.build().fit(new CountBatches(counts, labels, random), null, epochs);
        if (bar != null) {
            bar.finish();
        }
    }

    /**
     * @param counts spike counts, [n samples][features]
     * @param labels labels
     * @return fraction of samples whose highest score is at the label
     */
    double accuracy(float[][] counts, int[] labels) {
        return Trainer.evaluate(linear, LossFunction.crossEntropy(), new CountBatches(counts, labels, null))
                .accuracy();
    }

    private Tensor inputs(float[][] counts, int[] idx) {
        float[] z = new float[idx.length * features];
        for (int k = 0; k < idx.length; k++) {
            float[] c = counts[idx[k]];
            for (int f = 0; f < features; f++) {
                z[k * features + f] = (c[f] - mean[f]) * scale[f];
            }
        }
        return Tensor.of(Nd4j.create(z, new long[] {idx.length, features}, 'c'));
    }

    /**
     * The standardised counts in batches of {@value #BATCH}: in index order, or, with a generator, in a fresh
     * shuffle of the previous epoch's order each epoch (drawn when the trainer asks for the epoch).
     */
    private final class CountBatches implements BatchSource {
        private final float[][] counts;
        private final int[] labels;
        private final Random random;
        private final int[] order;

        CountBatches(float[][] counts, int[] labels, Random random) {
            this.counts = counts;
            this.labels = labels;
            this.random = random;
            this.order = new int[counts.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
        }

        @Override
        public Iterable<LabeledBatch> epoch(int epochIndex) {
            if (random != null) {
                shuffle(order, random);
            }
            List<LabeledBatch> batches = new ArrayList<>();
            for (int start = 0; start < order.length; start += BATCH) {
                int n = Math.min(BATCH, order.length - start);
                int[] idx = new int[n];
                int[] y = new int[n];
                for (int k = 0; k < n; k++) {
                    idx[k] = order[start + k];
                    y[k] = labels[idx[k]];
                }
                batches.add(LabeledBatch.of(inputs(counts, idx), y));
            }
            return batches;
        }

        @Override
        public int numBatches() {
            return (order.length + BATCH - 1) / BATCH;
        }
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
