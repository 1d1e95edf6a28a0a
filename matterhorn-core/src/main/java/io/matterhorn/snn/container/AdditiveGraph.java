package io.matterhorn.snn.container;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A directed acyclic graph of modules whose merges are sums, as NIR defines its graphs: a node with several inputs
 * receives their sum. With {@code x} the graph input (named {@link #INPUT}) and each node {@code n} holding a module
 * {@code f_n} and a list of inputs {@code in(n)}:
 *
 * <pre>
 *   value(INPUT) = x
 *   value(n)     = f_n( sum_{p in in(n)} value(p) )       (nodes evaluated in topological order)
 *   y            = sum_{p in outputs} value(p)
 * </pre>
 *
 * A residual block {@code y = g(x) + x} is the graph {@code g <- [input]}, outputs {@code [g, input]}. Every input of
 * a sum must have the same shape. The graph runs on whole sequences {@code [T, B, ...]} (multi-step), which is exact
 * for a graph without cycles: each node sees its whole input sequence before its successors run. Single-step-only
 * modules (somas) are wrapped in {@link Temporal}, other modules are switched to multi-step, as {@link Sequential}
 * does. Children are registered under their index ({@code "0"}, {@code "1"}, ... in the given order), so node names
 * may contain dots. Not thread-safe (children keep state).
 */
public final class AdditiveGraph extends Module {
    /** The name of the graph input in input lists. */
    public static final String INPUT = "input";

    /**
     * One node: a name, the module, and the names of the nodes (or {@link #INPUT}) whose sum it receives.
     *
     * @param name unique name, not {@link #INPUT}
     * @param module the module applied to the sum of the inputs
     * @param inputs at least one name; a name may appear once
     */
    public record Node(String name, Module module, List<String> inputs) {
        /**
         * Copies the input list.
         *
         * @param name unique name
         * @param module the module
         * @param inputs input names
         */
        public Node {
            inputs = inputs == null ? null : List.copyOf(inputs);
        }
    }

    private final List<String> names = new ArrayList<>();
    private final List<Module> modules = new ArrayList<>();
    private final List<List<String>> inputs = new ArrayList<>();
    private final List<String> outputs;
    /** Evaluation order: indices into the lists above. */
    private final int[] order;

    /**
     * @param nodes the nodes, in any order (they are evaluated in a topological order)
     * @param outputs names of the nodes (or {@link #INPUT}) whose sum is the graph output, at least one
     * @throws IllegalArgumentException for a null or empty argument, a duplicate or reserved name, an input that
     *     names no node, a name listed twice in one input list, a cycle (naming a node on it), or a node from which
     *     the output cannot be reached
     */
    public AdditiveGraph(List<Node> nodes, List<String> outputs) {
        if (nodes == null || outputs == null || outputs.isEmpty()) {
            throw new IllegalArgumentException("AdditiveGraph: nodes and at least one output are required");
        }
        Map<String, Integer> index = new HashMap<>();
        for (Node n : nodes) {
            if (n == null || n.name() == null || n.name().isEmpty() || n.module() == null || n.inputs() == null
                    || n.inputs().isEmpty()) {
                throw new IllegalArgumentException("AdditiveGraph: node " + n + " needs a name, a module and at "
                        + "least one input");
            }
            if (n.name().equals(INPUT) || index.containsKey(n.name())) {
                throw new IllegalArgumentException("AdditiveGraph: node name '" + n.name() + "' is "
                        + (n.name().equals(INPUT) ? "reserved for the graph input" : "used twice"));
            }
            index.put(n.name(), index.size());
        }
        for (Node n : nodes) {
            requireKnown(n.inputs(), index, "node '" + n.name() + "'");
        }
        requireKnown(outputs, index, "the output list");
        this.outputs = List.copyOf(outputs);
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            names.add(n.name());
            inputs.add(n.inputs());
            modules.add(registerChild(Integer.toString(i), multiStep(n.module())));
        }
        this.order = topologicalOrder(index);
        requireAllReachOutput(index);
        forceStepMode(StepMode.MULTI);
    }

    private static Module multiStep(Module m) {
        if (m.isPlain() || m.isMultiStep()) {
            return m;
        }
        if (!m.supportsMultiStep()) {
            return new Temporal(m);
        }
        m.setStepMode(StepMode.MULTI);
        return m;
    }

    private static void requireKnown(List<String> in, Map<String, Integer> index, String who) {
        Set<String> seen = new HashSet<>();
        for (String s : in) {
            if (s == null || !s.equals(INPUT) && !index.containsKey(s)) {
                throw new IllegalArgumentException("AdditiveGraph: " + who + " names unknown input '" + s + "'");
            }
            if (!seen.add(s)) {
                throw new IllegalArgumentException("AdditiveGraph: " + who + " lists input '" + s + "' twice");
            }
        }
    }

    /** Kahn's algorithm, keeping the given order among ready nodes; refuses a cycle naming a node on it. */
    private int[] topologicalOrder(Map<String, Integer> index) {
        int n = names.size();
        int[] missing = new int[n];
        List<List<Integer>> next = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            next.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (String s : inputs.get(i)) {
                if (!s.equals(INPUT)) {
                    missing[i]++;
                    next.get(index.get(s)).add(i);
                }
            }
        }
        int[] out = new int[n];
        int count = 0;
        boolean[] done = new boolean[n];
        boolean progress = true;
        while (count < n && progress) {
            progress = false;
            for (int i = 0; i < n; i++) {
                if (!done[i] && missing[i] == 0) {
                    done[i] = true;
                    out[count++] = i;
                    progress = true;
                    for (int j : next.get(i)) {
                        missing[j]--;
                    }
                }
            }
        }
        if (count < n) {
            for (int i = 0; i < n; i++) {
                if (!done[i]) {
                    throw new IllegalArgumentException("AdditiveGraph: the graph has a cycle through node '"
                            + names.get(i) + "' (or a node depending on one)");
                }
            }
        }
        return out;
    }

    private void requireAllReachOutput(Map<String, Integer> index) {
        Set<String> live = new HashSet<>(outputs);
        for (int k = order.length - 1; k >= 0; k--) {
            int i = order[k];
            if (live.contains(names.get(i))) {
                live.addAll(inputs.get(i));
            }
        }
        for (String name : names) {
            if (!live.contains(name)) {
                throw new IllegalArgumentException("AdditiveGraph: node '" + name + "' does not reach the output");
            }
        }
    }

    @Override
    public boolean supportsSingleStep() {
        return false;
    }

    /**
     * @param x input sequence [T, B, ...]
     * @return the sum of the output nodes' values [T, B, ...]
     * @throws IllegalArgumentException if the inputs of a sum differ in shape (naming the node)
     */
    @Override
    public Tensor forward(Tensor x) {
        Map<String, Tensor> values = new HashMap<>();
        values.put(INPUT, x);
        for (int i : order) {
            values.put(names.get(i), modules.get(i).forward(sum(values, inputs.get(i), "node '" + names.get(i)
                    + "'")));
        }
        return sum(values, outputs, "the output");
    }

    private static Tensor sum(Map<String, Tensor> values, List<String> in, String who) {
        Tensor s = values.get(in.get(0));
        for (int k = 1; k < in.size(); k++) {
            Tensor v = values.get(in.get(k));
            if (!Arrays.equals(s.shape(), v.shape())) {
                throw new IllegalArgumentException("AdditiveGraph: the inputs of " + who + " differ in shape: '"
                        + in.get(0) + "' gives " + Arrays.toString(s.shape()) + ", '" + in.get(k) + "' gives "
                        + Arrays.toString(v.shape()));
            }
            s = s.add(v);
        }
        return s;
    }

    /** @return the nodes in the given order (modules as registered, i.e. after the step-mode wrapping) */
    public List<Node> nodes() {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(new Node(names.get(i), modules.get(i), inputs.get(i)));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return the nodes in evaluation (topological) order */
    public List<Node> nodesInOrder() {
        List<Node> all = nodes();
        List<Node> out = new ArrayList<>();
        for (int i : order) {
            out.add(all.get(i));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return the names whose sum is the graph output */
    public List<String> outputs() {
        return outputs;
    }

    @Override
    protected String describe() {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (int i : order) {
            edges.put(names.get(i), inputs.get(i));
        }
        return "AdditiveGraph(inputs=" + edges + ", outputs=" + outputs + ")";
    }
}
