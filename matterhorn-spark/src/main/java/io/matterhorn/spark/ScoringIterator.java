package io.matterhorn.spark;

import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Grad;
import io.matterhorn.tensor.MemoryScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One task's scoring loop for {@link SparkInference}: reads up to {@code batchSize} rows, decodes them, runs one
 * forward pass, and hands out the scored rows; memory holds one batch at a time. The borrowed model goes back to
 * the pool when the input is exhausted.
 *
 * <p>Not thread-safe (one per task).
 */
final class ScoringIterator implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final Broadcast<byte[]> modelBc;
    private final SampleDecoder decoder;
    private final int batchSize;
    private final boolean skipBad;
    private final org.apache.spark.util.LongAccumulator badCount;
    private final Deque<Row> ready = new ArrayDeque<>();
    private final long[] sampleShape;
    private final int partition;
    private Module model;
    private long position;

    ScoringIterator(Iterator<Row> rows, Broadcast<byte[]> modelBc, SampleDecoder decoder, int batchSize,
            boolean skipBad, org.apache.spark.util.LongAccumulator badCount) {
        this.rows = rows;
        this.modelBc = modelBc;
        this.decoder = decoder;
        this.batchSize = batchSize;
        this.skipBad = skipBad;
        this.badCount = badCount;
        this.sampleShape = decoder.sampleShape();
        TaskContext ctx = TaskContext.get();
        this.partition = ctx == null ? 0 : ctx.partitionId();
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && rows.hasNext()) {
            scoreNextBatch();
        }
        if (ready.isEmpty() && model != null) {
            ModelPool.giveBack(modelBc.id(), model);
            model = null;
        }
        return !ready.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void scoreNextBatch() {
        List<Row> batch = new ArrayList<>(batchSize);
        List<float[]> samples = new ArrayList<>(batchSize);
        String[] errors = new String[batchSize];
        long first = position;
        while (batch.size() < batchSize && rows.hasNext()) {
            Row row = rows.next();
            String source = "row " + position + " of partition " + partition;
            position++;
            try {
                samples.add(decoder.decode(row, source));
            } catch (Exception e) {
                if (!skipBad) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
                }
                errors[batch.size()] = e.getClass().getSimpleName() + ": " + e.getMessage();
                samples.add(null);
                badCount.add(1);
            }
            batch.add(row);
        }
        float[][] scores = forward(samples, first);
        for (int i = 0; i < batch.size(); i++) {
            Row row = batch.get(i);
            Object[] values = new Object[row.size() + 3];
            for (int c = 0; c < row.size(); c++) {
                values[c] = row.get(c);
            }
            if (scores[i] != null) {
                values[row.size()] = argmax(scores[i]);
                Float[] boxed = new Float[scores[i].length];
                for (int k = 0; k < boxed.length; k++) {
                    boxed[k] = scores[i][k];
                }
                values[row.size() + 1] = boxed;
            }
            values[row.size() + 2] = errors[i];
            ready.add(RowFactory.create(values));
        }
    }

    /**
     * Runs the good samples as one batch {@code [b, sampleShape...]}, with random draws keyed by (partition, row)
     * ({@link KeyedDraws}); null rows stay null.
     */
    private float[][] forward(List<float[]> samples, long firstRow) {
        float[][] out = new float[samples.size()][];
        int n = 1;
        for (long d : sampleShape) {
            n *= (int) d;
        }
        List<Integer> good = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i) != null) {
                if (samples.get(i).length != n) {
                    throw new IllegalStateException("decoder returned " + samples.get(i).length
                            + " values, its sampleShape needs " + n);
                }
                good.add(i);
            }
        }
        if (good.isEmpty()) {
            return out;
        }
        float[] data = new float[good.size() * n];
        for (int j = 0; j < good.size(); j++) {
            System.arraycopy(samples.get(good.get(j)), 0, data, j * n, n);
        }
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = good.size();
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        if (model == null) {
            model = ModelPool.borrow(modelBc.id(), modelBc::value);
        }
        model.eval();
        model.reset();
        try (Grad.Scope noGrad = Grad.disabled(); MemoryScope scope = MemoryScope.open("spark-score")) {
            long[] keys = new long[good.size()];
            for (int j = 0; j < keys.length; j++) {
                keys[j] = KeyedDraws.scoringKey(partition, firstRow + good.get(j));
            }
            INDArray y = KeyedDraws.forward(model, Nd4j.create(data, shape), keys).value();
            INDArray rowsOut = y.reshape('c', good.size(), y.length() / good.size());
            for (int j = 0; j < good.size(); j++) {
                out[good.get(j)] = rowsOut.getRow(j).dup().toFloatVector();
            }
        } finally {
            model.reset();
        }
        return out;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
