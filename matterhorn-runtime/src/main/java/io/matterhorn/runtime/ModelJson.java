package io.matterhorn.runtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Typed reads of a module node's configuration in a model file's architecture JSON, for {@link ModelCompiler}.
 * Each throws {@link IllegalArgumentException} naming the module ({@code at}) and the key when the value is
 * missing or of the wrong kind. Stateless and thread-safe.
 */
final class ModelJson {
    private ModelJson() {
    }

    /** @return the string at {@code key} of {@code o}; {@code at} names the module in the message */
    static String string(JsonObject o, String key, String at) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(at + ": '" + key + "' missing or not a string");
        }
        return e.getAsString();
    }

    /** @return the module node (a JSON object) at {@code key} of {@code o} */
    static JsonObject object(JsonObject o, String key, String at) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException(at + ": '" + key + "' missing or not a module node");
        }
        return e.getAsJsonObject();
    }

    /** @return the finite number at {@code key} of {@code o} */
    static double number(JsonObject o, String key, String at) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(at + ": '" + key + "' missing or not a number");
        }
        double v = e.getAsDouble();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(at + ": '" + key + "' is " + v);
        }
        return v;
    }

    /** @return the integer in [0, 2^30] at {@code key} of {@code o} */
    static int integer(JsonObject o, String key, String at) {
        double v = number(o, key, at);
        if (v != Math.rint(v) || v < 0 || v > 1 << 30) {
            throw new IllegalArgumentException(at + ": '" + key + "' must be a non-negative integer, got " + v);
        }
        return (int) v;
    }

    /** @return the boolean at {@code key} of {@code o} */
    static boolean bool(JsonObject o, String key, String at) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException(at + ": '" + key + "' missing or not a boolean");
        }
        return e.getAsBoolean();
    }

    /**
     * @return {@code length} small non-negative integers at {@code key} of {@code o}: a list, or one number
     *     repeated; positive for kernel_size, stride and dilation
     */
    static int[] ints(JsonObject o, String key, int length, String at) {
        JsonElement e = o.get(key);
        if (e != null && e.isJsonPrimitive()) {
            int v = integer(o, key, at);
            int[] r = new int[length];
            Arrays.fill(r, v);
            return r;
        }
        if (e == null || !e.isJsonArray() || e.getAsJsonArray().size() != length) {
            throw new IllegalArgumentException(at + ": '" + key + "' must be " + length + " integers");
        }
        int[] r = new int[length];
        for (int i = 0; i < length; i++) {
            JsonElement x = e.getAsJsonArray().get(i);
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber() || x.getAsDouble() != Math.rint(
                    x.getAsDouble()) || x.getAsDouble() < 0 || x.getAsDouble() > 1 << 20) {
                throw new IllegalArgumentException(at + ": '" + key + "' entry " + i + " is not a small integer");
            }
            r[i] = x.getAsInt();
        }
        if (key.equals("kernel_size") || key.equals("stride") || key.equals("dilation")) {
            for (int v : r) {
                if (v < 1) {
                    throw new IllegalArgumentException(at + ": '" + key + "' must be positive, got "
                            + Arrays.toString(r));
                }
            }
        }
        return r;
    }

    /** @return the list of strings at {@code key} of {@code o} */
    static List<String> strings(JsonObject o, String key, String at) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException(at + ": '" + key + "' missing or not a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonElement x : e.getAsJsonArray()) {
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                throw new IllegalArgumentException(at + ": '" + key + "' must hold strings");
            }
            out.add(x.getAsString());
        }
        return out;
    }
}
