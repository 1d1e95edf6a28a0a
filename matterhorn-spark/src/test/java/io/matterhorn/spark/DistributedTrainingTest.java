package io.matterhorn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.optim.Adam;
import io.matterhorn.optim.Losses;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.optim.SGD;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.DirectEncoder;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Distributed training against an independent single-process loop: same model bytes, same global batches
 * {@code [s B, (s+1) B)}, loss MSE(model(x), one-hot) over the whole batch, one optimiser step per batch. The model
 * has no batch statistics and a deterministic input encoding (DirectEncoder over given frames), so synchronous
 * training must agree up to float32 summation order.
 */
class DistributedTrainingTest {
    private static final int T = 4;
    private static final int FEATURES = 6;
    private static final int CLASSES = 3;
    private static final int SAMPLES = 45; // the last global batch of 16 is partial (13)
    private static final int BATCH = 16;
    static final AtomicInteger INJECTED_FAILURES = new AtomicInteger();

    static Module newModel(long seed) {
        Random init = new Random(seed);
        return new Sequential(new DirectEncoder(), new Flatten(),
                new Linear(FEATURES, 8, false, false, init),
                LIF.builder().tauM(2.0).trainable(true).spikingFunction(Surrogate.byName("Sigmoid", 1.0)).build(),
                new Linear(8, CLASSES, false, false, init),
                LIF.builder().tauM(2.0).trainable(true).spikingFunction(Surrogate.byName("Sigmoid", 1.0)).build(),
                new AvgSpikeDecoder());
    }

