package io.matterhorn.spark;

import io.matterhorn.optim.Losses;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.MemoryScope;
import io.matterhorn.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The executor side of {@link SparkTrainer}: what one partition computes for one synchronous step or one
 * averaging round. Every method borrows a model from {@link ModelPool}, loads the broadcast parameters, runs the
 * samples with keyed random draws ({@link KeyedDraws}: a function of the seed, the epoch and the sample's
 * position), and gives the model back. The result is thus a function of the broadcast values and the shard alone.
 *
 * <p>Stateless; thread-safe as long as each call gets its own model (the pool guarantees it).
 */
final class PartitionSteps {
    static final String PARAM = "p.";
    static final String OPTIMIZER_STATE = "o.";

    private PartitionSteps() {
    }

    /**
     * The partition's part of the gradient of the global-batch mean loss:
     * {@code (b / B) * d/dθ [ MSE over its b samples ]} = {@code d/dθ [ sum of its samples' losses / B ]}, so the
     * sum over partitions is the gradient of the mean loss over the global batch of {@code B} samples.
     */
    static StepResult gradient(ShardedData.Shard shard, Broadcast<byte[]> modelBc, Broadcast<ArrayMap> paramsBc,
            SparkTrainingConfig cfg, long epoch, long from, long to) {
        List<LabeledSample> part = shard.range(from, to);
        if (part.isEmpty()) {
            return StepResult.empty();
        }
        Module m = ModelPool.borrow(modelBc.id(), modelBc::value);
        try {
            loadParameters(m, paramsBc.value(), "");
            m.train();
            m.reset();
            try (MemoryScope scope = MemoryScope.open("spark-gradient")) {
                Tensor out = KeyedDraws.forward(m, features(part, cfg), keys(epoch, shard.positions(from, to)));
                Tensor loss = Losses.mse(out, Tensor.oneHot(labels(part), cfg.classes()));
                m.zeroGrad();
                loss.backward();
                ArrayMap grads = new ArrayMap();
                for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
                    Tensor p = e.getValue();
                    if (p.requiresGrad()) {
                        grads.put(e.getKey(), p.grad() != null ? p.grad() : Nd4j.zerosLike(p.value()));
                    }
                }
                grads.scale((double) part.size() / (to - from));
                return new StepResult(grads, loss.item() * part.size(), Losses.correct(out, labels(part)),
                        part.size());
            }
        } finally {
            m.reset();
            m.zeroGrad();
            ModelPool.giveBack(modelBc.id(), m);
        }
    }

    /**
     * Parameter averaging: {@code k} local optimiser steps on the partition's share of global batches
     * {@code first .. first + k - 1}, starting from the broadcast parameters and optimiser state. Returns
     * parameters ({@code p.NAME}) and per-parameter optimiser state ({@code o.state.*}) multiplied by the number
     * of samples used, so that the driver's sum divided by the total is the sample-weighted average.
     */
    static StepResult localSteps(ShardedData.Shard shard, Broadcast<byte[]> modelBc, Broadcast<ArrayMap> paramsBc,
            Broadcast<ArrayMap> optimizerBc, OptimizerFactory factory, SparkTrainingConfig cfg, long epoch,
            long total, int first, int k) {
        Module m = ModelPool.borrow(modelBc.id(), modelBc::value);
        try {
            loadParameters(m, paramsBc.value(), "");
            m.train();
            Optimizer opt = factory.create(m);
            opt.loadStateDict(optimizerBc.value().toMap());
            double lossSum = 0;
            long correct = 0;
            long samples = 0;
            for (int j = 0; j < k; j++) {
                long from = (long) (first + j) * cfg.globalBatchSize();
                long to = Math.min(total, from + cfg.globalBatchSize());
                List<LabeledSample> part = shard.range(from, to);
                if (part.isEmpty()) {
                    continue;
                }
                m.reset();
                try (MemoryScope scope = MemoryScope.open("spark-local-step")) {
                    Tensor out = KeyedDraws.forward(m, features(part, cfg), keys(epoch, shard.positions(from, to)));
                    Tensor loss = Losses.mse(out, Tensor.oneHot(labels(part), cfg.classes()));
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                    lossSum += loss.item() * part.size();
                    correct += Losses.correct(out, labels(part));
                }
                samples += part.size();
            }
            if (samples == 0) {
                return StepResult.empty();
            }
            ArrayMap result = new ArrayMap();
            m.namedParameters().forEach((name, p) -> result.put(PARAM + name, p.value()));
            opt.stateDict().forEach((name, a) -> {
                if (name.startsWith("state.")) {
                    result.put(OPTIMIZER_STATE + name, a);
                }
            });
            result.scale(samples);
            return new StepResult(result, lossSum, correct, samples);
        } finally {
            m.reset();
            m.zeroGrad();
            ModelPool.giveBack(modelBc.id(), m);
        }
    }

    /** @return the draw keys of the samples at these positions in this epoch ({@link KeyedDraws}) */
    static long[] keys(long epoch, long[] positions) {
        long[] keys = new long[positions.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = KeyedDraws.trainingKey(epoch, positions[i]);
        }
        return keys;
    }

    /** Assigns every entry {@code prefix + NAME} of the map to the model's parameter NAME. */
    static void loadParameters(Module model, ArrayMap values, String prefix) {
        Map<String, Tensor> params = model.namedParameters();
        for (int i = 0; i < values.size(); i++) {
            String name = values.name(i);
            if (!name.startsWith(prefix)) {
                continue;
            }
            Tensor p = params.get(name.substring(prefix.length()));
            if (p == null) {
                throw new IllegalStateException("the model has no parameter '" + name.substring(prefix.length())
                        + "'");
            }
            p.value().assign(values.array(i).castTo(p.value().dataType()));
        }
    }

    /** @return features {@code [b, sampleShape...]} */
    static INDArray features(List<LabeledSample> part, SparkTrainingConfig cfg) {
        int n = cfg.featureSize();
        float[] data = new float[part.size() * n];
        for (int i = 0; i < part.size(); i++) {
            float[] f = part.get(i).features();
            if (f.length != n) {
                throw new IllegalArgumentException("sample has " + f.length + " features, expected " + n
                        + " (sampleShape)");
            }
            System.arraycopy(f, 0, data, i * n, n);
        }
        long[] shape = new long[cfg.sampleShape().length + 1];
        shape[0] = part.size();
        System.arraycopy(cfg.sampleShape(), 0, shape, 1, shape.length - 1);
        return Nd4j.create(data, shape);
    }

    static int[] labels(List<LabeledSample> part) {
        int[] out = new int[part.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = part.get(i).label();
        }
        return out;
    }
}
