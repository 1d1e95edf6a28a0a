package io.matterhorn.examples.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.matterhorn.nir.Nir;
import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code nir-run --model FILE.nir [--dt 1e-3] [--input FILE.json] [--steps 16] [--batch 4] [--rate 0.2] [--seed 0]}:
 * reads a NIR graph, runs it on the given input (a JSON {@code {"shape": [T, B, ...], "data": [...]}}, or an object
 * with such an {@code "input"} member) or on random Bernoulli spikes of the graph's input shape, and prints the
 * output shape and the mean output per output neuron (the firing rate for spiking outputs).
 */
@Command(name = "nir-run", description = "Run a NIR graph (docs/nir.md) on an input or on random spikes; prints the "
        + "module, the output shape and the mean output per output neuron (the firing rate for spiking outputs).")
public final class NirRunCommand extends ExampleCommand {
    @Option(names = "--model", paramLabel = "FILE.nir", required = true, description = "The NIR graph.")
    private Path model;

    @Option(names = "--dt", description = "Euler step in seconds.")
    private double dt = 1e-3;

    @Option(names = "--input", paramLabel = "FILE.json", description = "Input {\"shape\": [T, B, ...], \"data\": "
            + "[...]} (or an object with such an \"input\" member); default: random spikes.")
    private Path input;

    @Option(names = "--steps", description = "Random input: time steps T.")
    private int steps = 16;

    @Option(names = "--batch", description = "Random input: batch size.")
    private int batch = 4;

    @Option(names = "--rate", description = "Random input: spike probability per step.")
    private double rate = 0.2;

    @Option(names = "--seed", description = "Random input: seed.")
    private long seed = 0;

    @Override
    protected int run() throws IOException {
        PrintStream out = out();
        Path file = model;
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such file");
        }
        Module m = Nir.read(file, dt);
        INDArray x;
        if (input != null) {
            x = readInput(input);
        } else {
            long[] in = Nir.inputShape(file);
            long[] shape = new long[in.length + 2];
            shape[0] = steps;
            shape[1] = batch;
            System.arraycopy(in, 0, shape, 2, in.length);
            Nd4j.getRandom().setSeed(seed);
            x = Nd4j.rand(DataType.FLOAT, shape).lt(rate).castTo(DataType.FLOAT);
            out.println("input: random spikes " + Arrays.toString(shape) + " at rate " + rate);
        }
        out.println("model: " + file + " (dt = " + dt + " s)");
        out.println(m);
        INDArray y = m.forward(Tensor.of(x)).value();
        out.println("output shape: " + Arrays.toString(y.shape()) + " [T, B, ...]");
        long t = y.size(0);
        long b = y.size(1);
        INDArray perNeuron = y.reshape(t * b, y.length() / (t * b)).mean(0);
        float[] rates = perNeuron.data().asFloat();
        StringBuilder sb = new StringBuilder("mean output per neuron (firing rate for spikes):");
        for (int i = 0; i < rates.length; i++) {
            sb.append(i % 10 == 0 ? "\n  " : " ").append(String.format("%.4f", rates[i]));
        }
        out.println(sb);
        out.printf("overall mean output: %.4f%n", y.meanNumber().doubleValue());
        return OK;
    }

    private static INDArray readInput(Path f) throws IOException {
        JsonElement root = JsonParser.parseString(Files.readString(f));
        JsonObject o = root.getAsJsonObject();
        if (o.has("input")) {
            o = o.getAsJsonObject("input");
        }
        if (!o.has("shape") || !o.has("data")) {
            throw new IllegalArgumentException("nir-run: " + f + " must hold {\"shape\": [T, B, ...], \"data\": [...]}"
                    + " or an \"input\" member of that form");
        }
        JsonArray s = o.getAsJsonArray("shape");
        long[] shape = new long[s.size()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).getAsLong();
            n *= shape[i];
        }
        JsonArray d = o.getAsJsonArray("data");
        if (shape.length < 2 || d.size() != n) {
            throw new IllegalArgumentException("nir-run: " + f + ": shape " + Arrays.toString(shape) + " must be [T, B,"
                    + " ...] and match the " + d.size() + " data values");
        }
        float[] v = new float[d.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.get(i).getAsFloat();
        }
        return Nd4j.create(v, shape, 'c');
    }
}
