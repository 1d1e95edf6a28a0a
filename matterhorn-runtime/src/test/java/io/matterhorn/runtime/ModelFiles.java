package io.matterhorn.runtime;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes model files by hand for the runtime's tests (the format of {@code Models.save}: safetensors with the
 * architecture JSON in the metadata), so these tests need no training library.
 */
final class ModelFiles {
    private final Map<String, float[]> tensors = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();

    ModelFiles tensor(String name, float[] values, long... shape) {
        tensors.put(name, values);
        shapes.put(name, shape);
        return this;
    }

    byte[] write(String architecture) {
        JsonObject header = new JsonObject();
        long offset = 0;
        for (Map.Entry<String, float[]> e : tensors.entrySet()) {
            JsonObject t = new JsonObject();
            t.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long d : shapes.get(e.getKey())) {
                shape.add(d);
            }
            t.add("shape", shape);
            JsonArray off = new JsonArray();
            off.add(offset);
            offset += 4L * e.getValue().length;
            off.add(offset);
            t.add("data_offsets", off);
            header.add(e.getKey(), t);
        }
        JsonObject meta = new JsonObject();
        meta.addProperty("format", "matterhorn-model");
        meta.addProperty("format_version", "1");
        meta.addProperty("architecture", architecture);
        header.add("__metadata__", meta);
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        for (float[] v : tensors.values()) {
            for (float x : v) {
                b.putFloat(x);
            }
        }
        return b.array();
    }

    /** A node of the architecture JSON. */
    static String node(String type, String config) {
        return "{\"type\":\"" + type + "\",\"step_mode\":\"multi\",\"config\":{" + config + "}}";
    }

    static String sequential(String... nodes) {
        return node("Sequential", "\"modules\":[" + String.join(",", nodes) + "]");
    }

    static String linear(int in, int out, boolean bias) {
        return node("Linear", "\"in_features\":" + in + ",\"out_features\":" + out + ",\"bias\":" + bias);
    }

    static String lif(double threshold, boolean hard) {
        return "{\"type\":\"Temporal\",\"step_mode\":\"multi\",\"config\":{\"module\":"
                + "{\"type\":\"LIF\",\"step_mode\":\"single\",\"config\":{\"u_threshold\":" + threshold
                + ",\"u_rest\":0.0,\"hard_reset\":" + hard + ",\"spiking_function\":{\"type\":\"Sigmoid\",\"a\":1.0},"
                + "\"tau_m\":2.0,\"trainable\":true}},\"reset_after_process\":true}}";
    }
}
