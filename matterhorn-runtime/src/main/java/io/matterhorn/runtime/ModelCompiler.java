package io.matterhorn.runtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.matterhorn.format.ModelFormatException;
import io.matterhorn.format.SafeTensorsFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles a model file's architecture (the JSON that {@code io.matterhorn.io.Models.save} writes) and state dict
 * into a {@link Program} and its {@link Readout}. Walks the module tree in execution order, tracking the
 * per-sample shape; a batch norm right after a synapse is folded into it. Modules the runtime does not run are
 * refused with their position and type. Configuration values are read by {@link ModelJson}, tensors by
 * {@link StateDict}, neuron layers built by {@link ModelNeurons}. One use per compilation; not thread-safe.
 */
final class ModelCompiler {
    /** The module types the runtime runs, for messages. */
    static final String SUPPORTED = "Sequential, Spatial, Temporal, AdditiveGraph, Plain (of a supported module, "
            + "or the functions 'flatten' and 'relu' after a decoder), DirectEncoder, PoissonEncoder, Linear, Conv1d, "
            + "Conv2d, BatchNorm1d, BatchNorm2d (evaluation mode), AvgPool1d/2d, MaxPool1d/2d, LinearPool2d, Flatten, "
            + "AnalogFlatten, Dropout, Scale, IF, LIF, QIF, EIF, LI, ArrayLIF, Integrator, CubaLI, CubaLIF, "
            + "AdaptiveLIF, Recurrent (of one of these neurons), Delay, Threshold, AvgSpikeDecoder, SumSpikeDecoder";

    private final Object source;
    private final StateDict tensors;
    private final List<Op> ops = new ArrayList<>();
    /** Per operation of {@link #ops}: its sources, and per source whether it is read as of the previous step. */
    private final List<int[]> opSources = new ArrayList<>();
    /** The operation whose output is the value at this point of the walk (-1: the network input). */
    private int current = -1;
    private final List<boolean[]> opPrevious = new ArrayList<>();
    private final List<Op> head = new ArrayList<>();
    private int[] shape;
    private int inputSize = -1;
    private Readout.Decoder decoder = Readout.Decoder.NONE;
    private int[] outputShape;
    /** A synapse not yet turned into an operation, so that a following batch norm can fold into it. */
    private PendingSynapse pending;

    private ModelCompiler(Object source, SafeTensorsFile tensors, int[] inputShape) {
        this.source = source;
        this.tensors = new StateDict(tensors);
        this.shape = inputShape == null ? null : inputShape.clone();
        if (inputShape != null) {
            inputSize = Shape.size(inputShape);
        }
    }

    /** A compiled model. */
    record Compiled(Program program, Readout readout) {
    }

    /**
     * @param source file or name for messages
     * @param architecture the root module node
     * @param tensors the state dict
     * @param inputShape per-sample input shape, or null to infer it (possible when the first synapse is Linear)
     * @return the program and readout
     * @throws ModelFormatException for an unsupported module, a missing tensor or a shape that does not fit
     */
    static Compiled compile(Object source, JsonObject architecture, SafeTensorsFile tensors, int[] inputShape)
            throws ModelFormatException {
        ModelCompiler c = new ModelCompiler(source, tensors, inputShape == null ? ModelInputShape.infer(architecture)
                : inputShape);
        try {
            c.module(architecture, "", "model");
            c.flush();
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException
                | UnsupportedOperationException e) {
            throw new ModelFormatException(source, e.getMessage(), e);
        }
        if (c.ops.isEmpty()) {
            throw new ModelFormatException(source, "the model has no layer the runtime can step");
        }
        int n = c.ops.size();
        int[][] sources = new int[n][];
        boolean[][] previous = new boolean[n][];
        for (int k = 0; k < n; k++) {
            sources[k] = c.opSources.get(k);
            previous[k] = c.opPrevious.get(k);
        }
        int[] decoded = c.head.isEmpty() ? c.outputShape : c.shape;
        Program p = new Program(List.copyOf(c.ops), sources, previous, c.current, c.inputSize, c.outputShape);
        return new Compiled(p, new Readout(c.decoder, List.copyOf(c.head), decoded));
    }

    // ------------------------------------------------------------------ the walk

