package io.matterhorn.spark;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.encoder.TemporalEncoder;
import io.matterhorn.snn.layer.Dropout;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Makes every random draw of a Spark task a function of the model's seeds and a key per sample, never of the state
 * of the model instance that a task slot happens to hold: a seeded encoder ({@link PoissonEncoder},
 * {@link TemporalEncoder}) that is the model's first module encodes each sample on its own, with its draw counter
 * set to the sample's key first, so the same sample gets the same spikes on any executor, in any batch, with any
 * number of partitions, and in a retried task. The rest of the model then runs on the whole batch.
 *
 * <p>Keys: in training {@code epoch * 2^40 + position} (position of the sample in the sharded data); in scoring
 * {@code partition * 2^31 + row} (row of the record within its partition).
 *
 * <p>Modules that draw from a generator of their own elsewhere in the model cannot be keyed and are refused by
 * {@link #check}: a seeded encoder that is not the first module, and {@link Dropout} with {@code p > 0} in training.
 *
 * <p>Stateless; {@link #forward} changes the encoder's draw counter, so each model instance must be used by one
 * task at a time (as {@link ModelPool} guarantees).
 */
final class KeyedDraws {
    /** Positions in training keys are below 2^40. */
    static final int POSITION_BITS = 40;
    /** Rows in scoring keys are below 2^31 per partition. */
    static final int ROW_BITS = 31;

    private KeyedDraws() {
    }

    /**
     * @param epoch epoch number, from 0 (below 2^23)
     * @param position position of the sample in the sharded data (below 2^40)
     * @return the sample's key in that epoch
     */
    static long trainingKey(long epoch, long position) {
        if (epoch < 0 || epoch >= 1L << (63 - POSITION_BITS) || position < 0 || position >= 1L << POSITION_BITS) {
            throw new IllegalArgumentException("draw key out of range: epoch " + epoch + ", position " + position);
        }
        return epoch << POSITION_BITS | position;
    }

    /**
     * @param partition partition index
     * @param row row within the partition (below 2^31)
     * @return the record's key
     */
    static long scoringKey(int partition, long row) {
        if (partition < 0 || row < 0 || row >= 1L << ROW_BITS) {
            throw new IllegalArgumentException("draw key out of range: partition " + partition + ", row " + row);
        }
        return (long) partition << ROW_BITS | row;
    }

    /**
     * Refuses a model with a random module whose draws cannot be keyed.
     *
     * @param model the model
     * @param training whether it will run in training mode (Dropout then draws)
     * @param user the class that asks, for the message
     * @throws IllegalArgumentException naming the module
     */
    static void check(Module model, boolean training, String user) {
        check(model, "", model, training, user);
    }

    private static void check(Module root, String path, Module m, boolean training, String user) {
        if ((m instanceof PoissonEncoder || m instanceof TemporalEncoder) && m != leadingEncoder(root)) {
            throw refusal(user, path, m, "a seeded encoder must be the model's first module (the first child of "
                    + "its Sequential) so that its draws can be keyed per sample");
        }
        if (training && m instanceof Dropout d && d.p() > 0) {
            throw refusal(user, path, m, "Dropout draws its masks from its own generator, whose state differs "
                    + "between executors and between a task and its retry; use p = 0 on Spark");
        }
        for (Map.Entry<String, Module> c : m.namedChildren().entrySet()) {
            check(root, path.isEmpty() ? c.getKey() : path + "." + c.getKey(), c.getValue(), training, user);
        }
    }

    private static IllegalArgumentException refusal(String user, String path, Module m, String why) {
        return new IllegalArgumentException(user + ": module '" + (path.isEmpty() ? "(root)" : path) + "' ("
                + m.getClass().getSimpleName() + ") makes random draws that would depend on the executor: " + why);
    }

    /** @return the seeded encoder that is the model's first module, or null */
    static Module leadingEncoder(Module model) {
        Module first = model;
        if (model.getClass() == Sequential.class) { // a subclass may run its children differently
            List<Module> children = model.children();
            first = children.isEmpty() ? null : children.get(0);
        }
        return first instanceof PoissonEncoder || first instanceof TemporalEncoder ? first : null;
    }

    /**
     * Runs the model on a batch with keyed draws (see the class comment).
     *
     * @param model the model, already in the wanted mode and reset
     * @param x the batch {@code [b, ...]}
     * @param keys one key per sample
     * @return the model's output
     */
    static Tensor forward(Module model, INDArray x, long[] keys) {
        Module encoder = leadingEncoder(model);
        if (encoder == null) {
            return model.forward(Tensor.of(x));
        }
        int b = (int) x.size(0);
        if (keys.length != b) {
            throw new IllegalArgumentException(keys.length + " keys for a batch of " + b);
        }
        INDArray[] encoded = new INDArray[b];
        boolean spikes = true;
        for (int i = 0; i < b; i++) {
            setDrawCount(encoder, keys[i]);
            encoder.reset();
            Tensor y = encoder.forward(Tensor.of(x.get(NDArrayIndex.interval(i, i + 1)).dup('c')));
            encoded[i] = y.value();
            spikes &= y.isSpikeValued();
        }
        // [T, 1, ...] per sample, joined along the batch axis
        Tensor y = Tensor.of(b == 1 ? encoded[0] : Nd4j.concat(1, encoded));
        if (spikes) {
            y.markSpikeValued();
        }
        if (encoder == model) {
            return y;
        }
        List<Module> children = model.children();
        for (int k = 1; k < children.size(); k++) {
            y = children.get(k).forward(y);
        }
        return y;
    }

    private static void setDrawCount(Module encoder, long key) {
        if (encoder instanceof PoissonEncoder p) {
            p.restoreDrawCount(key);
        } else {
            ((TemporalEncoder) encoder).restoreDrawCount(key);
        }
    }
}
