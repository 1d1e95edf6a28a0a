package io.matterhorn.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.surrogate.Surrogate;
import java.util.ArrayList;
import java.util.List;

/**
 * The constructor settings of one module in an architecture description: a JSON object of named numbers,
 * booleans, strings, integer arrays, surrogates and nested module descriptions. A {@link ModuleCodec} writes it with
 * the {@code put} methods and reads it back with the {@code get} methods, which fail with a message naming the
 * module's path and the setting when a value is missing or of the wrong kind.
 *
 * <p>Not thread-safe; one instance per module and call.
 */
public final class ModuleConfig {
    private final JsonObject json;
    private final String path;

    ModuleConfig(JsonObject json, String path) {
        this.json = json;
        this.path = path;
    }

    JsonObject json() {
        return json;
    }

    /** @return the module's path in the model, e.g. {@code model.3.module}, for messages */
    public String path() {
        return path;
    }

    /**
     * @param key setting name
     * @return whether it is present
     */
    public boolean has(String key) {
        return json.has(key) && !json.get(key).isJsonNull();
    }

    // ------------------------------------------------------------------ writing

    /**
     * @param key setting name
     * @param v value
     * @return this
     */
    public ModuleConfig put(String key, long v) {
        json.addProperty(key, v);
        return this;
    }

    /**
     * @param key name
     * @param v value; non-finite values are written as the strings "NaN", "Infinity", "-Infinity"
     * @return this
     */
    public ModuleConfig put(String key, double v) {
        if (Double.isFinite(v)) {
            json.addProperty(key, v);
        } else {
            json.addProperty(key, Double.toString(v));
        }
        return this;
    }

    /**
     * @param key setting name
     * @param v value
     * @return this
     */
    public ModuleConfig put(String key, boolean v) {
        json.addProperty(key, v);
        return this;
    }

    /**
     * @param key setting name
     * @param v value, not null
     * @return this
     */
    public ModuleConfig put(String key, String v) {
        json.addProperty(key, v);
        return this;
    }

    /**
     * @param key setting name
     * @param v values
     * @return this
     */
    public ModuleConfig put(String key, int[] v) {
        JsonArray a = new JsonArray();
        for (int x : v) {
            a.add(x);
        }
        json.add(key, a);
        return this;
    }

    /**
     * @param key setting name
     * @param v values
     * @return this
     */
    public ModuleConfig put(String key, long[] v) {
        JsonArray a = new JsonArray();
        for (long x : v) {
            a.add(x);
        }
        json.add(key, a);
        return this;
    }

    /**
     * @param key setting name
     * @param v strings, none null
     * @return this
     */
    public ModuleConfig put(String key, List<String> v) {
        JsonArray a = new JsonArray();
        for (String x : v) {
            a.add(x);
        }
        json.add(key, a);
        return this;
    }

    /**
     * @param key name
     * @param s a surrogate of a registered class (see {@link Surrogates})
     * @return this
     * @throws UndescribableModuleException when its class has no registered factory
     */
    public ModuleConfig putSurrogate(String key, Surrogate s) {
        json.add(key, Surrogates.describe(s, path + "." + key));
        return this;
    }

    /**
     * @param key name
     * @param m a module, described recursively (with its own step mode)
     * @return this
     */
    public ModuleConfig putModule(String key, Module m) {
        json.add(key, Architecture.describeNode(m, path + "." + key));
        return this;
    }

    /**
     * @param key name
     * @param modules modules, described recursively in this order
     * @return this
     */
    public ModuleConfig putModules(String key, List<Module> modules) {
        JsonArray a = new JsonArray();
        for (int i = 0; i < modules.size(); i++) {
            a.add(Architecture.describeNode(modules.get(i), path + "." + i));
        }
        json.add(key, a);
        return this;
    }

    // ------------------------------------------------------------------ reading

    private JsonElement require(String key) {
        JsonElement e = json.get(key);
        if (e == null || e.isJsonNull()) {
            throw bad(key, "is missing");
        }
        return e;
    }

    private IllegalArgumentException bad(String key, String problem) {
        return new IllegalArgumentException("architecture of " + path + ": setting '" + key + "' " + problem);
    }

    private JsonPrimitive number(String key) {
        JsonElement e = require(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw bad(key, "must be a number, got " + e);
        }
        return e.getAsJsonPrimitive();
    }

