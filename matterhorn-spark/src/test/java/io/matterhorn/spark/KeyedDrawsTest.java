package io.matterhorn.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.optim.Losses;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.decoder.AvgSpikeDecoder;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.layer.Dropout;
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
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random draws of Spark tasks as a function of (seed, epoch, sample): a model with a Poisson encoder trains to the
 * same parameters with any number of partitions (up to float32 summation order), exactly the same in a repeated
 * run, with a task that fails and is retried, with shards read again, and with more partitions than the driver
 * adds directly; and it equals a single-process loop that keys the draws the same way.
 */
class KeyedDrawsTest {
    private static final int FEATURES = 12;
    private static final int CLASSES = 3;
    private static final int SAMPLES = 70;
    private static final int BATCH = 16;
    static final AtomicInteger FAILURES = new AtomicInteger();
    /** Whether the next read of partition 1 (in a training task) fails once. */
    static final java.util.concurrent.atomic.AtomicBoolean ARMED = new java.util.concurrent.atomic.AtomicBoolean();

    static Module poissonModel(long seed) {
        Random init = new Random(seed);
        return new Sequential(new PoissonEncoder(6, 1.0, 0.0, seed + 1), new Flatten(),
                new Linear(FEATURES, 10, false, false, init),
                LIF.builder().tauM(2.0).trainable(true).spikingFunction(Surrogate.byName("Sigmoid", 1.0)).build(),
                new Linear(10, CLASSES, false, false, init),
                LIF.builder().tauM(2.0).trainable(true).spikingFunction(Surrogate.byName("Sigmoid", 1.0)).build(),
                new AvgSpikeDecoder());
    }

