package io.matterhorn.runtime;

import io.matterhorn.format.ModelFormatException;
import io.matterhorn.format.nir.GraphSearch;
import io.matterhorn.format.nir.NirArray;
import io.matterhorn.format.nir.NirGraph;
import io.matterhorn.format.nir.NirNode;
import io.matterhorn.neuron.EulerKind;
import io.matterhorn.neuron.EulerNeuron;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a NIR graph (read by {@link NirGraph}) into a {@link Program}, discretised by forward Euler with step
 * {@code dt}.
 *
 * <p><b>Structure.</b> One top-level Input and one top-level Output; every node on a path from Input to Output; no
 * edge named twice. A depth-first search from Input, following each node's outgoing edges in file order, marks as
 * back edges those that close a cycle; removing them leaves an acyclic graph whose topological order (file order
 * among the ready nodes) is the execution order. A back edge carries its source's value of the previous step (zeros
 * at the first step), so in {@code Input -> Affine -> LIF -> Output} with {@code LIF -> Linear -> LIF} the LIF's
 * input at step t is {@code W x[t] + b + V z[t-1]}. Every cycle must pass through a neuron node (LI, LIF, IF, I,
 * CubaLI, CubaLIF): a cycle of stateless nodes is an algebraic loop, refused. Several edges into one node are
 * summed, as NIR defines.
 *
 * <p><b>Nodes.</b> Input, Output and nested graphs' Input/Output pass their input on; Flatten reshapes; Affine
 * ({@code W x + b}) and Linear ({@code W x}) on the last dimension of an input whose other dimensions are 1; Scale
 * (NumPy broadcasting to the input shape); Conv1d and Conv2d ({@code groups = 1}; padding as numbers, or
 * {@code "valid"}, or {@code "same"} with stride 1); SumPool2d and AvgPool2d (the mean counts padding); LI, LIF,
 * IF, I, CubaLI, CubaLIF ({@link EulerNeuron} with NIR's parameter names, {@code w_in} 1 and {@code v_reset} 0 when
 * absent, as the training library's reader does; parameters broadcast to the input shape); Threshold; Delay
 * ({@code d = rint(delay / dt)} steps per element). Any other type is refused, naming the node and its type.
 * One use per compilation; not thread-safe.
 */
final class NirCompiler {
    /** The node types that compute; Input and Output pass through. */
    static final String SUPPORTED = "Input, Output, Affine, Linear, Scale, Conv1d, Conv2d, Flatten, SumPool2d, "
            + "AvgPool2d, LI, LIF, IF, I, CubaLI, CubaLIF, Threshold, Delay (and nested NIRGraph)";

    private final Path file;
    private final String source;
    private final double dt;
    private final NirGraph graph;
    private final Map<String, List<String>> next = new LinkedHashMap<>();
    private final Map<String, List<String>> preds = new LinkedHashMap<>();
    /** Edges that close a cycle, as {@code source + "\0" + target}. */
    private final Set<String> back = new HashSet<>();
    private NirNode input;
    private NirNode output;

    private NirCompiler(Path file, double dt, NirGraph graph) {
        this.file = file;
        this.source = NirGraph.source(file);
        this.dt = dt;
        this.graph = graph;
    }

    /**
     * @param file the NIR file
     * @param dt Euler step in seconds, positive and finite
     * @return the compiled network
     * @throws ModelFormatException when the file is missing or not a NIR graph, holds a node type the runtime does
     *     not run (naming the node and its type), a parameter that is missing or does not fit, or a structure it
     *     cannot step (a cycle through no neuron, a node off the Input-to-Output paths, inputs of different shapes)
     * @throws IOException when the file cannot be read
     */
    static StreamingNetwork compile(Path file, double dt) throws IOException {
        NirCompiler c = new NirCompiler(file, dt, NirGraph.read(file));
        c.structure();
        List<String> order = c.order();
        Program program = c.program(order);
        return new StreamingNetwork(program, new Readout(Readout.Decoder.NONE, List.of(), program.outputShape()),
                c.source);
    }

    // ------------------------------------------------------------------ structure

    private ModelFormatException refuse(String problem) {
        return new ModelFormatException(source, problem);
    }

    private static String key(String from, String to) {
        return from + "\u0000" + to;
    }

    private boolean isBack(String from, String to) {
        return back.contains(key(from, to));
    }

    private void structure() throws ModelFormatException {
        Map<String, NirNode> nodes = graph.nodes();
        for (String name : nodes.keySet()) {
            next.put(name, new ArrayList<>());
            preds.put(name, new ArrayList<>());
        }
        Set<String> seen = new HashSet<>();
        for (NirGraph.Edge e : graph.edges()) {
            for (String end : new String[] {e.source(), e.target()}) {
                if (!nodes.containsKey(end)) {
                    throw refuse("edge " + e + " names unknown node '" + end + "'");
                }
            }
            if (!seen.add(key(e.source(), e.target()))) {
                throw refuse("edge " + e + " appears twice");
            }
            next.get(e.source()).add(e.target());
            preds.get(e.target()).add(e.source());
        }
        input = topLevel("Input");
        output = topLevel("Output");
        if (!preds.get(input.name()).isEmpty()) {
            throw refuse("the Input node '" + input.name() + "' has incoming edges (from "
                    + preds.get(input.name()) + ")");
        }
        Set<String> fromInput = searchFromInput();
        Set<String> toOutput = reach(output.name(), preds);
        List<String> off = new ArrayList<>();
        for (NirNode n : nodes.values()) {
            if (!fromInput.contains(n.name()) || !toOutput.contains(n.name())) {
                off.add(n.name() + " (" + n.type() + ")");
            }
        }
        if (!off.isEmpty()) {
            throw refuse("nodes " + off + " are not on a path from Input to Output");
        }
        List<String> loop = statelessCycle();
        if (loop != null) {
            StringBuilder sb = new StringBuilder();
            for (String name : loop) {
                sb.append(sb.length() == 0 ? "" : " -> ").append('\'').append(name).append("' (")
                        .append(nodes.get(name).type()).append(')');
            }
            throw refuse("the graph has a cycle through no neuron node: " + sb + " -> '" + loop.get(0)
                    + "'; a cycle of stateless nodes is an algebraic loop that cannot be stepped (a recurrent cycle "
                    + "must pass through LI, LIF, IF, I, CubaLI or CubaLIF)");
        }
    }

    private NirNode topLevel(String type) throws ModelFormatException {
        List<NirNode> found = new ArrayList<>();
        for (NirNode n : graph.nodes().values()) {
            if (n.type().equals(type) && !n.name().contains(".")) {
                found.add(n);
            }
        }
        if (found.size() != 1) {
            throw refuse("expected one top-level " + type + " node, found " + found.size());
        }
        return found.get(0);
    }

    /**
     * Iterative depth-first search from Input (successors in edge order), marking each edge into a node still on
     * the search path as a back edge.
     *
     * @return the nodes reached
     */
    private Set<String> searchFromInput() {
        Map<String, Integer> colour = new HashMap<>();
        GraphSearch.depthFirst(input.name(), next, s -> false, colour, (from, to, path) -> {
            back.add(key(from, to));
            return false;
        });
        return colour.keySet();
    }

    private static Set<String> reach(String start, Map<String, List<String>> step) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(start));
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            if (seen.add(n)) {
                todo.addAll(step.get(n));
            }
        }
        return seen;
    }

    private static boolean isNeuron(NirNode n) {
        return kind(n.type()) != null;
    }

    private static EulerKind kind(String type) {
        return switch (type) {
            case "LI" -> EulerKind.LI;
            case "LIF" -> EulerKind.LIF;
            case "IF" -> EulerKind.IF;
            case "I" -> EulerKind.I;
            case "CubaLI" -> EulerKind.CUBA_LI;
            case "CubaLIF" -> EulerKind.CUBA_LIF;
            default -> null;
        };
    }

    /**
     * @return the nodes of a cycle among the non-neuron nodes (every edge counted, back edges included), in cycle
     *     order, or null when every cycle passes through a neuron
     */
    private List<String> statelessCycle() {
        Map<String, Integer> colour = new HashMap<>();
        List<List<String>> found = new ArrayList<>();
        for (NirNode start : graph.nodes().values()) {
            if (isNeuron(start) || colour.getOrDefault(start.name(), 0) != 0) {
                continue;
            }
            if (GraphSearch.depthFirst(start.name(), next, s -> isNeuron(graph.nodes().get(s)), colour,
                    (from, to, path) -> found.add(new ArrayList<>(path.subList(path.indexOf(to), path.size()))))) {
                return found.get(0);
            }
        }
        return null;
    }

    /** Kahn's algorithm over the graph without its back edges, file order among the ready nodes. */
    private List<String> order() {
        List<String> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        int total = graph.nodes().size();
        while (out.size() < total) {
            int before = out.size();
            for (String name : graph.nodes().keySet()) {
                if (done.contains(name)) {
                    continue;
                }
                boolean ready = true;
                for (String p : preds.get(name)) {
                    if (!isBack(p, name) && !done.contains(p)) {
                        ready = false;
                        break;
                    }
                }
                if (ready) {
                    done.add(name);
                    out.add(name);
                }
            }
            if (out.size() == before) {
                throw new IllegalStateException("NIR compiler: the graph without its back edges has a cycle");
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ compilation

    /** An operation being built: its sources read this step, and the nodes whose previous-step value it reads. */
    private record Pending(Op op, List<Integer> sources, List<String> backSources, int[] inputShape) {
    }

    private Program program(List<String> order) throws ModelFormatException {
        Map<String, List<Integer>> terms = new HashMap<>();
        Map<String, int[]> shapes = new HashMap<>();
        List<Pending> pending = new ArrayList<>();
        NirArray shapeParam = input.require("shape", file);
        int[] inputShape = shapeParam.ints();
        if (shapeParam.rank() > 1 || inputShape.length == 0 || Arrays.stream(inputShape).anyMatch(d -> d < 1)) {
            throw refuse(input.describe() + ": shape must list positive dimensions, got "
                    + Arrays.toString(shapeParam.values()));
        }
        for (String name : order) {
            NirNode n = graph.nodes().get(name);
            if (n == input) {
                terms.put(name, List.of(-1));
                shapes.put(name, inputShape);
                continue;
            }
            List<Integer> in = new ArrayList<>();
            List<String> backIn = new ArrayList<>();
            int[] inShape = null;
            String first = null;
            for (String p : preds.get(name)) {
                if (isBack(p, name)) {
                    backIn.add(p);
                    continue;
                }
                in.addAll(terms.get(p));
                int[] s = shapes.get(p);
                if (inShape == null) {
                    inShape = s;
                    first = p;
                } else if (!Arrays.equals(inShape, s)) {
                    throw refuse("inputs of " + n.describe() + " differ in shape: '" + first + "' gives "
                            + Arrays.toString(inShape) + ", '" + p + "' gives " + Arrays.toString(s));
                }
            }
            boolean passThrough = n.type().equals("Input") || n.type().equals("Output")
                    || n.type().equals("Flatten");
            if (passThrough) {
                int[] outShape = n.type().equals("Flatten") ? flatten(n, inShape) : inShape;
                boolean backOut = false;
                for (String s : next.get(name)) {
                    backOut |= isBack(name, s);
                }
                boolean materialise = !backIn.isEmpty() || backOut || n == output && in.size() != 1;
                if (materialise) {
                    terms.put(name, List.of(pending.size()));
                    pending.add(new Pending(new IdentityOp(label(n, outShape), Shape.size(outShape)), in, backIn,
                            inShape));
                } else {
                    terms.put(name, in);
                }
                shapes.put(name, outShape);
                continue;
            }
            Op op;
            int[] outShape;
            try {
                Built built = build(n, inShape);
                op = built.op();
                outShape = built.shape();
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source, n.describe() + ": " + e.getMessage(), e);
            }
            terms.put(name, List.of(pending.size()));
            shapes.put(name, outShape);
            pending.add(new Pending(op, in, backIn, inShape));
        }
        int count = pending.size();
        List<Op> ops = new ArrayList<>(count);
        int[][] sources = new int[count][];
        boolean[][] previous = new boolean[count][];
        for (int k = 0; k < count; k++) {
            Pending p = pending.get(k);
            int total = p.sources().size() + p.backSources().size();
            sources[k] = new int[total];
            previous[k] = new boolean[total];
            int i = 0;
            for (int s : p.sources()) {
                sources[k][i++] = s;
            }
            for (String b : p.backSources()) {
                List<Integer> t = terms.get(b);
                if (t.size() != 1 || t.get(0) < 0) {
                    throw new IllegalStateException("NIR compiler: back edge from '" + b + "' has no operation");
                }
                if (!Arrays.equals(shapes.get(b), p.inputShape())) {
                    throw refuse("the recurrent edge " + b + " -> " + p.op().label + " carries shape "
                            + Arrays.toString(shapes.get(b)) + ", the node's other inputs "
                            + Arrays.toString(p.inputShape()));
                }
                previous[k][i] = true;
                sources[k][i++] = t.get(0);
            }
            ops.add(p.op());
        }
        List<Integer> out = terms.get(output.name());
        return new Program(List.copyOf(ops), sources, previous, out.get(0), Shape.size(inputShape),
                shapes.get(output.name()).clone());
    }

    private static String label(NirNode n, int[] outShape) {
        return "'" + n.name() + "': " + n.type() + Arrays.toString(outShape);
    }

    /** A node's operation and its output shape. */
    private record Built(Op op, int[] shape) {
    }

    private Built build(NirNode n, int[] in) throws ModelFormatException {
        int size = Shape.size(in);
        EulerKind kind = kind(n.type());
        if (kind != null) {
            return new Built(new EulerOp(label(n, in), new EulerNeuron(kind, dt, neuronParams(n, kind, in))),
                    in);
        }
        switch (n.type()) {
            case "Affine", "Linear" -> {
                return linear(n, in);
            }
            case "Scale" -> {
                float[] scale = broadcast(n, "scale", n.require("scale", file), in);
                return new Built(new ChannelAffineOp(label(n, in), size, scale, new float[size]), in);
            }
            case "Conv1d", "Conv2d" -> {
                return conv(n, in);
            }
            case "SumPool2d", "AvgPool2d" -> {
                if (in.length != 3) {
                    throw refuse(n.describe() + ": input must be [C, H, W], got " + Arrays.toString(in));
                }
                int[] k = ints(n, "kernel_size", 2, -1);
                int[] s = ints(n, "stride", 2, -1);
                int[] p = ints(n, "padding", 2, 0);
                positive(n, "kernel_size", k);
                positive(n, "stride", s);
                nonNegative(n, "padding", p);
                PoolOp op = new PoolOp(label(n, in), n.type().equals("SumPool2d") ? PoolOp.Mode.SUM
                        : PoolOp.Mode.AVG, false, new int[] {in[0], in[1], in[2], k[0], k[1], s[0], s[1], p[0], p[1]});
                return new Built(op, op.outputShape());
            }
            case "Threshold" -> {
                float[] theta = broadcast(n, "threshold", n.require("threshold", file), in);
                return new Built(new ThresholdOp(label(n, in), theta), in);
            }
            case "Delay" -> {
                float[] delay = broadcast(n, "delay", n.require("delay", file), in);
                int[] steps = new int[size];
                for (int j = 0; j < size; j++) {
                    double d = Math.rint(delay[j] / dt);
                    if (!(delay[j] >= 0) || !(d < (1 << 24) - 1)) {
                        throw refuse(n.describe() + ": delay " + delay[j] + " s must be non-negative and below "
                                + "2^24 - 1 steps of " + dt + " s");
                    }
                    steps[j] = (int) d;
                }
                return new Built(new DelayOp(label(n, in), steps), in);
            }
            case "Conv3d", "Project", "NIRGraph", "SumPool1d", "AvgPool1d" -> throw refuse(n.describe()
                    + ", which the streaming runtime does not run (it runs " + SUPPORTED + ")");
            default -> throw refuse(n.describe() + ": unknown node type '" + n.type() + "' (the streaming runtime "
                    + "runs " + SUPPORTED + ")");
        }
    }

    private Built linear(NirNode n, int[] in) throws ModelFormatException {
        NirArray w = n.require("weight", file);
        long[] ws = w.shape();
        if (ws.length != 2) {
            throw refuse(n.describe() + ": weight must be [out, in], got " + Arrays.toString(ws));
        }
        int outF = (int) ws[0];
        int inF = (int) ws[1];
        int size = Shape.size(in);
        if (in[in.length - 1] != inF || size != inF) {
            throw refuse(n.describe() + ": weight " + Arrays.toString(ws) + " does not fit the input shape "
                    + Arrays.toString(in) + " (the input must be [" + inF + "], or have only that many values)");
        }
        float[] bias = null;
        if (n.type().equals("Affine")) {
            bias = broadcast(n, "bias", n.require("bias", file), new int[] {outF});
        }
        finite(n, "weight", w);
        int[] out = in.clone();
        out[out.length - 1] = outF;
        return new Built(new LinearOp(label(n, out), w.floats(), inF, outF, bias), out);
    }

    private Built conv(NirNode n, int[] in) throws ModelFormatException {
        boolean two = n.type().equals("Conv2d");
        int dims = two ? 2 : 1;
        NirArray w = n.require("weight", file);
        long[] ws = w.shape();
        if (ws.length != dims + 2) {
            throw refuse(n.describe() + ": weight must have " + (dims + 2) + " dimensions [C_out, C_in, k...], got "
                    + Arrays.toString(ws));
        }
        if (n.params().containsKey("groups") && scalar(n, "groups") != 1) {
            throw refuse(n.describe() + ": groups = " + (long) scalar(n, "groups") + "; the streaming runtime runs "
                    + "groups = 1 only");
        }
        if (in.length != dims + 1 || in[0] != ws[1]) {
            throw refuse(n.describe() + ": weight " + Arrays.toString(ws) + " does not fit the input shape "
                    + Arrays.toString(in) + " (expected [" + ws[1] + (two ? ", H, W]" : ", L]"));
        }
        finite(n, "weight", w);
        int cOut = (int) ws[0];
        int[] k = new int[dims];
        for (int i = 0; i < dims; i++) {
            k[i] = (int) ws[2 + i];
        }
        int[] stride = ints(n, "stride", dims, 1);
        int[] dilation = ints(n, "dilation", dims, 1);
        positive(n, "stride", stride);
        positive(n, "dilation", dilation);
        int[] padding;
        String mode = n.strings().get("padding");
        if (mode != null && !n.params().containsKey("padding")) {
            padding = new int[dims];
            if (mode.equals("same")) {
                for (int i = 0; i < dims; i++) {
                    int total = dilation[i] * (k[i] - 1);
                    if (stride[i] != 1 || total % 2 != 0) {
                        throw refuse(n.describe() + ": padding 'same' with stride " + stride[i] + " and a kernel of "
                                + "reach " + (total + 1) + " pads unevenly; the streaming runtime pads evenly only");
                    }
                    padding[i] = total / 2;
                }
            } else if (!mode.equals("valid")) {
                throw refuse(n.describe() + ": padding '" + mode + "' is neither a number, 'valid' nor 'same'");
            }
        } else {
            padding = ints(n, "padding", dims, 0);
            nonNegative(n, "padding", padding);
        }
        float[] bias = null;
        NirArray b = n.params().get("bias");
        if (b != null) {
            bias = broadcast(n, "bias", b, new int[] {cOut});
        }
        int cIn = in[0];
        int[] geometry = two
                ? new int[] {cIn, in[1], in[2], cOut, k[0], k[1], stride[0], stride[1], padding[0], padding[1],
                    dilation[0], dilation[1]}
                : new int[] {cIn, 1, in[1], cOut, 1, k[0], 1, stride[0], 0, padding[0], 1, dilation[0]};
        ConvOp op = new ConvOp(label(n, in), geometry, w.floats(), bias);
        int[] o = op.outputShape();
        int[] out = two ? o : new int[] {o[0], o[2]};
        return new Built(op, out);
    }

    private int[] flatten(NirNode n, int[] in) throws ModelFormatException {
        int r = in.length;
        int start = (int) scalar(n, "start_dim");
        int end = (int) scalar(n, "end_dim");
        int s = start < 0 ? start + r : start;
        int e = end < 0 ? end + r : end;
        if (s < 0 || e >= r || s > e) {
            throw refuse(n.describe() + ": start_dim " + start + " and end_dim " + end + " do not fit the input "
                    + "shape " + Arrays.toString(in) + " (dimensions of one sample, no batch)");
        }
        int[] out = new int[r - (e - s)];
        int j = 0;
        for (int i = 0; i < s; i++) {
            out[j++] = in[i];
        }
        int prod = 1;
        for (int i = s; i <= e; i++) {
            prod *= in[i];
        }
        out[j++] = prod;
        for (int i = e + 1; i < r; i++) {
            out[j++] = in[i];
        }
        return out;
    }

    /** The neuron's parameters in {@link EulerKind#paramNames()} order, each broadcast to the input shape. */
    private float[][] neuronParams(NirNode n, EulerKind kind, int[] in) throws ModelFormatException {
        List<String> names = kind.paramNames();
        float[][] p = new float[names.size()][];
        for (int i = 0; i < p.length; i++) {
            String name = names.get(i);
            NirArray a = n.params().get(name);
            if (a == null && (name.equals("w_in") || name.equals("v_reset"))) {
                // optional in NIR: w_in = 1, v_reset = 0 (as io.matterhorn.nir.Nir reads them)
                a = new NirArray(new long[0], new double[] {name.equals("w_in") ? 1 : 0});
            }
            if (a == null) {
                a = n.require(name, file);
            }
            p[i] = broadcast(n, name, a, in);
            if (name.startsWith("tau")) {
                for (float v : p[i]) {
                    if (!(v > 0)) {
                        throw refuse(n.describe() + ": parameter '" + name + "' must be positive, got " + v);
                    }
                }
            }
        }
        return p;
    }

    /**
     * A parameter spread over the target shape by NumPy's broadcasting (trailing dimensions aligned, a dimension of
     * 1 repeated), checked finite.
     */
    private float[] broadcast(NirNode n, String name, NirArray a, int[] target) throws ModelFormatException {
        finite(n, name, a);
        long[] s = a.shape();
        int r = target.length;
        boolean fits = s.length <= r;
        for (int i = 0; fits && i < s.length; i++) {
            long d = s[s.length - 1 - i];
            fits = d == 1 || d == target[r - 1 - i];
        }
        if (!fits) {
            throw refuse(n.describe() + ": parameter '" + name + "' has shape " + Arrays.toString(s)
                    + ", which does not broadcast to the input shape " + Arrays.toString(target));
        }
        int size = Shape.size(target);
        float[] v = a.floats();
        if (v.length == size) {
            return v;
        }
        float[] out = new float[size];
        int[] idx = new int[r];
        for (int j = 0; j < size; j++) {
            int src = 0;
            for (int i = 0; i < s.length; i++) {
                int t = r - s.length + i;
                src = src * (int) s[i] + (s[i] == 1 ? 0 : idx[t]);
            }
            out[j] = v[src];
            for (int t = r - 1; t >= 0; t--) {
                if (++idx[t] < target[t]) {
                    break;
                }
                idx[t] = 0;
            }
        }
        return out;
    }

    private void finite(NirNode n, String name, NirArray a) throws ModelFormatException {
        for (int i = 0; i < a.size(); i++) {
            double v = a.value(i);
            if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
                throw refuse(n.describe() + ": parameter '" + name + "' holds a value " + v
                        + " that is not a finite float32");
            }
        }
    }

    private double scalar(NirNode n, String param) throws ModelFormatException {
        NirArray a = n.require(param, file);
        if (a.size() != 1) {
            throw refuse(n.describe() + ": parameter '" + param + "' must be one number, got shape "
                    + Arrays.toString(a.shape()));
        }
        return a.value(0);
    }

    /** @return {@code dims} integers: the parameter's, one number repeated, or {@code dflt} when absent (dflt >= 0) */
    private int[] ints(NirNode n, String param, int dims, int dflt) throws ModelFormatException {
        NirArray a = dflt < 0 ? n.require(param, file) : n.params().get(param);
        if (a == null) {
            int[] r = new int[dims];
            Arrays.fill(r, dflt);
            return r;
        }
        if (a.size() != 1 && a.size() != dims) {
            throw refuse(n.describe() + ": parameter '" + param + "' must have " + dims + " values, got shape "
                    + Arrays.toString(a.shape()));
        }
        int[] r = new int[dims];
        for (int i = 0; i < dims; i++) {
            double v = a.value(a.size() == 1 ? 0 : i);
            if (v != Math.rint(v) || Math.abs(v) > 1 << 20) {
                throw refuse(n.describe() + ": parameter '" + param + "' must hold integers, got " + v);
            }
            r[i] = (int) v;
        }
        return r;
    }

    private void positive(NirNode n, String param, int[] v) throws ModelFormatException {
        for (int x : v) {
            if (x < 1) {
                throw refuse(n.describe() + ": parameter '" + param + "' must be positive, got "
                        + Arrays.toString(v));
            }
        }
    }

    private void nonNegative(NirNode n, String param, int[] v) throws ModelFormatException {
        for (int x : v) {
            if (x < 0) {
                throw refuse(n.describe() + ": parameter '" + param + "' must not be negative, got "
                        + Arrays.toString(v));
            }
        }
    }
}
