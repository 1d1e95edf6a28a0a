package io.matterhorn.runtime;

import io.matterhorn.format.ModelFormatException;
import io.matterhorn.format.nir.GraphSearch;
import io.matterhorn.format.nir.NirArray;
import io.matterhorn.format.nir.NirGraph;
import io.matterhorn.format.nir.NirNode;
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
    private final NirNodeCompiler nodes;
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
        this.nodes = new NirNodeCompiler(file, source, dt);
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
        return NirNodeCompiler.kind(n.type()) != null;
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
                int[] outShape = n.type().equals("Flatten") ? nodes.flatten(n, inShape) : inShape;
                boolean backOut = false;
                for (String s : next.get(name)) {
                    backOut |= isBack(name, s);
                }
                boolean materialise = !backIn.isEmpty() || backOut || n == output && in.size() != 1;
                if (materialise) {
                    terms.put(name, List.of(pending.size()));
                    Op identity = new IdentityOp(NirNodeCompiler.label(n, outShape), Shape.size(outShape));
                    pending.add(new Pending(identity, in, backIn, inShape));
                } else {
                    terms.put(name, in);
                }
                shapes.put(name, outShape);
                continue;
            }
            Op op;
            int[] outShape;
            try {
                NirNodeCompiler.Built built = nodes.build(n, inShape);
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
}
