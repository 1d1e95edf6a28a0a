package io.matterhorn.spark;

import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import scala.Tuple2;

/**
 * Data-parallel training of a Matterhorn model on Spark, with Spark's own broadcast, retries and scheduling. The
 * model lives on the driver; executors rebuild it once per task slot from its whole-model bytes (broadcast once)
 * and receive the current parameters by broadcast.
 *
 * <p>Global step {@code s} of an epoch uses the samples at positions {@code [s B, min(N, (s + 1) B))} of
 * {@link ShardedData} (B = {@link SparkTrainingConfig#globalBatchSize()}), whatever the number of partitions.
 * Loss: {@code L = (1 / B) sum_i MSE(model(x_i), onehot(y_i))}.
 * <ul>
 * <li>{@link TrainingMode#SYNCHRONOUS}: {@code g = sum_p (b_p / B) grad MSE_p = grad L}; the driver's optimiser
 * applies {@code g}. Same result as single-process training for models without batch statistics, up to the
 * float32 summation order.</li>
 * <li>{@link TrainingMode#PARAMETER_AVERAGING}: every K steps,
 * {@code θ = sum_p n_p θ_p / sum_p n_p} (and likewise the optimiser's per-parameter state), where {@code θ_p}
 * is partition p's parameters after K local steps on {@code n_p} samples.</li>
 * </ul>
 *
 * <p><b>Exact results after failures.</b> Every random draw of a task is a function of the seeds in the model,
 * the epoch ({@link #epoch()}) and the sample's position ({@link KeyedDraws}), never of an executor's state, and
 * the partitions' results are summed in partition order ({@link #sumInPartitionOrder}). A retried task, a task
 * moved to another executor after a worker is lost, or a shard read again thus gives the same parameters as a
 * run without failures (on executors with the same ND4J build and thread count). Models with other random
 * modules (Dropout in training, a seeded encoder that is not the first module) are refused at construction.
 * While an epoch waits with no executor at all, {@link ExecutorWatchdog} fails it after
 * {@value ExecutorWatchdog#TIMEOUT_KEY} (default {@value ExecutorWatchdog#DEFAULT_TIMEOUT}).
 *
 * <p>Not thread-safe: one epoch at a time; the model must not be used elsewhere during an epoch. Call
 * {@link #close()} to release the broadcast model.
 */
public final class SparkTrainer implements AutoCloseable {
    /** Largest number of partition results added directly on the driver. */
    static final int FAN_IN = 16;
    private final JavaSparkContext sc;
    private final Module model;
    private final OptimizerFactory factory;
    private final Optimizer optimizer;
    private final SparkTrainingConfig config;
    private final Broadcast<byte[]> modelBc;
    private long epoch;

    /**
     * @param sc the Spark context
     * @param model the model to train (on the driver; updated in place)
     * @param factory builds the optimiser (on the driver, and on executors for parameter averaging)
     * @param config batch size, classes, sample shape, mode
     * @throws IllegalArgumentException when the model has a random module whose draws cannot be keyed
     */
    public SparkTrainer(JavaSparkContext sc, Module model, OptimizerFactory factory, SparkTrainingConfig config) {
        KeyedDraws.check(model, true, "SparkTrainer");
        this.sc = sc;
        this.model = model;
        this.factory = factory;
        this.optimizer = factory.create(model);
        this.config = config;
        this.modelBc = sc.broadcast(ModelBytes.of(model));
    }

    /** @return the number of the next epoch, from 0 (it keys the random draws: {@link KeyedDraws}) */
    public long epoch() {
        return epoch;
    }

    /**
     * Sets the number of the next epoch, e.g. when resuming from a checkpoint, so that the resumed epochs draw the
     * same spikes as an uninterrupted run.
     *
     * @param next the next epoch's number, >= 0
     */
    public void setEpoch(long next) {
        if (next < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + next);
        }
        this.epoch = next;
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
        int total = steps;
        long start = System.nanoTime();
        StepResult sum = ExecutorWatchdog.run(sc, "matterhorn training (epoch index " + epoch + ", from 0)", () -> {
            StepResult acc = StepResult.empty();
            if (config.mode() == TrainingMode.SYNCHRONOUS) {
                for (int s = 0; s < total; s++) {
                    acc = add(acc, synchronousStep(data, n, s));
                }
            } else {
                for (int s = 0; s < total; s += config.averagingPeriod()) {
                    acc = add(acc, averagingRound(data, n, s, Math.min(config.averagingPeriod(), total - s)));
                }
            }
            return acc;
        });
        epoch++;
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochStats(steps, sum.lossSum / sum.samples, (double) sum.correct / sum.samples, sum.samples,
                seconds);
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
        long e = epoch;
        try {
            StepResult r = sumInPartitionOrder(data.shards()
                    .map(shard -> PartitionSteps.gradient(shard, mb, paramsBc, cfg, e, from, to)));
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
        long e = epoch;
        try {
            StepResult r = sumInPartitionOrder(data.shards()
                    .map(shard -> PartitionSteps.localSteps(shard, mb, paramsBc, optBc, f, cfg, e, n, first, k)));
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

    /**
     * Sums the partitions' results in the order of their partition index, whatever the order in which their tasks
     * finish or the executors they run on, so that the float sums (and the parameters) are the same in every run
     * of the same data: up to {@value #FAN_IN} results are collected and added on the driver; more are first
     * added in groups of {@value #FAN_IN} consecutive partitions on the executors (each group in index order).
     */
    static StepResult sumInPartitionOrder(JavaRDD<StepResult> results) {
        int partitions = results.getNumPartitions();
        if (partitions <= FAN_IN) {
            return fold(results.collect());
        }
        int groups = (partitions + FAN_IN - 1) / FAN_IN;
        Map<Integer, StepResult> sums = results
                .mapPartitionsWithIndex((i, it) -> {
                    List<Tuple2<Integer, Tuple2<Integer, StepResult>>> out = new ArrayList<>();
                    it.forEachRemaining(r -> out.add(new Tuple2<>(i / FAN_IN, new Tuple2<>(i, r))));
                    return out.iterator();
                }, true)
                .mapToPair(t -> t)
                .groupByKey(groups)
                .mapValues(parts -> {
                    List<Tuple2<Integer, StepResult>> sorted = new ArrayList<>();
                    parts.forEach(sorted::add);
                    sorted.sort((a, b) -> Integer.compare(a._1(), b._1()));
                    List<StepResult> ordered = new ArrayList<>();
                    sorted.forEach(t -> ordered.add(t._2()));
                    return fold(ordered);
                })
                .collectAsMap();
        List<StepResult> ordered = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            StepResult r = sums.get(g);
            if (r != null) {
                ordered.add(r);
            }
        }
        return fold(ordered);
    }

    private static StepResult fold(List<StepResult> parts) {
        StepResult acc = StepResult.empty();
        for (StepResult r : parts) {
            acc = StepResult.merge(acc, r);
        }
        return acc;
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
