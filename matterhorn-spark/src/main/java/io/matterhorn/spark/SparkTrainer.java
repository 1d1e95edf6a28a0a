package io.matterhorn.spark;

import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Data-parallel training of a Matterhorn model on Spark, with Spark's own broadcast, tree aggregation, retries and
 * scheduling. The model lives on the driver; executors rebuild it once per task slot from its whole-model bytes
 * (broadcast once) and receive the current parameters by broadcast.
 *
 * <p>Global step {@code s} of an epoch uses the samples at positions {@code [s B, min(N, (s + 1) B))} of
 * {@link ShardedData} (B = {@link SparkTrainingConfig#globalBatchSize()}), whatever the number of partitions.
 * Loss: {@code L = (1 / B) sum_i MSE(model(x_i), onehot(y_i))}.
 * <ul>
 * <li>{@link TrainingMode#SYNCHRONOUS}: {@code g = sum_p (b_p / B) grad MSE_p = grad L}, summed by
 * {@code treeAggregate}; the driver's optimiser applies {@code g}. Same result as single-process training for
 * models without batch statistics and without per-call randomness (seeded encoders draw per task).</li>
 * <li>{@link TrainingMode#PARAMETER_AVERAGING}: every K steps,
 * {@code θ = sum_p n_p θ_p / sum_p n_p} (and likewise the optimiser's per-parameter state), where {@code θ_p}
 * is partition p's parameters after K local steps on {@code n_p} samples.</li>
 * </ul>
 *
 * <p>Not thread-safe: one epoch at a time; the model must not be used elsewhere during an epoch. Call
 * {@link #close()} to release the broadcast model.
 */
public final class SparkTrainer implements AutoCloseable {
    private final JavaSparkContext sc;
    private final Module model;
    private final OptimizerFactory factory;
    private final Optimizer optimizer;
    private final SparkTrainingConfig config;
    private final Broadcast<byte[]> modelBc;

    /**
     * @param sc the Spark context
     * @param model the model to train (on the driver; updated in place)
     * @param factory builds the optimiser (on the driver, and on executors for parameter averaging)
     * @param config batch size, classes, sample shape, mode
     */
    public SparkTrainer(JavaSparkContext sc, Module model, OptimizerFactory factory, SparkTrainingConfig config) {
        this.sc = sc;
        this.model = model;
        this.factory = factory;
        this.optimizer = factory.create(model);
        this.config = config;
        this.modelBc = sc.broadcast(ModelBytes.of(model));
    }

    /** @return the driver's model */
    public Module model() {
        return model;
    }

    /** @return the driver's optimiser (for schedules and checkpoints) */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Trains one epoch (or {@link SparkTrainingConfig#maxSteps()} global steps).
     *
     * @param data the sharded samples
     * @return the epoch's figures
     */
    public EpochStats fitEpoch(ShardedData data) {
        long n = data.size();
        int steps = (int) ((n + config.globalBatchSize() - 1) / config.globalBatchSize());
        if (config.maxSteps() > 0) {
            steps = Math.min(steps, config.maxSteps());
        }
        if (steps == 0) {
            throw new IllegalArgumentException("the training data are empty");
        }
        long start = System.nanoTime();
        StepResult total = StepResult.empty();
        if (config.mode() == TrainingMode.SYNCHRONOUS) {
            for (int s = 0; s < steps; s++) {
                total = add(total, synchronousStep(data, n, s));
            }
        } else {
            for (int s = 0; s < steps; s += config.averagingPeriod()) {
                total = add(total, averagingRound(data, n, s, Math.min(config.averagingPeriod(), steps - s)));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochStats(steps, total.lossSum / total.samples, (double) total.correct / total.samples,
                total.samples, seconds);
    }

    private static StepResult add(StepResult acc, StepResult r) {
        return new StepResult(null, acc.lossSum + r.lossSum, acc.correct + r.correct, acc.samples + r.samples);
    }

    private StepResult synchronousStep(ShardedData data, long n, int step) {
        long from = (long) step * config.globalBatchSize();
        long to = Math.min(n, from + config.globalBatchSize());
        Broadcast<ArrayMap> paramsBc = sc.broadcast(ArrayMap.of(parameterValues()));
        Broadcast<byte[]> mb = modelBc;
        SparkTrainingConfig cfg = config;
        try {
            JavaRDD<ShardedData.Shard> shards = data.shards();
            StepResult r = shards.treeAggregate(StepResult.empty(),
                    (acc, shard) -> StepResult.merge(acc, PartitionSteps.gradient(shard, mb, paramsBc, cfg, from, to)),
                    StepResult::merge, 2);
            optimizer.zeroGrad();
            Map<String, Tensor> params = model.namedParameters();
            for (int i = 0; i < r.arrays.size(); i++) {
                Tensor p = params.get(r.arrays.name(i));
                p.accumulateGrad(r.arrays.array(i).castTo(p.value().dataType()));
            }
            optimizer.step();
            return r;
        } finally {
            paramsBc.destroy();
        }
    }

    private StepResult averagingRound(ShardedData data, long n, int first, int k) {
        Broadcast<ArrayMap> paramsBc = sc.broadcast(ArrayMap.of(parameterValues()));
        Broadcast<ArrayMap> optBc = sc.broadcast(ArrayMap.of(optimizer.stateDict()));
        Broadcast<byte[]> mb = modelBc;
        SparkTrainingConfig cfg = config;
        OptimizerFactory f = factory;
        try {
            StepResult r = data.shards().treeAggregate(StepResult.empty(),
                    (acc, shard) -> StepResult.merge(acc,
                            PartitionSteps.localSteps(shard, mb, paramsBc, optBc, f, cfg, n, first, k)),
                    StepResult::merge, 2);
            r.arrays.scale(1.0 / r.samples);
            PartitionSteps.loadParameters(model, r.arrays, PartitionSteps.PARAM);
            Map<String, INDArray> state = new LinkedHashMap<>();
            optimizer.stateDict().forEach((name, a) -> {
                if (!name.startsWith("state.")) {
                    state.put(name, a);
                }
            });
            for (int i = 0; i < r.arrays.size(); i++) {
                String name = r.arrays.name(i);
                if (name.startsWith(PartitionSteps.OPTIMIZER_STATE)) {
                    state.put(name.substring(PartitionSteps.OPTIMIZER_STATE.length()), r.arrays.array(i));
                }
            }
            optimizer.loadStateDict(state);
            return r;
        } finally {
            paramsBc.destroy();
            optBc.destroy();
        }
    }

    private Map<String, INDArray> parameterValues() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> out.put(name, p.value()));
        return out;
    }

    /** Releases the broadcast model and the executor-side model pool of this trainer. */
    @Override
    public void close() {
        ModelPool.release(modelBc.id());
        modelBc.destroy();
    }
}