    static List<LabeledSample> data() {
        Random r = new Random(42);
        List<LabeledSample> out = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            float[] f = new float[T * FEATURES];
            int label = r.nextInt(CLASSES);
            for (int j = 0; j < f.length; j++) {
                f[j] = 2.5f * r.nextFloat() + (j % FEATURES == label ? 1f : 0f);
            }
            out.add(new LabeledSample(f, label));
        }
        return out;
    }

    static SGD sgd(Module m) {
        return new SGD(m.trainableParameters(), 0.5, 0.9, 0.0);
    }

    /** Adam normalises per partition, so averaging differs from synchronous steps already at first order. */
    static Adam adam(Module m) {
        return new Adam(m.trainableParameters(), 0.05);
    }

    /** One single-process step on the given samples (the reference). */
    static void localStep(Module m, Optimizer opt, List<LabeledSample> batch) {
        float[] x = new float[batch.size() * T * FEATURES];
        float[] y = new float[batch.size() * CLASSES];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.get(i).features(), 0, x, i * T * FEATURES, T * FEATURES);
            y[i * CLASSES + batch.get(i).label()] = 1f;
        }
        m.train();
        m.reset();
        Tensor out = m.forward(Tensor.of(Nd4j.create(x, new long[] {batch.size(), T, FEATURES})));
        Tensor loss = Losses.mse(out, Tensor.of(Nd4j.create(y, new long[] {batch.size(), CLASSES})));
        opt.zeroGrad();
        loss.backward();
        opt.step();
        m.reset();
    }

    /** {@code steps} global steps, wrapping into further epochs over the same order. */
    static Module singleProcess(byte[] start, List<LabeledSample> data, int steps) {
        return singleProcess(start, data, steps, DistributedTrainingTest::sgd);
    }

    static Module singleProcess(byte[] start, List<LabeledSample> data, int steps, OptimizerFactory factory) {
        Module m = ModelBytes.load(start);
        Optimizer opt = factory.create(m);
        int perEpoch = (data.size() + BATCH - 1) / BATCH;
        for (int s = 0; s < steps; s++) {
            int b = s % perEpoch;
            localStep(m, opt, data.subList(b * BATCH, Math.min(data.size(), (b + 1) * BATCH)));
        }
        return m;
    }

    static SparkTrainingConfig config() {
        return SparkTrainingConfig.synchronous(BATCH, CLASSES, T, FEATURES);
    }

    static Module trainOnSpark(byte[] start, JavaRDD<LabeledSample> rdd, int partitions, SparkTrainingConfig cfg,
            int epochs) {
        return trainOnSpark(start, rdd, partitions, cfg, epochs, DistributedTrainingTest::sgd);
    }

    static Module trainOnSpark(byte[] start, JavaRDD<LabeledSample> rdd, int partitions, SparkTrainingConfig cfg,
            int epochs, OptimizerFactory factory) {
        ShardedData data = ShardedData.of(rdd, partitions);
        try (SparkTrainer trainer = new SparkTrainer(TestSpark.context(), ModelBytes.load(start), factory, cfg)) {
            for (int e = 0; e < epochs; e++) {
                EpochStats stats = trainer.fitEpoch(data);
                int steps = cfg.maxSteps() > 0 ? cfg.maxSteps() : (SAMPLES + BATCH - 1) / BATCH;
                assertEquals(Math.min(SAMPLES, steps * BATCH), stats.samples());
            }
            return trainer.model();
        } finally {
            data.unpersist();
        }
    }

    static void assertSameParameters(Module expected, Module actual, double tol) {
        Map<String, Tensor> a = actual.namedParameters();
        expected.namedParameters().forEach((name, p) -> {
            INDArray e = p.value();
            INDArray g = a.get(name).value();
            double diff = e.sub(g).amaxNumber().doubleValue();
            double scale = Math.max(1.0, e.amaxNumber().doubleValue());
            assertTrue(diff <= tol * scale, name + ": max difference " + diff + " exceeds " + tol * scale);
        });
    }

    static double maxChange(Module before, Module after) {
        double max = 0;
        Map<String, Tensor> a = after.namedParameters();
        for (Map.Entry<String, Tensor> e : before.namedParameters().entrySet()) {
            max = Math.max(max, e.getValue().value().sub(a.get(e.getKey()).value()).amaxNumber().doubleValue());
        }
        return max;
    }

    @Test
    void synchronousTrainingEqualsSingleProcessWithTwoAndFourPartitions() {
        byte[] start = ModelBytes.of(newModel(7));
        List<LabeledSample> data = data();
        int steps = 3; // one epoch: 16 + 16 + 13 samples
        Module reference = singleProcess(start, data, steps);
        assertTrue(maxChange(ModelBytes.load(start), reference) > 1e-3, "the reference did not train");
        for (int partitions : new int[] {2, 4}) {
            Module distributed = trainOnSpark(start, TestSpark.context().parallelize(data, 3), partitions,
                    config(), 1);
            assertSameParameters(reference, distributed, 2e-5);
        }
    }

    @Test
    void parameterAveragingEqualsTheMeanOfIndependentLocalRuns() {
        byte[] start = ModelBytes.of(newModel(11));
        List<LabeledSample> data = data();
        int partitions = 2;
        int k = 2;
        // Adam: averaging also averages its moment buffers, which the reference below does not need (one round)
        // reference for the first round (steps 0 and 1): each partition p trains alone on its samples
        // {i : i mod 2 == p} of each global batch, then parameters are averaged weighted by samples used
        List<Module> locals = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            Module m = ModelBytes.load(start);
            Optimizer opt = adam(m);
            int used = 0;
            for (int s = 0; s < k; s++) {
                List<LabeledSample> share = new ArrayList<>();
                for (int i = s * BATCH; i < (s + 1) * BATCH; i++) {
                    if (i % partitions == p) {
                        share.add(data.get(i));
                    }
                }
                localStep(m, opt, share);
                used += share.size();
            }
            locals.add(m);
            counts.add(used);
        }
        Module expected = ModelBytes.load(start);
        int total = counts.stream().mapToInt(Integer::intValue).sum();
        expected.namedParameters().forEach((name, p) -> {
            INDArray sum = Nd4j.zerosLike(p.value());
            for (int j = 0; j < locals.size(); j++) {
                sum.addi(locals.get(j).namedParameters().get(name).value().mul(counts.get(j) / (double) total));
            }
            p.value().assign(sum);
        });
        Module averaged = trainOnSpark(start, TestSpark.context().parallelize(data, 2), partitions,
                config().averagingEvery(k).withMaxSteps(k), 1, DistributedTrainingTest::adam);
        assertTrue(maxChange(ModelBytes.load(start), expected) > 1e-3, "the reference did not train");
        assertSameParameters(expected, averaged, 2e-5);
        // and it is not the synchronous result: the local models drifted apart between averages
        Module synchronous = singleProcess(start, data, k, DistributedTrainingTest::adam);
        double gap = maxChange(synchronous, averaged);
        assertTrue(gap > 1e-4, "averaging should differ from synchronous steps, max difference " + gap);
    }

    @Test
    void parameterAveragingWithOnePartitionIsSingleProcessTraining() {
        byte[] start = ModelBytes.of(newModel(13));
        List<LabeledSample> data = data();
        Module reference = singleProcess(start, data, 3);
        Module averaged = trainOnSpark(start, TestSpark.context().parallelize(data, 1), 1,
                config().averagingEvery(2), 1);
        // rounds of 2 and 1 steps; momentum buffers travel with the parameters, so nothing is lost between rounds
        assertSameParameters(reference, averaged, 1e-6);
    }

    @Test
    void averagingEveryStepWithSgdMomentumIsSynchronousTraining() {
        // weights n_p / N equal b_p / B, and SGD's update and momentum buffer are linear in the gradient, so the
        // sample-weighted average after one local step equals the synchronous step, also for unequal shares
        byte[] start = ModelBytes.of(newModel(19));
        List<LabeledSample> data = data();
        Module reference = singleProcess(start, data, 3);
        Module averaged = trainOnSpark(start, TestSpark.context().parallelize(data, 3), 3,
                config().averagingEvery(1), 1);
        assertSameParameters(reference, averaged, 2e-5);
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged() {
        byte[] start = ModelBytes.of(newModel(17));
        List<LabeledSample> data = data();
        Module reference = singleProcess(start, data, 6);
        INJECTED_FAILURES.set(0);
        JavaRDD<LabeledSample> flaky = TestSpark.context().parallelize(data, 3).map(s -> {
            TaskContext ctx = TaskContext.get();
            if (ctx.partitionId() == 1 && ctx.attemptNumber() == 0 && INJECTED_FAILURES.compareAndSet(0, 1)) {
                throw new IllegalStateException("injected failure on the first attempt");
            }
            return s;
        });
        Module distributed = trainOnSpark(start, flaky, 2, config(), 2);
        assertEquals(1, INJECTED_FAILURES.get(), "the failure was injected once and the task retried");
        assertSameParameters(reference, distributed, 2e-5);
    }
}
