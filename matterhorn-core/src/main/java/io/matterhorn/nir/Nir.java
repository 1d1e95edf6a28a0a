package io.matterhorn.nir;

import io.matterhorn.format.ModelFormatException;
import io.matterhorn.format.nir.NirArray;
import io.matterhorn.format.nir.NirGraph;
import io.matterhorn.format.nir.NirNode;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.soma.ArrayLIF;
import io.matterhorn.snn.soma.ArraySoma;
import io.matterhorn.snn.soma.CubaLI;
import io.matterhorn.snn.soma.CubaLIF;
import io.matterhorn.snn.soma.Integrator;
import io.matterhorn.snn.soma.LI;
import io.matterhorn.snn.soma.Recurrent;
import io.matterhorn.snn.layer.Delay;
import io.matterhorn.nir.module.Threshold;
import io.matterhorn.nir.module.AnalogFlatten;
import io.matterhorn.snn.synapse.Conv1d;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.ConvBase;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.nir.module.LinearPool2d;
import io.matterhorn.nir.module.Scale;
import io.matterhorn.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads NIR (Neuromorphic Intermediate Representation, neuromorphs/NIR) graphs into Matterhorn modules and writes
 * Matterhorn modules as NIR graphs: chains, and acyclic graphs whose merges are sums (residual blocks). The file
 * layout, the node mapping and the forward-Euler discretisation with step {@code dt} are documented in
 * {@code docs/nir.md}. Stateless and thread-safe (each call reads its own file).
 */
public final class Nir {
    private Nir() {
    }

