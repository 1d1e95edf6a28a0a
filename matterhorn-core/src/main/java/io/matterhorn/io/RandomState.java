package io.matterhorn.io;

import io.matterhorn.format.StrictJson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.encoder.PoissonEncoder;
import io.matterhorn.snn.encoder.TemporalEncoder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The random state of a model's seeded modules: each seeded encoder's draw count by module path (with the seed,
 * which the architecture records, that is its whole random state). Stored as the JSON object
 * {@code {"0": 12, ...}} under the metadata key {@code random_state}.
 */
final class RandomState {
    static final String KEY = "random_state";

    private RandomState() {
    }

    static String capture(Module model) {
        JsonObject o = new JsonObject();
        collect(model, "", o);
        return o.toString();
    }

    private static void collect(Module m, String path, JsonObject out) {
        if (m instanceof PoissonEncoder p) {
            out.addProperty(path, p.drawCount());
        } else if (m instanceof TemporalEncoder t) {
            out.addProperty(path, t.drawCount());
        }
        m.namedChildren().forEach((k, c) -> collect(c, path.isEmpty() ? k : path + "." + k, out));
    }

    /**
     * Restores the counts; validates everything before changing anything.
     *
     * @param file for messages
     * @param model the model
     * @param json the stored object, or null (nothing to restore)
     * @throws ModelFileException when a path does not name a seeded encoder or a count is invalid
     */
    static void restore(Path file, Module model, String json) throws ModelFileException {
        if (json == null) {
            return;
        }
        Map<String, Module> seeded = new LinkedHashMap<>();
        index(model, "", seeded);
        Map<Module, Long> counts = new LinkedHashMap<>();
        JsonElement root;
        try {
            root = StrictJson.parse(json);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, KEY + ": " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new ModelFileException(file, KEY + " must be a JSON object");
        }
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
            Module m = seeded.get(e.getKey());
            long n;
            try {
                n = e.getValue().getAsBigDecimal().longValueExact();
            } catch (RuntimeException ex) {
                throw new ModelFileException(file, KEY + ": count of '" + e.getKey() + "' is not an integer");
            }
            if (m == null || n < 0) {
                throw new ModelFileException(file, KEY + ": '" + e.getKey() + "' = " + n + " does not name a seeded "
                        + "encoder of the model with a non-negative count");
            }
            counts.put(m, n);
        }
        counts.forEach((m, n) -> {
            if (m instanceof PoissonEncoder p) {
                p.restoreDrawCount(n);
            } else {
                ((TemporalEncoder) m).restoreDrawCount(n);
            }
        });
    }

    private static void index(Module m, String path, Map<String, Module> out) {
        if (m instanceof PoissonEncoder || m instanceof TemporalEncoder) {
            out.put(path, m);
        }
        m.namedChildren().forEach((k, c) -> index(c, path.isEmpty() ? k : path + "." + k, out));
    }
}