    static List<LabeledSample> data() {
        Random r = new Random(8);
        List<LabeledSample> out = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            int label = r.nextInt(CLASSES);
            float[] f = new float[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                f[j] = 0.3f * r.nextFloat() + (j % CLASSES == label ? 0.6f : 0f);
            }
            out.add(new LabeledSample(f, label));
        }
        return out;
    }

    /** Serves {@link #data()}; once {@link #ARMED}, the first attempt of partition 1 fails. */
    record ListSource(List<LabeledSample> samples) implements SampleSource {
        @Override
        public Reader open() {
            TaskContext ctx = TaskContext.get();
            if (ctx != null && ctx.partitionId() == 1 && ctx.attemptNumber() == 0 && ARMED.compareAndSet(true, false)) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure while a training task reads its shard");
            }
            return new Reader() {
                @Override
                public long size() {
                    return samples.size();
                }

                @Override
                public LabeledSample read(long position) {
                    return samples.get((int) position);
                }
            };
        }
    }

    static SparkTrainingConfig config() {
        return SparkTrainingConfig.synchronous(BATCH, CLASSES, 1, FEATURES);
    }

    /**
     * Two epochs on Spark; with {@code rereadShards}, the cache is dropped after epoch 1 so that the training tasks
     * of epoch 2 read their shards again, and with {@code failOnce} the first of them fails and is retried.
     */
    static Module train(byte[] start, int partitions, boolean rereadShards, boolean failOnce) {
        FAILURES.set(0);
        ARMED.set(false);
        ShardedData data = ShardedData.read(TestSpark.context(), new ListSource(data()), partitions);
        try (SparkTrainer trainer = new SparkTrainer(TestSpark.context(), ModelBytes.load(start),
                DistributedTrainingTest::sgd, config())) {
            trainer.fitEpoch(data);
            if (rereadShards) {
                data.unpersist(); // epoch 2's tasks read their shards (and cache them) again
            }
            ARMED.set(failOnce);
            trainer.fitEpoch(data);
            assertEquals(2, trainer.epoch());
            return trainer.model();
        } finally {
            data.unpersist();
        }
    }

    /** The same two epochs in one process, the Poisson draws keyed by (epoch, position) as on Spark. */
    static Module singleProcess(byte[] start) {
        Module m = ModelBytes.load(start);
        Optimizer opt = DistributedTrainingTest.sgd(m);
        List<LabeledSample> all = data();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int from = 0; from < SAMPLES; from += BATCH) {
                List<LabeledSample> batch = all.subList(from, Math.min(SAMPLES, from + BATCH));
                long[] positions = new long[batch.size()];
                for (int i = 0; i < positions.length; i++) {
                    positions[i] = from + i;
                }
                float[] x = new float[batch.size() * FEATURES];
                float[] y = new float[batch.size() * CLASSES];
                for (int i = 0; i < batch.size(); i++) {
                    System.arraycopy(batch.get(i).features(), 0, x, i * FEATURES, FEATURES);
                    y[i * CLASSES + batch.get(i).label()] = 1f;
                }
                m.train();
                m.reset();
                Tensor out = KeyedDraws.forward(m, Nd4j.create(x, new long[] {batch.size(), 1, FEATURES}),
                        PartitionSteps.keys(epoch, positions));
                Tensor loss = Losses.mse(out, Tensor.of(Nd4j.create(y, new long[] {batch.size(), CLASSES})));
                opt.zeroGrad();
                loss.backward();
                opt.step();
                m.reset();
            }
        }
        return m;
    }

    static void assertBitwiseEqual(Module expected, Module actual, String what) {
        Map<String, Tensor> a = actual.namedParameters();
        expected.namedParameters().forEach((name, p) -> assertArrayEquals(p.value().dup().data().asFloat(),
                a.get(name).value().dup().data().asFloat(), what + ": " + name));
    }

    @Test
    void poissonDrawsAreTheSameWhereverAndHoweverOftenATaskRuns() {
        byte[] start = ModelBytes.of(poissonModel(5));
        Module reference = singleProcess(start);
        assertTrue(DistributedTrainingTest.maxChange(ModelBytes.load(start), reference) > 1e-3, "it trained");
        Module clean = train(start, 2, false, false);
        DistributedTrainingTest.assertSameParameters(reference, clean, 2e-5);
        assertBitwiseEqual(clean, train(start, 2, false, false), "a repeated run");
        assertBitwiseEqual(clean, train(start, 2, true, false), "shards read again in epoch 2");
        Module retried = train(start, 2, true, true);
        assertEquals(1, FAILURES.get(), "a training task failed once and was retried");
        assertBitwiseEqual(clean, retried, "a retried task");
        // other partition counts: the same draws, summed in another order
        DistributedTrainingTest.assertSameParameters(clean, train(start, 3, false, false), 2e-5);
        // more partitions than the driver sums directly: grouped sums, still in partition order
        Module many = train(start, SparkTrainer.FAN_IN + 4, false, false);
        DistributedTrainingTest.assertSameParameters(clean, many, 2e-5);
        assertBitwiseEqual(many, train(start, SparkTrainer.FAN_IN + 4, false, false), "20 partitions again");
    }

    @Test
    void theDrawsDependOnTheEpochAndTheSampleOnly() {
        Module m = poissonModel(9);
        m.train();
        INDArray x = Nd4j.rand(new int[] {3, 1, FEATURES});
        INDArray first = KeyedDraws.forward(m, x, new long[] {1, 2, 3}).value();
        // the same keys give the same output, also for a sample alone or after other calls
        m.forward(Tensor.of(x));
        m.reset();
        assertEquals(first, KeyedDraws.forward(m, x, new long[] {1, 2, 3}).value());
        m.reset();
        INDArray alone = KeyedDraws.forward(m, x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)).dup(),
                new long[] {2}).value();
        assertEquals(first.getRow(1), alone.getRow(0));
        assertTrue(KeyedDraws.trainingKey(1, 5) != KeyedDraws.trainingKey(0, 5));
        assertThrows(IllegalArgumentException.class, () -> KeyedDraws.trainingKey(0, 1L << 40));
    }

    @Test
    void randomModulesThatCannotBeKeyedAreRefused() {
        Module dropout = new Sequential(new PoissonEncoder(4, 1.0, 0.0, 1), new Flatten(),
                new Linear(FEATURES, CLASSES, false, false, new Random(1)), new Dropout(0.5, 3), new AvgSpikeDecoder());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(
                TestSpark.context(), dropout, DistributedTrainingTest::sgd, config()));
        assertTrue(e.getMessage().contains("'3'") && e.getMessage().contains("Dropout"), e.getMessage());
        Module late = new Sequential(new Flatten(), new PoissonEncoder(4, 1.0, 0.0, 1),
                new Linear(FEATURES, CLASSES, false, false, new Random(1)), new AvgSpikeDecoder());
        e = assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(TestSpark.context(), late,
                DistributedTrainingTest::sgd, config()));
        assertTrue(e.getMessage().contains("'1'") && e.getMessage().contains("first module"), e.getMessage());
        // scoring runs in evaluation mode, where Dropout passes its input unchanged
        KeyedDraws.check(dropout, false, "SparkInference");
    }
}