    private void module(JsonObject node, String prefix, String where) {
        String type = ModelJson.string(node, "type", where);
        JsonObject config = node.has("config") && node.get("config").isJsonObject()
                ? node.getAsJsonObject("config") : new JsonObject();
        String at = where + " (" + type + ")";
        switch (type) {
            case "Sequential", "Spatial" -> children(config, prefix, where);
            case "AdditiveGraph" -> graph(config, prefix, where, at);
            case "Temporal", "Plain" -> {
                if (config.has("function")) {
                    function(ModelJson.string(config, "function", at), at);
                } else {
                    module(ModelJson.object(config, "module", at), prefix + "module.", where + ".module");
                }
            }
            case "DirectEncoder" -> requireStart(at);
            case "PoissonEncoder" -> {
                requireStart(at);
                needShape(at);
                add(new PoissonOp(at, Shape.size(shape), ModelJson.number(config, "min_value", at),
                        ModelJson.number(config, "max_value", at)), shape);
            }
            case "Dropout" -> { }
            case "Linear" -> linear(config, prefix, at);
            case "Conv1d", "Conv2d" -> conv(type.equals("Conv1d") ? 1 : 2, config, prefix, at);
            case "BatchNorm1d", "BatchNorm2d" -> batchNorm(config, prefix, at);
            case "Flatten", "AnalogFlatten" -> flatten(type.equals("Flatten"), at);
            case "AvgPool1d", "AvgPool2d", "MaxPool1d", "MaxPool2d" -> pool(type, config, at);
            case "LinearPool2d" -> linearPool(config, at);
            case "Scale" -> scale(prefix, at);
            case "IF", "LIF", "QIF", "EIF", "LI", "ArrayLIF", "Integrator", "CubaLI", "CubaLIF", "AdaptiveLIF" -> {
                flush();
                requireBeforeDecoder(at);
                needShape(at);
                add(ModelNeurons.neuron(type, config, prefix, at, Shape.size(shape), tensors), shape);
            }
            case "Recurrent" -> recurrent(config, prefix, at);
            case "Delay" -> delay(config, at);
            case "Threshold" -> {
                flush();
                requireBeforeDecoder(at);
                add(new ThresholdOp(at, tensors.tensor(prefix + "threshold", Shape.size(shape), at)), shape);
            }
            case "AvgSpikeDecoder", "SumSpikeDecoder" -> {
                flush();
                if (decoder != Readout.Decoder.NONE) {
                    throw new UnsupportedOperationException(at + ": a second decoder is not supported");
                }
                needShape(at);
                decoder = type.equals("SumSpikeDecoder") ? Readout.Decoder.SUM : Readout.Decoder.AVG;
                outputShape = shape.clone();
            }
            default -> throw new UnsupportedOperationException(at + " is not supported by the streaming runtime; "
                    + "supported: " + SUPPORTED);
        }
    }

