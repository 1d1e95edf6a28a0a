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
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code nir-run --model FILE.nir [--dt 1e-3] [--input FILE.json] [--steps 16] [--batch 4] [--rate 0.2] [--seed 0]}:
 * reads a NIR graph, runs it on the given input (a JSON {@code {"shape": [T, B, ...], "data": [...]}}, or an object
 * with such an {@code "input"} member) or on random Bernoulli spikes of the graph's input shape, and prints the
 * output shape and the mean output per output neuron (the firing rate for spiking outputs).
 */
public final class NirRunCommand {
    private NirRunCommand() {
    }

    /**
     * @param args options
     * @param out where to print
     * @throws IOException if a file cannot be read
     */
    public static void run(List<String> args, PrintStream out) throws IOException {
        Options o = Options.parse(args, Set.of("model", "dt", "input", "steps", "batch", "rate", "seed"), Set.of());
        String model = o.getString("model", null);
        if (model == null) {
            throw new IllegalArgumentException("nir-run: --model FILE.nir is required");
        }
        Path file = Path.of(model);
        double dt = o.getDouble("dt", 1e-3);
        Module m = Nir.read(file, dt);
        INDArray x;
        if (o.has("input")) {
            x = readInput(Path.of(o.getString("input", null)));
        } else {
            long[] in = Nir.inputShape(file);
            long[] shape = new long[in.length + 2];
            shape[0] = o.getInt("steps", 16);
            shape[1] = o.getInt("batch", 4);
            System.arraycopy(in, 0, shape, 2, in.length);
            Nd4j.getRandom().setSeed(o.getLong("seed", 0));
            x = Nd4j.rand(DataType.FLOAT, shape).lt(o.getDouble("rate", 0.2)).castTo(DataType.FLOAT);
            out.println("input: random spikes " + Arrays.toString(shape) + " at rate " + o.getDouble("rate", 0.2));
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
