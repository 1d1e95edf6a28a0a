package io.matterhorn.examples.bench;

import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.io.Checkpoint;
import io.matterhorn.io.Models;
import io.matterhorn.io.SafeTensors;
import io.matterhorn.model.SEWRes18;
import io.matterhorn.optim.Adam;
import io.matterhorn.optim.CosineAnnealingLR;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * File sizes and save/load times of whole-model files and checkpoints for example 1's model (784-80-10 MLP) and
 * SEW-ResNet-18 (32 x 32 input, 10 classes). Each operation is run once to warm up, then {@code --rounds} times;
 * the median wall time is printed. Checkpoints hold Adam's moments after one update (three times the parameters).
 *
 * <pre>
 *   model            what
 *   model file       Models.save / Models.load (load = read + rebuild + strict state-dict load)
 *   state dict read  SafeTensors.read of the same file
 *   checkpoint       Checkpoint.save / Checkpoint.read + model() + restore(model, Adam, schedule)
 * </pre>
 */
public final class PersistenceBenchmark {
    private PersistenceBenchmark() {
    }

    @FunctionalInterface
    private interface Op {
        void run() throws IOException;
    }

    /** The {@code persist-bench} command. */
    @picocli.CommandLine.Command(name = "persist-bench", description = "File sizes and save/load times of model files and checkpoints (example 1 MLP, SEW-ResNet-18).")
    public static final class Command extends io.matterhorn.examples.cli.ExampleCommand {
        @picocli.CommandLine.Option(names = "--rounds", description = "Timed rounds; the median is printed.")
        private int rounds = 5;

        @picocli.CommandLine.Option(names = "--dir", description = "Folder for the files (default: a temporary folder).")
        private Path dir;

        @Override
        protected int run() throws IOException {
            PersistenceBenchmark.run(rounds, dir);
            return OK;
        }
    }

    /**
     * Runs the benchmark and prints the table.
     *
     * @param rounds    timed rounds (the median is printed)
     * @param dirOption folder for the files, or null for a temporary one
     * @throws IOException when a file cannot be written or read
     */
    public static void run(int rounds, Path dirOption) throws IOException {
        Path dir = dirOption != null ? dirOption : Files.createTempDirectory("persist-bench");
        Files.createDirectories(dir);
        System.out.printf("persistence benchmark: median of %d rounds after one warm-up, files in %s%n", rounds, dir);
        System.out.printf("%-14s | %-16s | %12s | %9s | %9s%n", "model", "file", "bytes", "save ms", "load ms");
        MlpConfig mlp = MlpConfig.defaults();
        bench("example 1 MLP", () -> MlpExample.buildModel(mlp), Tensor.of(Nd4j.rand(4, 1, 28, 28)), dir, rounds);
        bench("SEW-ResNet-18", () -> SEWRes18.builder(32, 32, 10)
                .soma(LIF.builder().spikingFunction(new Sigmoid())).build(),
                Tensor.of(Nd4j.rand(1, 2, 2, 32, 32).gt(0.7).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)), dir,
                rounds);
    }

    private static void bench(String name, Supplier<Module> build, Tensor input, Path dir, int rounds)
            throws IOException {
        Module model = build.get();
        Adam adam = new Adam(model.trainableParameters(), 1e-3);
        CosineAnnealingLR schedule = new CosineAnnealingLR(adam, 10);
        model.forward(input).sum().backward(); // one update, so Adam holds its moments
        adam.step();
        model.reset();
        schedule.step();
        String tag = name.replaceAll("[^A-Za-z0-9]", "");
        Path modelFile = dir.resolve(tag + "-model.safetensors");
        Path ckptFile = dir.resolve(tag + "-checkpoint.safetensors");
        double save = median(() -> Models.save(model, modelFile), rounds);
        double load = median(() -> Models.load(modelFile), rounds);
        row(name, "model file", Files.size(modelFile), save, load);
        double read = median(() -> SafeTensors.read(modelFile), rounds);
        row(name, "state dict read", Files.size(modelFile), Double.NaN, read);
        double csave = median(() -> Checkpoint.save(ckptFile, model, adam, schedule, 1, Map.of()), rounds);
        double cload = median(() -> {
            Checkpoint c = Checkpoint.read(ckptFile);
            Module m = c.model();
            Adam a = new Adam(m.trainableParameters(), 1e-3);
            c.restore(m, a, new CosineAnnealingLR(a, 10));
        }, rounds);
        row(name, "checkpoint", Files.size(ckptFile), csave, cload);
    }

    private static void row(String model, String file, long bytes, double saveMs, double loadMs) {
        System.out.printf("%-14s | %-16s | %,12d | %9s | %9.1f%n", model, file, bytes,
                Double.isNaN(saveMs) ? "-" : String.format("%.1f", saveMs), loadMs);
    }

    private static double median(Op op, int rounds) throws IOException {
        op.run();
        double[] ms = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            op.run();
            ms[r] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[rounds / 2];
    }
}