    private void children(JsonObject config, String prefix, String where) {
        if (!config.has("modules") || !config.get("modules").isJsonArray()) {
            throw new IllegalArgumentException(where + ": 'modules' missing");
        }
        int i = 0;
        for (JsonElement e : config.getAsJsonArray("modules")) {
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(where + "." + i + ": not a module node");
            }
            module(e.getAsJsonObject(), prefix + i + ".", where + "." + i);
            i++;
        }
    }

    /**
     * A residual graph ({@code AdditiveGraph}): each node's module reads the sum of its named inputs ("input" is the
     * graph's input), the graph's value is the sum of its outputs. A sum of several values is an identity operation
     * reading them all; nodes are compiled in their listed order (a topological order, as the graph checks).
     */
    private void graph(JsonObject c, String prefix, String where, String at) {
        flush();
        requireBeforeDecoder(at);
        needShape(at);
        List<String> names = ModelJson.strings(c, "names", at);
        List<String> pairs = ModelJson.strings(c, "inputs", at);
        if (!c.has("modules") || !c.get("modules").isJsonArray() || c.getAsJsonArray("modules").size() != names.size()
                || pairs.size() % 2 != 0) {
            throw new IllegalArgumentException(at + ": names, modules and inputs do not fit together");
        }
        java.util.Map<String, Integer> value = new java.util.HashMap<>();
        java.util.Map<String, int[]> shapes = new java.util.HashMap<>();
        value.put("input", current);
        shapes.put("input", shape.clone());
        for (int i = 0; i < names.size(); i++) {
            List<String> in = new ArrayList<>();
            for (int k = 0; k < pairs.size(); k += 2) {
                if (pairs.get(k).equals(names.get(i))) {
                    in.add(pairs.get(k + 1));
                }
            }
            sum(in, value, shapes, at + " node '" + names.get(i) + "'");
            JsonElement m = c.getAsJsonArray("modules").get(i);
            if (!m.isJsonObject()) {
                throw new IllegalArgumentException(at + ": node '" + names.get(i) + "' is not a module node");
            }
            module(m.getAsJsonObject(), prefix + i + ".", where + "." + i);
            flush();
            value.put(names.get(i), current);
            shapes.put(names.get(i), shape.clone());
        }
        sum(ModelJson.strings(c, "outputs", at), value, shapes, at + " output");
    }

    /** Makes the sum of the named values the current value. */
    private void sum(List<String> in, java.util.Map<String, Integer> value, java.util.Map<String, int[]> shapes,
            String who) {
        if (in.isEmpty()) {
            throw new IllegalArgumentException(who + " has no input");
        }
        int[] ids = new int[in.size()];
        for (int k = 0; k < ids.length; k++) {
            Integer id = value.get(in.get(k));
            if (id == null) {
                throw new IllegalArgumentException(who + " reads '" + in.get(k) + "', which is not computed before it");
            }
            if (!java.util.Arrays.equals(shapes.get(in.get(k)), shapes.get(in.get(0)))) {
                throw new IllegalArgumentException(who + ": its inputs differ in shape: " + Shape.of(shapes.get(
                        in.get(0))) + " and " + Shape.of(shapes.get(in.get(k))));
            }
            ids[k] = id;
        }
        int[] s = shapes.get(in.get(0));
        if (ids.length == 1) {
            current = ids[0];
            shape = s.clone();
        } else {
            add(new IdentityOp(who + " sum of " + in, Shape.size(s)), s, ids, new boolean[ids.length]);
        }
    }

    private void function(String name, String at) {
        needShape(at);
        switch (name) {
            case "flatten" -> {
                flush();
                shape = new int[] {Shape.size(shape)};
            }
            case "relu" -> {
                flush();
                add(new ElementwiseOp(at, Shape.size(shape)), shape);
            }
            default -> throw new UnsupportedOperationException(at + ": the function '" + name + "' is arbitrary code "
                    + "the runtime cannot run (it runs 'flatten' and 'relu')");
        }
    }

    private void requireStart(String at) {
        if (!ops.isEmpty() || pending != null || decoder != Readout.Decoder.NONE) {
            throw new UnsupportedOperationException(at + ": an encoder is supported only as the first module");
        }
    }

    private void requireBeforeDecoder(String at) {
        if (decoder != Readout.Decoder.NONE) {
            throw new UnsupportedOperationException(at + ": a stateful layer after the decoder is not supported "
                    + "(only Linear, flatten and relu may follow it)");
        }
    }

    // ------------------------------------------------------------------ synapses

    private record PendingSynapse(String label, boolean conv, int[] geometry, float[] weight, float[] bias,
            int in, int out, int[] outShape) {
    }

    private void linear(JsonObject c, String prefix, String at) {
        flush();
        int in = ModelJson.integer(c, "in_features", at);
        int out = ModelJson.integer(c, "out_features", at);
        if (shape == null) {
            shape = new int[] {in};
            inputSize = in;
        }
        if (Shape.size(shape) != in) {
            throw new IllegalArgumentException(at + ": expects " + in + " input features, the layer before gives "
                    + Shape.of(shape));
        }
        float[] w = tensors.tensor(prefix + "weight", in * out, at);
        float[] b = ModelJson.bool(c, "bias", at) ? tensors.tensor(prefix + "bias", out, at) : null;
        pending = new PendingSynapse(at + " " + in + " -> " + out, false, null, w, b, in, out, new int[] {out});
    }

    private void conv(int dims, JsonObject c, String prefix, String at) {
        flush();
        int cin = ModelJson.integer(c, "in_channels", at);
        int cout = ModelJson.integer(c, "out_channels", at);
        if (ModelJson.integer(c, "groups", at) != 1) {
            throw new UnsupportedOperationException(at + ": grouped convolutions are not supported");
        }
        if (shape == null) {
            throw new IllegalArgumentException(at + ": the model starts with a convolution; give the per-sample input "
                    + "shape when loading, e.g. StreamingNetwork.load(file, " + cin + (dims == 2 ? ", H, W)" : ", L)"));
        }
        int[] k = ModelJson.ints(c, "kernel_size", dims, at);
        int[] s = ModelJson.ints(c, "stride", dims, at);
        int[] d = ModelJson.ints(c, "dilation", dims, at);
        int h = dims == 2 ? shape.length == 3 ? shape[1] : -1 : 1;
        int w = dims == 2 ? shape.length == 3 ? shape[2] : -1 : shape.length == 2 ? shape[1] : -1;
        if (shape[0] != cin || w < 0 || h < 0) {
            throw new IllegalArgumentException(at + ": expects [" + cin + (dims == 2 ? ", H, W]" : ", L]")
                    + " per sample, the layer before gives " + Shape.of(shape));
        }
        int[] p = padding(c, dims, k, d, at);
        int[] kk = dims == 2 ? k : new int[] {1, k[0]};
        int[] ss = dims == 2 ? s : new int[] {1, s[0]};
        int[] dd = dims == 2 ? d : new int[] {1, d[0]};
        int[] pp = dims == 2 ? p : new int[] {0, p[0]};
        int[] geometry = {cin, h, w, cout, kk[0], kk[1], ss[0], ss[1], pp[0], pp[1], dd[0], dd[1]};
        int oh = ConvOp.outExtent(h, kk[0], ss[0], pp[0], dd[0]);
        int ow = ConvOp.outExtent(w, kk[1], ss[1], pp[1], dd[1]);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(at + ": a " + Shape.of(shape) + " input leaves no output");
        }
        float[] weight = tensors.tensor(prefix + "weight", cout * cin * kk[0] * kk[1], at);
        float[] bias = ModelJson.bool(c, "bias", at) ? tensors.tensor(prefix + "bias", cout, at) : null;
        int[] outShape = dims == 2 ? new int[] {cout, oh, ow} : new int[] {cout, ow};
        pending = new PendingSynapse(at + " " + cin + " -> " + cout, true, geometry, weight, bias, 0, cout, outShape);
    }

    private int[] padding(JsonObject c, int dims, int[] k, int[] d, String at) {
        JsonElement e = c.get("padding");
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            String mode = e.getAsString();
            int[] p = new int[dims];
            if (mode.equals("same")) {
                for (int i = 0; i < dims; i++) {
                    int total = d[i] * (k[i] - 1);
                    if (total % 2 != 0) {
                        throw new UnsupportedOperationException(at + ": padding 'same' with an even kernel extent is "
                                + "not supported");
                    }
                    p[i] = total / 2;
                }
            } else if (!mode.equals("valid")) {
                throw new IllegalArgumentException(at + ": unknown padding '" + mode + "'");
            }
            return p;
        }
        return ModelJson.ints(c, "padding", dims, at);
    }

    private void batchNorm(JsonObject c, String prefix, String at) {
        int n = ModelJson.integer(c, "num_features", at);
        if (!ModelJson.bool(c, "track_running_stats", at)) {
            throw new UnsupportedOperationException(at + ": a batch norm without running statistics normalises by "
                    + "the batch, which a single stream does not have");
        }
        int[] before = pending != null ? pending.outShape : shape;
        if (before == null || before[0] != n) {
            throw new IllegalArgumentException(at + ": expects " + n + " channels, the layer before gives "
                    + (before == null ? "an unknown shape" : Shape.of(before)));
        }
        double eps = ModelJson.number(c, "eps", at);
        float[] mean = tensors.tensor(prefix + "running_mean", n, at);
        float[] var = tensors.tensor(prefix + "running_var", n, at);
        boolean affine = ModelJson.bool(c, "affine", at);
        float[] gamma = affine ? tensors.tensor(prefix + "weight", n, at) : null;
        float[] beta = affine ? tensors.tensor(prefix + "bias", n, at) : null;
        float[] scale = new float[n];
        float[] shift = new float[n];
        for (int ch = 0; ch < n; ch++) {
            double s = (affine ? gamma[ch] : 1.0) / Math.sqrt(var[ch] + eps);
            scale[ch] = (float) s;
            shift[ch] = (float) ((affine ? beta[ch] : 0.0) - mean[ch] * s);
        }
        if (pending != null && pending.out == n) {
            pending = fold(pending, scale, shift, mean);
        } else {
            flush();
            requireBeforeDecoder(at);
            add(new ChannelAffineOp(at, Shape.size(shape), scale, shift), shape);
        }
    }

    /** W' = s W per output channel, b' = s (b - mean) + beta = s b + shift. */
    private static PendingSynapse fold(PendingSynapse p, float[] scale, float[] shift, float[] mean) {
        int out = p.out;
        float[] w = p.weight.clone();
        int per = w.length / out;
        float[] b = new float[out];
        for (int o = 0; o < out; o++) {
            for (int j = o * per; j < (o + 1) * per; j++) {
                w[j] = (float) ((double) w[j] * scale[o]);
            }
            b[o] = (float) ((p.bias == null ? 0.0 : (double) p.bias[o] * scale[o]) + shift[o]);
        }
        return new PendingSynapse(p.label + " + BatchNorm (folded)", p.conv, p.geometry, w, b, p.in, p.out,
                p.outShape);
    }

    private void flush() {
        if (pending == null) {
            return;
        }
        PendingSynapse p = pending;
        pending = null;
        Op op = p.conv ? new ConvOp(p.label, p.geometry, p.weight, p.bias)
                : new LinearOp(p.label, p.weight, p.in, p.out, p.bias);
        add(op, p.outShape);
    }

    // ------------------------------------------------------------------ layers

    private void flatten(boolean binarise, String at) {
        flush();
        needShape(at);
        int n = Shape.size(shape);
        if (binarise && decoder == Readout.Decoder.NONE && !lastIsBinary()) {
            add(new BinariseOp(at, n), new int[] {n});
        } else if (binarise && decoder == Readout.Decoder.NONE) {
            shape = new int[] {n}; // spikes already: binarising is the identity
            outputShape = shape.clone();
        } else if (binarise) {
            throw new UnsupportedOperationException(at + ": Flatten binarises its input; after a decoder use "
                    + "AnalogFlatten or Plain.function(\"flatten\", ...)");
        } else {
            shape = new int[] {n};
        }
    }

    private void pool(String type, JsonObject c, String at) {
        flush();
        requireBeforeDecoder(at);
        needShape(at);
        int dims = type.endsWith("1d") ? 1 : 2;
        if (ModelJson.bool(c, "ceil_mode", at)
                || Arrays.stream(ModelJson.ints(c, "dilation", dims, at)).anyMatch(v -> v != 1)
                || c.has("divisor_override") && ModelJson.integer(c, "divisor_override", at) != 0
                || type.startsWith("Avg") && !ModelJson.bool(c, "count_include_pad", at)) {
            throw new UnsupportedOperationException(at + ": only floor mode, dilation 1, no divisor override and "
                    + "(average) padding counted are supported");
        }
        int[] k = ModelJson.ints(c, "kernel_size", dims, at);
        int[] s = ModelJson.ints(c, "stride", dims, at);
        int[] p = ModelJson.ints(c, "padding", dims, at);
        PoolOp.Mode mode = type.startsWith("Avg") ? PoolOp.Mode.AVG : PoolOp.Mode.MAX;
        poolOp(at, mode, true, dims, k, s, p);
    }

    private void linearPool(JsonObject c, String at) {
        flush();
        requireBeforeDecoder(at);
        needShape(at);
        poolOp(at, ModelJson.bool(c, "sum", at) ? PoolOp.Mode.SUM : PoolOp.Mode.AVG, false, 2,
                ModelJson.ints(c, "kernel_size", 2, at),
                ModelJson.ints(c, "stride", 2, at), ModelJson.ints(c, "padding", 2, at));
    }

    private void poolOp(String at, PoolOp.Mode mode, boolean binarise, int dims, int[] k, int[] s, int[] p) {
        if (shape.length != dims + 1) {
            throw new IllegalArgumentException(at + ": expects [C, " + (dims == 2 ? "H, W]" : "L]")
                    + " per sample, the layer before gives " + Shape.of(shape));
        }
        int h = dims == 2 ? shape[1] : 1;
        int w = shape[dims];
        int[] g = dims == 2 ? new int[] {shape[0], h, w, k[0], k[1], s[0], s[1], p[0], p[1]}
                : new int[] {shape[0], 1, w, 1, k[0], 1, s[0], 0, p[0]};
        PoolOp op = new PoolOp(at, mode, binarise, g);
        int[] o = op.outputShape();
        add(op, dims == 2 ? o : new int[] {o[0], o[2]});
    }

    private void scale(String prefix, String at) {
        flush();
        requireBeforeDecoder(at);
        needShape(at);
        int n = Shape.size(shape);
        float[] a = tensors.tensor(prefix + "scale", n, at);
        add(new ChannelAffineOp(at, n, a, new float[n]), shape);
    }

    // ------------------------------------------------------------------ recurrent layers and delays

    /**
     * A recurrent layer {@code neuron(x_t + V y_{t-1} [+ c])}: the product with V (and the bias c) is a linear
     * operation that reads the neuron's output of the previous step (zeros at the first step), and the neuron reads
     * the sum of the layer before and that product, in this order (as training adds them).
     */
    private void recurrent(JsonObject c, String prefix, String at) {
        flush();
        requireBeforeDecoder(at);
        needShape(at);
        int n = ModelJson.integer(c, "features", at);
        if (Shape.size(shape) != n) {
            throw new IllegalArgumentException(at + ": expects " + n + " features per step, the layer before gives "
                    + Shape.of(shape));
        }
        JsonObject inner = ModelJson.object(c, "module", at);
        String innerType = ModelJson.string(inner, "type", at + ".module");
        JsonObject innerConfig = inner.has("config") && inner.get("config").isJsonObject()
                ? inner.getAsJsonObject("config") : new JsonObject();
        Op neuron = ModelNeurons.neuron(innerType, innerConfig, prefix + "module.", at + ".module (" + innerType
                + ")", n, tensors);
        float[] v = tensors.tensor(prefix + "weight", n * n, at);
        float[] bias = c.has("bias") && ModelJson.bool(c, "bias", at) ? tensors.tensor(prefix + "bias", n, at)
                : null;
        int before = current;
        int product = ops.size();
        add(new LinearOp(at + " recurrent weight " + n + " -> " + n, v, n, n, bias), shape,
                new int[] {product + 1}, new boolean[] {true});
        add(neuron, shape, new int[] {before, product}, new boolean[] {false, false});
    }

    private void delay(JsonObject c, String at) {
        flush();
        requireBeforeDecoder(at);
        needShape(at);
        int n = Shape.size(shape);
        int[] d = c.has("delays") && c.get("delays").isJsonArray()
                ? ModelJson.ints(c, "delays", c.getAsJsonArray("delays").size(), at) : null;
        if (d == null || d.length == 0 || n % d.length != 0 || d.length != n && d.length != shape[0]
                && d.length != 1) {
            throw new IllegalArgumentException(at + ": 'delays' must hold one delay for all, one per element (" + n
                    + ") or one per channel (" + shape[0] + ") of " + Shape.of(shape));
        }
        int[] perElement = new int[n];
        int inner = n / d.length;
        for (int j = 0; j < n; j++) {
            perElement[j] = d[j / inner];
        }
        add(new DelayOp(at, perElement), shape);
    }

    // ------------------------------------------------------------------ helpers

    private void add(Op op, int[] outShape) {
        add(op, outShape, new int[] {current}, new boolean[1]);
    }

    /**
     * @param sources the operations whose outputs (summed in this order) op reads; -1 the network input
     * @param previous per source, whether its value of the previous step is read
     */
    private void add(Op op, int[] outShape, int[] sources, boolean[] previous) {
        if (inputSize < 0) {
            inputSize = op.inSize;
        }
        if (decoder != Readout.Decoder.NONE) {
            head.add(op);
        } else {
            ops.add(op);
            opSources.add(sources);
            opPrevious.add(previous);
            current = ops.size() - 1;
            outputShape = outShape.clone();
        }
        shape = outShape.clone();
    }

    /** @return whether the last operation's output is always 0/1 (so a binarising reshape is the identity) */
    private boolean lastIsBinary() {
        return pending == null && current >= 0 && ops.get(current).binaryOutput();
    }

    private void needShape(String at) {
        if (shape == null) {
            throw new IllegalArgumentException(at + ": the input shape is not known before this module; give the "
                    + "per-sample input shape when loading");
        }
    }

}
