package io.matterhorn.format.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.matterhorn.format.ModelFormatException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph read from an HDF5 file (the layout the reference {@code nir} package writes: {@code /node/nodes/NAME}
 * groups with a {@code type} string and one dataset per parameter, {@code /node/edges} as {@code [E, 2]} strings),
 * with nested {@code NIRGraph} nodes flattened: the nodes of a nested graph {@code g} are named {@code g.inner}; an
 * edge into {@code g} goes to its Input node, an edge out of {@code g} leaves from its Output node. The reader checks
 * the layout only; it does not check that edges name existing nodes, nor anything about the graph's structure.
 * Immutable.
 *
 * <pre>
 *   NirGraph g = NirGraph.read(Path.of("net.nir"));
 *   for (NirNode n : g.nodes().values()) { ... n.type(), n.params().get("weight") ... }
 *   for (NirGraph.Edge e : g.edges()) { ... e.source() + " -> " + e.target() ... }
 * </pre>
 *
 * @param nodes nodes by name, in file order
 * @param edges edges in file order (nested graphs' edges where the nested graph stands)
 */
public record NirGraph(Map<String, NirNode> nodes, List<Edge> edges) {

    /**
     * One edge: the value of {@code source} flows into {@code target} (several edges into one node are summed).
     *
     * @param source name of the node the value leaves
     * @param target name of the node it enters
     */
    public record Edge(String source, String target) {
        @Override
        public String toString() {
            return source + " -> " + target;
        }
    }

    /**
     * @param nodes nodes by name (copied, order kept)
     * @param edges edges (copied)
     */
    public NirGraph {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = List.copyOf(edges);
    }

    /**
     * Reads the whole file (closing it before returning, so a failure leaves nothing open or half-built).
     *
     * @param file NIR file
     * @return the flattened graph
     * @throws ModelFormatException if the file is missing, not HDF5, or lacks the NIR layout; its source is
     *     {@code "NIR file <file>"}
     */
    public static NirGraph read(Path file) throws ModelFormatException {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(source(file), "no such file");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Node root = hdf.getChild("node");
            if (!(root instanceof Group g)) {
                throw new ModelFormatException(source(file), "no group /node (not a NIR file)");
            }
            Map<String, NirNode> nodes = new LinkedHashMap<>();
            List<Edge> edges = new ArrayList<>();
            readGraph(file, g, "", nodes, edges);
            return new NirGraph(nodes, edges);
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException(source(file), "cannot read HDF5 (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @param file a NIR file
     * @return the source that the reader's exceptions name: {@code "NIR file <file>"}
     */
    public static String source(Path file) {
        return "NIR file " + file;
    }

    private static void readGraph(Path file, Group g, String prefix, Map<String, NirNode> nodes, List<Edge> edges)
            throws ModelFormatException {
        String where = prefix.isEmpty() ? "/node" : prefix.substring(0, prefix.length() - 1);
        Node nodesGroup = g.getChild("nodes");
        if (!(nodesGroup instanceof Group ng)) {
            throw new ModelFormatException(source(file), "graph " + where + " has no 'nodes'");
        }
        Map<String, String> entry = new LinkedHashMap<>();
        Map<String, String> exit = new LinkedHashMap<>();
        for (Node child : ng) {
            if (!(child instanceof Group cg)) {
                continue;
            }
            String name = prefix + child.getName();
            String type = string(file, cg, "type", name);
            if (type.equals("NIRGraph")) {
                List<Edge> inner = new ArrayList<>();
                readGraph(file, cg, name + ".", nodes, inner);
                edges.addAll(inner);
                entry.put(name, only(file, nodes, name + ".", "Input"));
                exit.put(name, only(file, nodes, name + ".", "Output"));
                continue;
            }
            Map<String, NirArray> params = new LinkedHashMap<>();
            Map<String, String> strings = new LinkedHashMap<>();
            for (Node p : cg) {
                if (p instanceof Dataset d && !p.getName().equals("type")) {
                    NirArray a = numeric(d);
                    if (a != null) {
                        params.put(p.getName(), a);
                    } else {
                        String s = text(d);
                        if (s != null) {
                            strings.put(p.getName(), s);
                        }
                    }
                }
            }
            nodes.put(name, new NirNode(name, type, params, strings));
        }
        Node e = g.getChild("edges");
        if (!(e instanceof Dataset ed)) {
            throw new ModelFormatException(source(file), "graph " + where + " has no 'edges'");
        }
        if (ed.isEmpty()) {
            return;
        }
        Object data = ed.getData();
        if (data == null || !data.getClass().isArray()) {
            throw new ModelFormatException(source(file), "edges of " + where + " must be [E, 2] strings");
        }
        int rows = Array.getLength(data);
        for (int i = 0; i < rows; i++) {
            Object row = Array.get(data, i);
            if (row == null || !row.getClass().isArray() || Array.getLength(row) != 2
                    || !(Array.get(row, 0) instanceof String) || !(Array.get(row, 1) instanceof String)) {
                throw new ModelFormatException(source(file), "edges of " + where + " must be [E, 2] strings");
            }
            String src = prefix + Array.get(row, 0);
            String dst = prefix + Array.get(row, 1);
            edges.add(new Edge(exit.getOrDefault(src, src), entry.getOrDefault(dst, dst)));
        }
    }

    private static String only(Path file, Map<String, NirNode> nodes, String prefix, String type)
            throws ModelFormatException {
        String found = null;
        for (NirNode n : nodes.values()) {
            if (n.name().startsWith(prefix) && n.name().indexOf('.', prefix.length()) < 0 && n.type().equals(type)) {
                if (found != null) {
                    throw new ModelFormatException(source(file), "nested graph '"
                            + prefix.substring(0, prefix.length() - 1) + "' has more than one " + type + " node");
                }
                found = n.name();
            }
        }
        if (found == null) {
            throw new ModelFormatException(source(file), "nested graph '" + prefix.substring(0, prefix.length() - 1)
                    + "' has no " + type + " node");
        }
        return found;
    }

    private static String string(Path file, Group g, String key, String name) throws ModelFormatException {
        Node n = g.getChild(key);
        if (n instanceof Dataset d) {
            String s = text(d);
            if (s != null) {
                return s;
            }
        }
        throw new ModelFormatException(source(file), "node '" + name + "' has no string dataset '" + key + "'");
    }

    /** @return a scalar string dataset (or a one-element string array) as a string, or null */
    private static String text(Dataset d) {
        Object v = d.getData();
        if (v instanceof String s) {
            return s;
        }
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1 && Array.get(v, 0) instanceof String s) {
            return s;
        }
        return null;
    }

    /** @return the dataset as numbers, or null for non-numeric datasets (strings such as padding modes) */
    private static NirArray numeric(Dataset d) {
        int[] dims = d.getDimensions();
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[i];
        }
        Object flat = d.isScalar() ? d.getData() : d.getDataFlat();
        double[] v;
        if (flat instanceof Number num) {
            v = new double[] {num.doubleValue()};
        } else if (flat instanceof Boolean b) {
            v = new double[] {b ? 1 : 0};
        } else if (flat != null && flat.getClass().isArray() && flat.getClass().getComponentType().isPrimitive()) {
            int len = Array.getLength(flat);
            v = new double[len];
            for (int i = 0; i < len; i++) {
                Object o = Array.get(flat, i);
                v[i] = o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).doubleValue();
            }
        } else {
            return null;
        }
        if (d.isScalar()) {
            shape = new long[0];
        }
        return new NirArray(shape, v);
    }
}
