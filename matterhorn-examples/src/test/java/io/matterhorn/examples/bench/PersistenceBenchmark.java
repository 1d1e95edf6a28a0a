package io.matterhorn.examples.bench;

import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.io.Checkpoint;
import io.matterhorn.io.Models;
import io.matterhorn.io.SafeTensors;
import io.matterhorn.model.SEWRes18;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.CosineAnnealingLR;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Save and load times of whole-model files and checkpoints, for example 1's model ({@code model=mlp}, 784-80-10)
 * and SEW-ResNet-18 ({@code model=sew}, 32 x 32 input, 10 classes). Checkpoints hold Adam's moments after one
 * update (three times the parameters). The set-up prints the two files' sizes.
 *
 * <pre>
 *   saveModel / loadModel            Models.save / Models.load (read + rebuild + strict state-dict load)
 *   readStateDict                    SafeTensors.read of the model file
 *   saveCheckpoint / loadCheckpoint  Checkpoint.save / Checkpoint.read + model() + restore(model, Adam, schedule)
 * </pre>
 *
 * <p>Not thread-safe: JMH drives each instance from its one benchmark thread (run with {@code scripts/jmh.sh}, see
 * docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class PersistenceBenchmark {
    @Param({"mlp", "sew"})
    String model;

    private Path dir;
    private Path modelFile;
    private Path checkpointFile;
    private Module net;
    private Adam adam;
    private CosineAnnealingLR schedule;

    /**
     * Builds the model, takes one Adam step and writes both files once.
     *
     * @throws IOException if the files cannot be written
     */
    @Setup
    public void setUp() throws IOException {
        Tensor input;
        if (model.equals("mlp")) {
            net = MlpExample.buildModel(MlpConfig.defaults());
            input = Tensor.of(Nd4j.rand(4, 1, 28, 28));
        } else {
            net = SEWRes18.builder(32, 32, 10).soma(LIF.builder().spikingFunction(new Sigmoid())).build();
            input = Tensor.of(Nd4j.rand(1, 2, 2, 32, 32).gt(0.7).castTo(DataType.FLOAT));
        }
        adam = new Adam(net.trainableParameters(), 1e-3);
        schedule = new CosineAnnealingLR(adam, 10);
        net.forward(input).sum().backward();
        adam.step();
        net.reset();
        schedule.step();
        dir = Files.createTempDirectory("persist-bench");
        modelFile = dir.resolve(model + "-model.safetensors");
        checkpointFile = dir.resolve(model + "-checkpoint.safetensors");
        saveModel();
        saveCheckpoint();
        System.out.printf("%s: model file %,d bytes, checkpoint %,d bytes%n", model, Files.size(modelFile),
                Files.size(checkpointFile));
    }

    /**
     * Deletes the files.
     *
     * @throws IOException if they cannot be deleted
     */
    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** @throws IOException if the file cannot be written */
    @Benchmark
    public void saveModel() throws IOException {
        Models.save(net, modelFile);
    }

    /**
     * @return the rebuilt model
     * @throws IOException if the file cannot be read
     */
    @Benchmark
    public Module loadModel() throws IOException {
        return Models.load(modelFile);
    }

    /**
     * @return the state dictionary
     * @throws IOException if the file cannot be read
     */
    @Benchmark
    public Object readStateDict() throws IOException {
        return SafeTensors.read(modelFile);
    }

    /** @throws IOException if the file cannot be written */
    @Benchmark
    public void saveCheckpoint() throws IOException {
        Checkpoint.save(checkpointFile, net, adam, schedule, 1, Map.of());
    }

    /**
     * @return the restored model
     * @throws IOException if the file cannot be read
     */
    @Benchmark
    public Module loadCheckpoint() throws IOException {
        Checkpoint c = Checkpoint.read(checkpointFile);
        Module m = c.model();
        Adam a = new Adam(m.trainableParameters(), 1e-3);
        c.restore(m, a, new CosineAnnealingLR(a, 10));
        return m;
    }
}
