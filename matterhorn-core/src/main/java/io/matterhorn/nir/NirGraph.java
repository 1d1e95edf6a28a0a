package io.matterhorn.nir;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph read from an HDF5 file with nested {@code NIRGraph} nodes flattened: nodes of a nested graph
 * {@code g} are named {@code g.inner}; an edge into {@code g} goes to its Input node, an edge out of {@code g} leaves
 * from its Output node. Immutable.
 *
 * @param nodes nodes by name, in file order
 * @param edges (source, target) pairs
 */
record NirGraph(Map<String, NirNode> nodes, List<String[]> edges) {

    /**
     * Reads the whole file (closing it before returning, so a failure leaves nothing open or half-built).
     *
     * @param file NIR file
     * @return the flattened graph
     * @throws NirFormatException if the file is missing, not HDF5, or lacks the NIR layout
     */
    static NirGraph read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new NirFormatException(file, "no such file");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Node root = hdf.getChild("node");
            if (!(root instanceof Group g)) {
                throw new NirFormatException(file, "no group /node (not a NIR file)");
            }
            Map<String, NirNode> nodes = new LinkedHashMap<>();
            List<String[]> edges = new ArrayList<>();
            readGraph(file, g, "", nodes, edges);
            return new NirGraph(nodes, edges);
        } catch (NirFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NirFormatException(file, "cannot read HDF5 (" + e.getMessage() + ")", e);
        }
    }

    private static void readGraph(Path file, Group g, String prefix, Map<String, NirNode> nodes,
            List<String[]> edges) {
        Node nodesGroup = g.getChild("nodes");
        if (!(nodesGroup instanceof Group ng)) {
            throw new NirFormatException(file, "graph " + (prefix.isEmpty() ? "/node" : prefix) + " has no 'nodes'");
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
                List<String[]> inner = new ArrayList<>();
                readGraph(file, cg, name + ".", nodes, inner);
                edges.addAll(inner);
                entry.put(name, only(file, nodes, name + ".", "Input"));
                exit.put(name, only(file, nodes, name + ".", "Output"));
                continue;
            }
            Map<String, NirArray> params = new LinkedHashMap<>();
            for (Node p : cg) {
                if (p instanceof Dataset d && !p.getName().equals("type")) {
                    NirArray a = numeric(d);
                    if (a != null) {
                        params.put(p.getName(), a);
                    }
                }
            }
            nodes.put(name, new NirNode(name, type, params));
        }
        Node e = g.getChild("edges");
        if (!(e instanceof Dataset ed)) {
            throw new NirFormatException(file, "graph " + (prefix.isEmpty() ? "/node" : prefix) + " has no 'edges'");
        }
        if (ed.isEmpty()) {
            return;
        }
        Object data = ed.getData();
        int rows = Array.getLength(data);
        for (int i = 0; i < rows; i++) {
            Object row = Array.get(data, i);
            if (!row.getClass().isArray() || Array.getLength(row) != 2 || !(Array.get(row, 0) instanceof String)) {
                throw new NirFormatException(file, "edges of " + (prefix.isEmpty() ? "/node" : prefix)
                        + " must be [E, 2] strings");
            }
            String src = prefix + Array.get(row, 0);
            String dst = prefix + Array.get(row, 1);
            edges.add(new String[] {exit.getOrDefault(src, src), entry.getOrDefault(dst, dst)});
        }
    }

    private static String only(Path file, Map<String, NirNode> nodes, String prefix, String type) {
        String found = null;
        for (NirNode n : nodes.values()) {
            if (n.name().startsWith(prefix) && n.name().indexOf('.', prefix.length()) < 0 && n.type().equals(type)) {
                if (found != null) {
                    throw new NirFormatException(file, "nested graph '" + prefix.substring(0, prefix.length() - 1)
                            + "' has more than one " + type + " node");
                }
                found = n.name();
            }
        }
        if (found == null) {
            throw new NirFormatException(file, "nested graph '" + prefix.substring(0, prefix.length() - 1)
                    + "' has no " + type + " node");
        }
        return found;
    }

    private static String string(Path file, Group g, String key, String name) {
        Node n = g.getChild(key);
        if (n instanceof Dataset d) {
            Object v = d.getData();
            if (v instanceof String s) {
                return s;
            }
            if (v != null && v.getClass().isArray() && Array.getLength(v) == 1 && Array.get(v, 0) instanceof String s) {
                return s;
            }
        }
        throw new NirFormatException(file, "node '" + name + "' has no string dataset '" + key + "'");
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
        return new NirArray(shape, v);
    }
}
