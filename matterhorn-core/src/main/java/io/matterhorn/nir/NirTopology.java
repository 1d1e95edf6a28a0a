package io.matterhorn.nir;

import io.matterhorn.format.nir.GraphSearch;
import io.matterhorn.format.nir.NirGraph;
import io.matterhorn.format.nir.NirNode;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.AdditiveGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structure of a flattened NIR graph, checked: one top-level Input, one top-level Output, no cycle, every node
 * on a path from Input to Output, no duplicate edge. Gives the nodes in a topological order and builds the
 * {@link AdditiveGraph} of a graph with branches (a node with several incoming edges sums them, as NIR defines).
 * Immutable.
 *
 * @param file the file, for messages
 * @param graph the graph
 * @param order nodes in a topological order (file order among ready nodes)
 * @param preds incoming edges per node name, in edge order
 * @param input the top-level Input node
 * @param output the top-level Output node
 */
record NirTopology(Path file, NirGraph graph, List<NirNode> order, Map<String, List<String>> preds, NirNode input,
        NirNode output) {

    /**
     * @param file the file, for messages
     * @param g the flattened graph
     * @return its checked topology
     * @throws NirFormatException for an edge naming an unknown node, a duplicate edge, a cycle (naming a node on
     *     it and its type), no single top-level Input or Output, or nodes off the Input-to-Output paths
     */
    static NirTopology of(Path file, NirGraph g) {
        Map<String, List<String>> next = new LinkedHashMap<>();
        Map<String, List<String>> preds = new LinkedHashMap<>();
        for (String name : g.nodes().keySet()) {
            next.put(name, new ArrayList<>());
            preds.put(name, new ArrayList<>());
        }
        Set<String> seen = new HashSet<>();
        for (NirGraph.Edge e : g.edges()) {
            for (String end : new String[] {e.source(), e.target()}) {
                if (!g.nodes().containsKey(end)) {
                    throw new NirFormatException(file, "edge " + e + " names unknown node '" + end + "'");
                }
            }
            if (!seen.add(e.source() + "\u0000" + e.target())) {
                throw new NirFormatException(file, "edge " + e + " appears twice");
            }
            next.get(e.source()).add(e.target());
            preds.get(e.target()).add(e.source());
        }
        String cyc = cycle(g, next);
        if (cyc != null) {
            throw new NirFormatException(file, "the graph has a cycle (recurrent edge) through node '" + cyc
                    + "' of type " + g.nodes().get(cyc).type() + "; Matterhorn reads a cycle only as a neuron's "
                    + "recurrent loop (neuron -> Linear or Affine -> the same neuron, or an edge from a neuron to "
                    + "itself); StreamingNetwork.loadNir runs any cycle through a neuron");
        }
        NirNode in = topLevel(file, g, "Input");
        NirNode out = topLevel(file, g, "Output");
        Set<String> fromInput = reach(in.name(), next);
        Set<String> toOutput = reach(out.name(), preds);
        List<String> off = new ArrayList<>();
        for (String name : g.nodes().keySet()) {
            if (!fromInput.contains(name) || !toOutput.contains(name)) {
                off.add(name + " (" + g.nodes().get(name).type() + ")");
            }
        }
        if (!off.isEmpty()) {
            throw new NirFormatException(file, "nodes " + off + " are not on a path from Input to Output");
        }
        return new NirTopology(file, g, topological(g, preds), preds, in, out);
    }

    /** The NIR neuron types a recurrent loop may close on. */
    private static final Set<String> NEURONS = Set.of("LI", "LIF", "IF", "I", "CubaLI", "CubaLIF");

    /**
     * Finds the recurrent loops of neurons: a Linear or Affine node whose only input is a neuron node and whose only
     * output is
     * that same neuron (the loop's edge into the neuron carries the previous step's output), and a neuron's edge to
     * itself (a loop with the identity). Returns the graph without those Linear nodes and their edges and without
     * the self-edges, so that it may be acyclic.
     *
     * @param file the file, for messages
     * @param g the flattened graph
     * @param loops receives, per neuron with a loop, the loop's Linear or Affine node (the neuron itself for a
     *     self-edge)
     * @return the graph without the loops
     */
    static NirGraph withoutRecurrentLoops(Path file, NirGraph g, Map<String, NirNode> loops) {
        Map<String, List<String>> in = new HashMap<>();
        Map<String, List<String>> out = new HashMap<>();
        for (NirGraph.Edge e : g.edges()) {
            in.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e.source());
            out.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e.target());
        }
        Set<String> dropped = new HashSet<>();
        for (NirNode n : g.nodes().values()) {
            List<String> src = in.getOrDefault(n.name(), List.of());
            List<String> dst = out.getOrDefault(n.name(), List.of());
            if ((n.type().equals("Linear") || n.type().equals("Affine")) && src.size() == 1 && dst.size() == 1
                    && src.get(0).equals(dst.get(0))) {
                NirNode neuron = g.nodes().get(src.get(0));
                if (neuron != null && NEURONS.contains(neuron.type()) && !loops.containsKey(neuron.name())) {
                    loops.put(neuron.name(), n);
                    dropped.add(n.name());
                }
            }
        }
        List<NirGraph.Edge> edges = new ArrayList<>();
        for (NirGraph.Edge e : g.edges()) {
            boolean self = e.source().equals(e.target());
            NirNode node = g.nodes().get(e.source());
            if (self && node != null && NEURONS.contains(node.type())) {
                if (loops.containsKey(e.source())) {
                    throw new NirFormatException(file, "node '" + e.source() + "' of type " + node.type() + " has "
                            + "two recurrent loops (an edge to itself and a Linear loop); Matterhorn reads one");
                }
                loops.put(e.source(), node);
                continue;
            }
            if (!dropped.contains(e.source()) && !dropped.contains(e.target())) {
                edges.add(e);
            }
        }
        if (loops.isEmpty()) {
            return g;
        }
        Map<String, NirNode> nodes = new LinkedHashMap<>(g.nodes());
        nodes.keySet().removeAll(dropped);
        return new NirGraph(nodes, edges);
    }

    /** @return whether every node has at most one incoming and one outgoing edge (then it is a chain) */
    boolean isChain() {
        Map<String, Integer> outDegree = new HashMap<>();
        for (List<String> p : preds.values()) {
            if (p.size() > 1) {
                return false;
            }
            for (String s : p) {
                if (outDegree.merge(s, 1, Integer::sum) > 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Builds the graph module. Nodes without a module (Input and Output, also of nested graphs) pass the sum of
     * their inputs on: their successors take those inputs directly.
     *
     * @param modules module per computing node name
     * @return the graph
     * @throws NirFormatException if one value reaches a node twice through pass-through nodes (a sum NIR would
     *     count twice, which an additive graph cannot list)
     */
    AdditiveGraph additiveGraph(Map<String, Module> modules) {
        Map<String, List<String>> sources = new HashMap<>();
        List<AdditiveGraph.Node> nodes = new ArrayList<>();
        for (NirNode n : order) {
            List<String> in = sourcesOf(n, sources);
            if (n == input) {
                sources.put(n.name(), List.of(AdditiveGraph.INPUT));
            } else if (modules.containsKey(n.name())) {
                nodes.add(new AdditiveGraph.Node(n.name(), modules.get(n.name()), in));
                sources.put(n.name(), List.of(n.name()));
            } else {
                sources.put(n.name(), in);
            }
        }
        try {
            return new AdditiveGraph(nodes, sources.get(output.name()));
        } catch (IllegalArgumentException e) {
            throw new NirFormatException(file, e.getMessage(), e);
        }
    }

    private List<String> sourcesOf(NirNode n, Map<String, List<String>> sources) {
        Set<String> in = new LinkedHashSet<>();
        for (String p : preds.get(n.name())) {
            for (String s : sources.get(p)) {
                if (!in.add(s)) {
                    throw new NirFormatException(file, "the value of '" + s + "' reaches node '" + n.name()
                            + "' of type " + n.type() + " along two paths through Input/Output nodes; not supported");
                }
            }
        }
        return new ArrayList<>(in);
    }

    private static NirNode topLevel(Path file, NirGraph g, String type) {
        List<NirNode> found = new ArrayList<>();
        for (NirNode n : g.nodes().values()) {
            if (n.type().equals(type) && !n.name().contains(".")) {
                found.add(n);
            }
        }
        if (found.size() != 1) {
            throw new NirFormatException(file, "expected one top-level " + type + " node, found " + found.size());
        }
        return found.get(0);
    }

    private static Set<String> reach(String start, Map<String, List<String>> next) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(start));
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            if (seen.add(n)) {
                todo.addAll(next.get(n));
            }
        }
        return seen;
    }

    /** Kahn's algorithm over an acyclic graph, file order among the ready nodes. */
    private static List<NirNode> topological(NirGraph g, Map<String, List<String>> preds) {
        List<NirNode> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (out.size() < g.nodes().size()) {
            for (NirNode n : g.nodes().values()) {
                if (!done.contains(n.name()) && done.containsAll(preds.get(n.name()))) {
                    done.add(n.name());
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** @return a node on a cycle, or null ({@link GraphSearch} from every node in turn) */
    private static String cycle(NirGraph g, Map<String, List<String>> next) {
        Map<String, Integer> colour = new HashMap<>();
        String[] found = new String[1];
        for (String start : g.nodes().keySet()) {
            if (colour.getOrDefault(start, 0) == 0 && GraphSearch.depthFirst(start, next, s -> false, colour,
                    (from, to, path) -> {
                        found[0] = to;
                        return true;
                    })) {
                return found[0];
            }
        }
        return null;
    }
}
