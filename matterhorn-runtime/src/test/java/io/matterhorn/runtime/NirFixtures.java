package io.matterhorn.runtime;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The NIR fixtures of {@code resources/nir} (see PROVENANCE.md there) and hand-made NIR files written with jhdf in
 * the layout of the reference package.
 */
final class NirFixtures {
    private NirFixtures() {
    }

    /** A {@code {"shape", "data"}} array of a fixture. */
    record Array(int[] shape, float[] data) {
    }

    static Path file(String name) {
        try {
            return Path.of(NirFixtures.class.getResource("/nir/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource /nir/" + name, e);
        }
    }

    static JsonObject io(String kase) {
        try {
            return JsonParser.parseString(Files.readString(file(kase + "_io.json"))).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Array array(JsonObject o) {
        JsonArray s = o.getAsJsonArray("shape");
        int[] shape = new int[s.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).getAsInt();
        }
        JsonArray d = o.getAsJsonArray("data");
        float[] v = new float[d.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.get(i).getAsFloat();
        }
        return new Array(shape, v);
    }

    static Map<String, Object> node(String type, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Writes {@code dir/name} with the given nodes (type and parameters as jhdf datasets) and edges. */
    static Path write(Path dir, String name, Map<String, Map<String, Object>> nodes, String[][] edges) {
        Path f = dir.resolve(name);
        try (WritableHdfFile hdf = HdfFile.write(f)) {
            hdf.putDataset("version", "1.0.8");
            WritableGroup root = hdf.putGroup("node");
            root.putDataset("type", "NIRGraph");
            WritableGroup g = root.putGroup("nodes");
            for (Map.Entry<String, Map<String, Object>> n : nodes.entrySet()) {
                WritableGroup ng = g.putGroup(n.getKey());
                n.getValue().forEach(ng::putDataset);
            }
            root.putDataset("edges", edges);
        }
        return f;
    }

    static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** LIF parameters for n neurons: tau, r, v_leak, v_threshold, v_reset. */
    static Map<String, Object> lif(int n, float tau, float threshold) {
        return node("LIF", "tau", filled(n, tau), "r", filled(n, 1f), "v_leak", new float[n], "v_threshold",
                filled(n, threshold), "v_reset", new float[n]);
    }
}
