package io.matterhorn.runtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Infers a model's per-sample input shape from its architecture JSON, for models loaded without one (possible
 * when the first synapse is a Linear). Stateless and thread-safe.
 */
final class ModelInputShape {
    private ModelInputShape() {
    }

    /**
     * The input shape when the modules before the first synapse do not change the size (encoders, Flatten, Dropout)
     * and that synapse is a Linear: {@code [in_features]}; otherwise null.
     *
     * @param root the architecture's root module node
     * @return the per-sample input shape, or null when it cannot be told from the architecture
     */
    static int[] infer(JsonObject root) {
        java.util.ArrayDeque<JsonObject> pending = new java.util.ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonObject node = pending.pop();
            JsonElement t = node.get("type");
            JsonObject config = node.has("config") && node.get("config").isJsonObject()
                    ? node.getAsJsonObject("config") : new JsonObject();
            String type = t != null && t.isJsonPrimitive() ? t.getAsString() : "";
            switch (type) {
                case "Sequential", "Spatial" -> {
                    if (!config.has("modules") || !config.get("modules").isJsonArray()) {
                        return null;
                    }
                    List<JsonObject> children = new ArrayList<>();
                    for (JsonElement e : config.getAsJsonArray("modules")) {
                        if (!e.isJsonObject()) {
                            return null;
                        }
                        children.add(e.getAsJsonObject());
                    }
                    for (int i = children.size() - 1; i >= 0; i--) {
                        pending.push(children.get(i));
                    }
                }
                case "Temporal", "Plain" -> {
                    if (!config.has("module") || !config.get("module").isJsonObject()) {
                        return null;
                    }
                    pending.push(config.getAsJsonObject("module"));
                }
                case "DirectEncoder", "PoissonEncoder", "Flatten", "AnalogFlatten", "Dropout" -> { }
                case "Linear" -> {
                    JsonElement in = config.get("in_features");
                    return in != null && in.isJsonPrimitive() && in.getAsJsonPrimitive().isNumber()
                            && in.getAsInt() > 0 ? new int[] {in.getAsInt()} : null;
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }
}