    /**
     * @param key setting name
     * @return the value, an integer in int range
     * @throws IllegalArgumentException when the setting is missing or of the wrong kind
     */
    public int getInt(String key) {
        long v = getLong(key);
        if (v != (int) v) {
            throw bad(key, "is out of int range: " + v);
        }
        return (int) v;
    }

    /**
     * @param key setting name
     * @return the value, an integer
     * @throws IllegalArgumentException when the setting is missing or of the wrong kind
     */
    public long getLong(String key) {
        try {
            return number(key).getAsBigDecimal().longValueExact();
        } catch (ArithmeticException e) {
            throw bad(key, "must be an integer, got " + json.get(key));
        }
    }

    /**
     * @param key setting name
     * @return the value (a number, or "NaN", "Infinity", "-Infinity")
     * @throws IllegalArgumentException when the setting is missing or of the wrong kind
     */
    public double getDouble(String key) {
        JsonElement e = require(key);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            switch (e.getAsString()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    throw bad(key, "must be a number, got " + e);
            }
        }
        return number(key).getAsDouble();
    }

    /**
     * @param key setting name
     * @return the value
     * @throws IllegalArgumentException when the setting is missing or of the wrong kind
     */
    public boolean getBoolean(String key) {
        JsonElement e = require(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw bad(key, "must be true or false, got " + e);
        }
        return e.getAsBoolean();
    }

    /**
     * @param key setting name
     * @return the value
     * @throws IllegalArgumentException when the setting is missing or of the wrong kind
     */
    public String getString(String key) {
        JsonElement e = require(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw bad(key, "must be a string, got " + e);
        }
        return e.getAsString();
    }

    /**
     * @param key setting name
     * @return the values, each in int range
     * @throws IllegalArgumentException when the setting is missing or of the wrong kind
     */
    public int[] getInts(String key) {
        long[] v = getLongs(key);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != (int) v[i]) {
                throw bad(key, "entry " + i + " is out of int range: " + v[i]);
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    /**
     * @param key setting name
     * @return the values
     * @throws IllegalArgumentException when the setting is missing or of the wrong kind
     */
    public long[] getLongs(String key) {
        JsonElement e = require(key);
        if (!e.isJsonArray()) {
            throw bad(key, "must be an array of integers, got " + e);
        }
        JsonArray a = e.getAsJsonArray();
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement x = a.get(i);
            try {
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                    throw new ArithmeticException();
                }
                out[i] = x.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException ex) {
                throw bad(key, "entry " + i + " must be an integer, got " + x);
            }
        }
        return out;
    }

    /**
     * @param key setting name
     * @return the strings
     * @throws IllegalArgumentException when the setting is missing or not an array of strings
     */
    public List<String> getStrings(String key) {
        JsonElement e = require(key);
        if (!e.isJsonArray()) {
            throw bad(key, "must be an array of strings, got " + e);
        }
        List<String> out = new ArrayList<>();
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            JsonElement x = a.get(i);
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                throw bad(key, "entry " + i + " must be a string, got " + x);
            }
            out.add(x.getAsString());
        }
        return out;
    }

    /**
     * @param key setting name
     * @return the surrogate, rebuilt by its registered factory
     * @throws IllegalArgumentException when the setting is missing or of the wrong kind
     */
    public Surrogate getSurrogate(String key) {
        JsonElement e = require(key);
        if (!e.isJsonObject()) {
            throw bad(key, "must be a surrogate object, got " + e);
        }
        return Surrogates.build(e.getAsJsonObject(), path + "." + key);
    }

    /**
     * @param key setting name
     * @return the module, rebuilt recursively (with its recorded step mode)
     * @throws IllegalArgumentException when the setting is missing or of the wrong kind
     */
    public Module getModule(String key) {
        JsonElement e = require(key);
        return Architecture.buildNode(e, path + "." + key);
    }

    /**
     * @param key setting name
     * @return the modules, rebuilt recursively in order
     * @throws IllegalArgumentException when the setting is missing or of the wrong kind
     */
    public List<Module> getModules(String key) {
        JsonElement e = require(key);
        if (!e.isJsonArray()) {
            throw bad(key, "must be an array of modules, got " + e);
        }
        List<Module> out = new ArrayList<>();
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            out.add(Architecture.buildNode(a.get(i), path + "." + i));
        }
        return out;
    }
}
