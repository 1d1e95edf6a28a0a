package io.matterhorn.examples.bench;

import io.matterhorn.data.loader.Batch;
import io.matterhorn.data.loader.BatchLoader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.Losses;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.MemoryScope;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of example 1 (T=32, 784-80-10 LIF MLP, batch 256, MSE, Adam; forward, backward and update)
 * with the built-in {@code Sigmoid(1)} surrogate ({@code surrogate=builtin}) and with the same formula written by
 * hand as a user's surrogate, {@code Surrogate.of("HandSigmoid", ...)} ({@code surrogate=custom}). Both fire the
 * same spikes and run the same arithmetic; the difference is how the surrogate is called and, on a native backend,
 * the custom one's fall-back to the Java kernel. The ratio custom / built-in of the two scores is the figure to
 * read. The batches are one epoch of the bundled MNIST sample, loaded into memory in the set-up and cycled.
 *
 * <p>Not thread-safe: JMH drives each instance from its one benchmark thread (run with {@code scripts/jmh.sh}, see
 * docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class SurrogateTrainingBenchmark {
    @Param({"builtin", "custom"})
    String surrogate;

    private Module model;
    private Adam optimizer;
    private final List<Batch> batches = new ArrayList<>();
    private int next;

    /** Builds the model from seed 0 with the chosen surrogate and loads the batches. */
    @Setup
    public void setUp() {
        Surrogate s = surrogate.equals("builtin") ? new Sigmoid(1.0) : Surrogate.of("HandSigmoid", x -> {
            double sig = 1.0 / (1.0 + Math.exp(-x));
            return sig * (1.0 - sig);
        });
        MlpConfig d = MlpConfig.defaults();
        MlpConfig config = new MlpConfig(1, d.scheduleEpochs(), d.timeSteps(), d.batchSize(), d.learningRate(), s,
                0L, null, 0, true);
        model = MlpExample.buildModel(config);
        optimizer = new Adam(model.trainableParameters(), config.learningRate());
        BatchLoader loader = BatchLoader.builder(MnistDataset.bundled(true)).batchSize(config.batchSize())
                .shuffle(true).seed(config.seed()).dropLast(true).build();
        for (Batch b : loader.epoch(0)) {
            batches.add(b);
        }
    }

    /** @return the step's loss */
    @Benchmark
    public double trainStep() {
        Batch batch = batches.get(next);
        next = (next + 1) % batches.size();
        try (MemoryScope scope = MemoryScope.open("train")) {
            Tensor loss = Losses.mse(model.forward(Tensor.of(batch.features())), Tensor.oneHot(batch.labels(), 10));
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            return loss.item();
        }
    }
}