    /**
     * Reads a NIR file into a module that takes time-major input {@code [T, B, ...inputShape]} and returns
     * {@code [T, B, ...outputShape]}.
     *
     * @param file NIR (HDF5) file
     * @param dt Euler step in seconds (the continuous-time equations of the neurons are stepped with it)
     * @return a {@link Sequential} of the nodes when the graph is a chain from Input to Output; otherwise an
     *     {@link io.matterhorn.snn.container.AdditiveGraph} (branches that merge by addition, e.g. residual blocks)
     * @throws NirFormatException for an unreadable or truncated file, an unknown or unsupported node type, a
     *     cycle, a node off the Input-to-Output paths, a missing parameter, a parameter of the wrong shape (naming
     *     node and type), or a graph that does not run on its Input shape
     */
    public static Module read(Path file, double dt) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("Nir.read: dt must be positive and finite, got " + dt);
        }
        NirGraph full = graph(file);
        Map<String, NirNode> loops = new LinkedHashMap<>();
        NirGraph g = NirTopology.withoutRecurrentLoops(file, full, loops);
        NirTopology top = NirTopology.of(file, g);
        Map<String, Module> built = new LinkedHashMap<>();
        for (NirNode n : top.order()) {
            Module m = toModule(file, n, dt);
            if (m != null && loops.containsKey(n.name())) {
                m = recurrent(file, n, m, loops.get(n.name()));
            }
            if (m != null) {
                built.put(n.name(), m);
            }
        }
        if (built.isEmpty()) {
            throw new NirFormatException(file, "the graph has no computing node between Input and Output");
        }
        Module model = top.isChain() ? new Sequential(built.values().toArray(new Module[0]))
                : top.additiveGraph(built);
        NirArray shape = top.input().params().get("shape");
        if (shape != null) {
            probe(file, model, shape.longs());
        }
        return model;
    }

    /** Runs one zero step [1, 1, ...shape] so that a shape mismatch is reported on read, naming the file. */
    private static void probe(Path file, Module model, long[] shape) {
        long[] x = new long[shape.length + 2];
        x[0] = 1;
        x[1] = 1;
        System.arraycopy(shape, 0, x, 2, shape.length);
        try {
            model.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, x)));
        } catch (RuntimeException e) {
            throw new NirFormatException(file, "the graph does not run on its Input shape " + Arrays.toString(shape)
                    + ": " + e.getMessage(), e);
        } finally {
            model.reset();
        }
    }

    /**
     * Writes a module as a NIR graph so that {@code read(file, dt)} runs like it: nested {@code Sequential},
     * {@code Temporal} and {@code Spatial} containers are flattened into chains, an {@code AdditiveGraph} becomes
     * branches whose sums are several edges into one node; the leaves are Linear (Affine when it has a bias),
     * Conv1d, Conv2d, Scale, Flatten, AnalogFlatten, LinearPool2d, LI, ArrayLIF, CubaLIF, CubaLI, Integrator (I),
     * Threshold, and the hard-reset LIF and IF somas (scalar parameters written as arrays of the layer's shape,
     * {@code tau = tau_m dt}). The file is written
     * to {@code FILE.part} and moved into place, so a failure leaves no partial file. Neuron state is reset.
     *
     * @param model the module
     * @param file target file (replaced)
     * @param dt Euler step in seconds that the time constants are expressed with
     * @param inputShape per-sample input shape (no time or batch dimension), e.g. {@code [784]} or
     *     {@code [2, 34, 34]}; may be omitted when the first module is a {@code Linear} (then it is
     *     {@code [in_features]})
     * @throws IllegalArgumentException naming the first module without a NIR counterpart (encoders, decoders,
     *     soft-reset somas, attention, ...)
     */
    public static void write(Module model, Path file, double dt, long... inputShape) {
        if (!(dt > 0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("Nir.write: dt must be positive and finite, got " + dt);
        }
        NirWriter.write(model, file, dt, inputShape == null ? new long[0] : inputShape);
    }

    /**
     * Writes a trained model that has an encoder in front and a decoder at the end, in one call: NIR graphs take
     * spikes and give spikes (or potentials), so the leading {@link io.matterhorn.snn.encoder.Encoder}s and the
     * trailing {@link io.matterhorn.snn.decoder.Decoder}s of a {@link Sequential} are left out and the part between
     * them is written as by {@link #write}. A model that is not a {@code Sequential}, or has neither, is written
     * whole.
     *
     * <pre>
     *   Nir.writeTrained(model, Path.of("mlp.nir"), 1e-3, 1, 28, 28);   // example 1: Flatten ... LIF
     * </pre>
     *
     * @param model the trained model, for example {@code Sequential(PoissonEncoder, Flatten, Linear, LIF, Linear,
     *     LIF, AvgSpikeDecoder)}
     * @param file target file (replaced)
     * @param dt Euler step in seconds that the time constants are expressed with
     * @param inputShape per-sample shape of the spikes entering the exported part (no time or batch dimension),
     *     e.g. {@code [1, 28, 28]}; may be omitted when that part starts with a {@code Linear}
     * @return one line for the user: the file, the modules written, and the modules left out with what to do
     *     instead
     * @throws IllegalArgumentException if nothing is left between the encoders and the decoders, or naming the
     *     first module of that part without a NIR counterpart
     */
    public static String writeTrained(Module model, Path file, double dt, long... inputShape) {
        java.util.List<Module> parts = model instanceof Sequential ? model.children() : java.util.List.of(model);
        int from = 0;
        while (from < parts.size() && parts.get(from) instanceof io.matterhorn.snn.encoder.Encoder) {
            from++;
        }
        int to = parts.size();
        while (to > from && parts.get(to - 1) instanceof io.matterhorn.snn.decoder.Decoder) {
            to--;
        }
        if (from == to) {
            throw new IllegalArgumentException("Nir.writeTrained: nothing to export between the encoders and the "
                    + "decoders of " + model.getClass().getSimpleName());
        }
        Module core = from == 0 && to == parts.size() ? model
                : new Sequential(parts.subList(from, to).toArray(new Module[0]));
        write(core, file, dt, inputShape);
        StringBuilder sb = new StringBuilder("wrote ").append(file).append(": NIR graph of ");
        sb.append(core == model ? "the whole model" : "modules " + from + "-" + (to - 1) + " of the Sequential")
                .append(" (").append(names(parts.subList(from, to))).append(")");
        if (from > 0) {
            sb.append("; left out the encoder ").append(names(parts.subList(0, from)))
                    .append(" (feed the graph spikes [T, B, ...])");
        }
        if (to < parts.size()) {
            sb.append("; left out the decoder ").append(names(parts.subList(to, parts.size())))
                    .append(" (decode the output spikes yourself)");
        }
        return sb.toString();
    }

    private static String names(java.util.List<Module> modules) {
        StringBuilder sb = new StringBuilder();
        for (Module m : modules) {
            Module shown = m instanceof io.matterhorn.snn.container.Temporal t ? t.module() : m;
            sb.append(sb.length() == 0 ? "" : ", ").append(shown.getClass().getSimpleName());
        }
        return sb.toString();
    }

    /**
     * @param file NIR file
     * @return the per-sample shape of its single top-level Input node (no time or batch dimension)
     * @throws NirFormatException if the file is unreadable or has no single Input node with a shape
     */
    public static long[] inputShape(Path file) {
        NirGraph g = graph(file);
        return require(file, NirTopology.of(file, g).input(), "shape").longs();
    }

    /** Reads the file with the shared reader; its refusals become {@link NirFormatException}s, message unchanged. */
    static NirGraph graph(Path file) {
        try {
            return NirGraph.read(file);
        } catch (ModelFormatException e) {
            throw new NirFormatException(file, e.problem(), e);
        }
    }

    /** {@link NirNode#require} with its refusal as a {@link NirFormatException}, message unchanged. */
    static NirArray require(Path file, NirNode n, String param) {
        try {
            return n.require(param, file);
        } catch (ModelFormatException e) {
            throw new NirFormatException(file, e.problem(), e);
        }
    }

    private static Module toModule(Path file, NirNode n, double dt) {
        switch (n.type()) {
            case "Input":
            case "Output":
                return null;
            case "Affine":
            case "Linear":
                return linear(file, n);
            case "Scale": {
                NirArray s = require(file, n, "scale");
                Scale m = new Scale(s.shape());
                load(file, n, m, Map.of("scale", s));
                return m;
            }
            case "Flatten": {
                int start = (int) scalar(file, n, "start_dim");
                int end = (int) scalar(file, n, "end_dim");
                return new AnalogFlatten(start, end);
            }
            case "Conv1d":
            case "Conv2d":
                return conv(file, n);
            case "SumPool2d":
            case "AvgPool2d": {
                int[] k = pair(file, n, "kernel_size");
                int[] s = pair(file, n, "stride");
                int[] p = n.params().containsKey("padding") ? pair(file, n, "padding") : new int[] {0, 0};
                return n.type().equals("SumPool2d") ? LinearPool2d.sum(k, s, p) : LinearPool2d.mean(k, s, p);
            }
            case "LI":
                return neuron(file, n, new LI(shapeOf(file, n, "tau"), dt));
            case "LIF":
                return neuron(file, n, ArrayLIF.leaky(shapeOf(file, n, "tau"), dt, null));
            case "IF":
                return neuron(file, n, ArrayLIF.nonLeaky(shapeOf(file, n, "r"), dt, null));
            case "CubaLIF":
                return neuron(file, n, new CubaLIF(shapeOf(file, n, "tau_mem"), dt, null));
            case "I":
                return neuron(file, n, new Integrator(shapeOf(file, n, "r"), dt));
            case "CubaLI":
                return neuron(file, n, new CubaLI(shapeOf(file, n, "tau_mem"), dt));
            case "Threshold": {
                Threshold m = new Threshold(shapeOf(file, n, "threshold"), null);
                load(file, n, m, Map.of("threshold", require(file, n, "threshold")));
                return m;
            }
            case "Delay":
                return delay(file, n, dt);
            case "Conv3d":
            case "Project":
                throw new NirFormatException(file, "node '" + n.name() + "' has type " + n.type()
                        + ", which this version of Matterhorn does not map (see docs/nir.md)");
            default:
                throw new NirFormatException(file, "node '" + n.name() + "' has unknown type '" + n.type() + "'");
        }
    }

    /**
     * A neuron node with a recurrent loop: the neuron inside a {@link Recurrent} layer whose V is the loop's Linear or
     * Affine weight (and c the Affine's bias; V the identity for a direct self-edge, which {@code loop == n} marks).
     */
    private static Module recurrent(Path file, NirNode n, Module neuron, NirNode loop) {
        if (!(neuron instanceof ArraySoma soma)) {
            throw new NirFormatException(file, "node '" + n.name() + "' of type " + n.type() + " has a recurrent "
                    + "loop, which Matterhorn reads for neuron nodes only");
        }
        long size = 1;
        for (long d : soma.neuronShape()) {
            size *= d;
        }
        if (size > Integer.MAX_VALUE / 2) {
            throw new NirFormatException(file, "node '" + n.name() + "': too many neurons for a recurrent loop");
        }
        int features = (int) size;
        boolean affine = loop != n && loop.type().equals("Affine");
        Recurrent r = new Recurrent(features, neuron, affine, new java.util.Random(0));
        if (loop == n) {
            r.weight().value().assign(Nd4j.eye(features).castTo(DataType.FLOAT));
            return r;
        }
        NirArray w = require(file, loop, "weight");
        if (!Arrays.equals(w.shape(), new long[] {features, features})) {
            throw new NirFormatException(file, "node '" + loop.name() + "' of type " + loop.type() + " closes the "
                    + "recurrent loop of '" + n.name() + "' (" + features + " neurons): its weight must be ["
                    + features + ", " + features + "], got " + Arrays.toString(w.shape()));
        }
        for (double v : w.values()) {
            if (!Double.isFinite(v)) {
                throw new NirFormatException(file, "node '" + loop.name() + "' of type " + loop.type()
                        + ": parameter 'weight' holds a non-finite value " + v);
            }
        }
        r.weight().value().assign(Nd4j.create(w.floats(), new long[] {features, features}, 'c'));
        if (affine) {
            NirArray b = require(file, loop, "bias");
            if (!Arrays.equals(b.shape(), new long[] {features})) {
                throw new NirFormatException(file, "node '" + loop.name() + "' of type Affine closes the recurrent "
                        + "loop of '" + n.name() + "': its bias must be [" + features + "], got "
                        + Arrays.toString(b.shape()));
            }
            for (double v : b.values()) {
                if (!Double.isFinite(v)) {
                    throw new NirFormatException(file, "node '" + loop.name() + "' of type Affine: parameter "
                            + "'bias' holds a non-finite value " + v);
                }
            }
            r.bias().value().assign(Nd4j.create(b.floats(), new long[] {features}, 'c'));
        }
        return r;
    }

    /** NIR's Delay: {@code d = round(delay / dt)} steps per element. */
    private static Module delay(Path file, NirNode n, double dt) {
        NirArray a = require(file, n, "delay");
        if (a.shape().length == 0) {
            throw new NirFormatException(file, "node '" + n.name() + "' of type Delay: parameter 'delay' must be an "
                    + "array of the layer's shape (one delay per element), got a scalar");
        }
        float[] seconds = a.floats();
        int[] steps = new int[seconds.length];
        for (int j = 0; j < steps.length; j++) {
            double d = Math.rint(seconds[j] / dt);
            if (!(seconds[j] >= 0) || !(d < (1 << 24) - 1)) {
                throw new NirFormatException(file, "node '" + n.name() + "' of type Delay: delay " + seconds[j]
                        + " s must be non-negative and below 2^24 - 1 steps of " + dt + " s");
            }
            steps[j] = (int) d;
        }
        return new Delay(a.shape(), steps);
    }

    private static Module linear(Path file, NirNode n) {
        NirArray w = require(file, n, "weight");
        if (w.shape().length != 2) {
            throw new NirFormatException(file, "node '" + n.name() + "' of type " + n.type()
                    + ": weight must be [out, in], got " + Arrays.toString(w.shape()));
        }
        boolean bias = n.type().equals("Affine");
        Linear m = new Linear((int) w.shape()[1], (int) w.shape()[0], bias);
        Map<String, NirArray> p = new LinkedHashMap<>();
        p.put("weight", w);
        if (bias) {
            p.put("bias", require(file, n, "bias"));
        }
        load(file, n, m, p);
        return m;
    }

    private static Module conv(Path file, NirNode n) {
        boolean two = n.type().equals("Conv2d");
        NirArray w = require(file, n, "weight");
        int dims = two ? 2 : 1;
        if (w.shape().length != dims + 2) {
            throw new NirFormatException(file, "node '" + n.name() + "' of type " + n.type() + ": weight must have "
                    + (dims + 2) + " dimensions [C_out, C_in/groups, k...], got " + Arrays.toString(w.shape()));
        }
        int groups = n.params().containsKey("groups") ? (int) scalar(file, n, "groups") : 1;
        int cOut = (int) w.shape()[0];
        int cIn = (int) w.shape()[1] * groups;
        int[] k = new int[dims];
        for (int i = 0; i < dims; i++) {
            k[i] = (int) w.shape()[2 + i];
        }
        int[] stride = ints(file, n, "stride", dims, 1);
        int[] padding = ints(file, n, "padding", dims, 0);
        int[] dilation = ints(file, n, "dilation", dims, 1);
        ConvBase m = two
                ? Conv2d.builder(cIn, cOut, k).stride(stride).padding(padding).dilation(dilation).groups(groups)
                        .bias(true).build()
                : Conv1d.builder(cIn, cOut, k).stride(stride).padding(padding).dilation(dilation).groups(groups)
                        .bias(true).build();
        NirArray b = n.params().get("bias");
        if (b == null || b.values().length == 1 && b.shape().length == 0) {
            double bv = b == null ? 0 : b.values()[0];
            double[] filled = new double[cOut];
            Arrays.fill(filled, bv);
            b = new NirArray(new long[] {cOut}, filled);
        }
        load(file, n, m, Map.of("weight", w, "bias", b));
        return m;
    }

    private static Module neuron(Path file, NirNode n, ArraySoma m) {
        Map<String, NirArray> p = new LinkedHashMap<>();
        for (String name : m.namedParameters().keySet()) {
            NirArray a = n.params().get(name);
            if (a == null && (name.equals("w_in") || name.equals("v_reset"))) {
                continue; // optional in NIR: w_in = 1, v_reset = 0 (the constructor's values)
            }
            if (a == null) {
                a = require(file, n, name);
            }
            p.put(name, a);
        }
        load(file, n, m, p);
        return m;
    }

    /** Copies NIR arrays into the module's parameters, checking every shape first (nothing changes on failure). */
    private static void load(Path file, NirNode n, Module m, Map<String, NirArray> params) {
        Map<String, INDArray> state = new LinkedHashMap<>();
        for (Map.Entry<String, NirArray> e : params.entrySet()) {
            INDArray target = m.namedParameters().get(e.getKey()).value();
            NirArray a = e.getValue();
            long count = 1;
            for (long s : a.shape()) {
                count *= s;
            }
            boolean scalarFill = count == 1 && target.length() > 1 && a.shape().length == 0;
            if (!scalarFill && !Arrays.equals(a.shape(), target.shape())) {
                throw new NirFormatException(file, "node '" + n.name() + "' of type " + n.type() + ": parameter '"
                        + e.getKey() + "' has shape " + Arrays.toString(a.shape()) + ", expected "
                        + Arrays.toString(target.shape()));
            }
            for (double v : a.values()) {
                if (!Double.isFinite(v)) {
                    throw new NirFormatException(file, "node '" + n.name() + "' of type " + n.type()
                            + ": parameter '" + e.getKey() + "' holds a non-finite value " + v);
                }
            }
            INDArray value = scalarFill ? Nd4j.valueArrayOf(target.shape(), (float) a.values()[0])
                    : Nd4j.create(a.floats(), target.shape(), 'c');
            state.put(e.getKey(), value);
        }
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            m.namedParameters().get(e.getKey()).value().assign(e.getValue());
        }
    }

    private static long[] shapeOf(Path file, NirNode n, String param) {
        NirArray a = require(file, n, param);
        if (a.shape().length == 0) {
            throw new NirFormatException(file, "node '" + n.name() + "' of type " + n.type() + ": parameter '"
                    + param + "' must be an array of the layer's shape, got a scalar");
        }
        return a.shape();
    }

    private static double scalar(Path file, NirNode n, String param) {
        NirArray a = require(file, n, param);
        if (a.values().length != 1) {
            throw new NirFormatException(file, "node '" + n.name() + "' of type " + n.type() + ": parameter '"
                    + param + "' must be one number, got shape " + Arrays.toString(a.shape()));
        }
        return a.values()[0];
    }

    private static int[] pair(Path file, NirNode n, String param) {
        return ints(file, n, param, 2, -1);
    }

    private static int[] ints(Path file, NirNode n, String param, int dims, int dflt) {
        NirArray a = dflt < 0 ? require(file, n, param) : n.params().get(param);
        if (a == null) {
            int[] r = new int[dims];
            Arrays.fill(r, dflt);
            return r;
        }
        if (a.values().length == 1) {
            int[] r = new int[dims];
            Arrays.fill(r, (int) a.values()[0]);
            return r;
        }
        if (a.values().length != dims) {
            throw new NirFormatException(file, "node '" + n.name() + "' of type " + n.type() + ": parameter '"
                    + param + "' must have " + dims + " values, got " + Arrays.toString(a.shape()));
        }
        return a.ints();
    }
}
