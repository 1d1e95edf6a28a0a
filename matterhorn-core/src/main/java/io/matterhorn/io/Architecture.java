package io.matterhorn.io;

import io.matterhorn.format.StrictJson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.snn.container.Plain;
import io.matterhorn.tensor.Tensor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Describes a model's architecture as JSON and rebuilds it: every module becomes
 *
 * <pre>
 *   {"type": NAME, "step_mode": "single" | "multi", "config": { constructor settings }}
 * </pre>
 *
 * where NAME selects a {@link ModuleCodec} and the config holds what the codec's {@code build} needs (child modules
 * are nested nodes inside it). The codec is chosen by the module's exact class: a subclass of a built-in needs its
 * own codec. All built-in modules are registered; register your own with {@link #register}, and the functions of
 * {@link Plain#function} with {@link #registerFunction}. Registries are thread-safe.
 */
public final class Architecture {
    private static final Map<Class<?>, Registration<?>> BY_CLASS = new ConcurrentHashMap<>();
    private static final Map<String, Registration<?>> BY_NAME = new ConcurrentHashMap<>();
    private static final Map<String, UnaryOperator<Tensor>> FUNCTIONS = new ConcurrentHashMap<>();

    private record Registration<M extends Module>(String name, Class<M> type, ModuleCodec<M> codec) {
    }

    static {
        BuiltinCodecs.registerAll();
    }

    private Architecture() {
    }

    /**
     * Registers a codec for a module class.
     *
     * @param name the stored type name, unique
     * @param type the exact module class
     * @param codec describes and rebuilds it
     * @param <M> the class
     * @throws IllegalArgumentException when the name or class is registered already for something else
     */
    public static synchronized <M extends Module> void register(String name, Class<M> type, ModuleCodec<M> codec) {
        if (name == null || name.isEmpty() || type == null || codec == null) {
            throw new IllegalArgumentException("Architecture.register: name, type and codec must be given");
        }
        Registration<?> byName = BY_NAME.get(name);
        Registration<?> byClass = BY_CLASS.get(type);
        if (byName != null && byName.type() != type || byClass != null && !byClass.name().equals(name)) {
            throw new IllegalArgumentException("Architecture.register: '" + name + "' or " + type.getName()
                    + " is registered already for something else");
        }
        Registration<M> r = new Registration<>(name, type, codec);
        BY_NAME.put(name, r);
        BY_CLASS.put(type, r);
    }

    /**
     * Registers the function of a {@link Plain#function} wrapper under its name, so models containing it can be
     * saved and loaded (the name stands for the function: register the same function in the loading program).
     *
     * @param name the name given to {@code Plain.function}
     * @param function the function
     */
    public static void registerFunction(String name, UnaryOperator<Tensor> function) {
        if (name == null || name.isEmpty() || function == null) {
            throw new IllegalArgumentException("Architecture.registerFunction: name and function must be given");
        }
        FUNCTIONS.put(name, function);
    }

    static UnaryOperator<Tensor> function(String name) {
        return FUNCTIONS.get(name);
    }

    /**
     * @param model a model built from registered module classes
     * @return its architecture as compact JSON
     * @throws UndescribableModuleException naming the first module that cannot be described
     */
    public static String describe(Module model) {
        return describeNode(model, "model").toString();
    }

    /**
     * @param json an architecture written by {@link #describe}
     * @return a new model of that architecture, with freshly initialised parameters
     * @throws IllegalArgumentException naming the module path and setting when the JSON does not describe a model
     */
    public static Module build(String json) {
        return buildNode(StrictJson.parse(json), "model");
    }

    /**
     * Whether two descriptions describe the same architecture, ignoring the settings that hold parameter values
     * (see {@link ModuleCodec#parameterSettings()}), which change in training.
     *
     * @param a one description
     * @param b another
     * @return whether they are equal apart from parameter-valued settings
     */
    public static boolean sameArchitecture(String a, String b) {
        return strip(StrictJson.parse(a)).equals(strip(StrictJson.parse(b)));
    }

    /** @return a copy of a description without parameter-valued settings, at every depth */
    private static JsonElement strip(JsonElement e) {
        if (e.isJsonArray()) {
            com.google.gson.JsonArray out = new com.google.gson.JsonArray();
            e.getAsJsonArray().forEach(x -> out.add(strip(x)));
            return out;
        }
        if (!e.isJsonObject()) {
            return e;
        }
        JsonObject o = e.getAsJsonObject();
        java.util.Set<String> drop = java.util.Set.of();
        if (o.has("type") && o.has("config") && o.get("type").isJsonPrimitive()) {
            Registration<?> r = BY_NAME.get(o.get("type").getAsString());
            if (r != null) {
                drop = r.codec().parameterSettings();
            }
        }
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> en : o.entrySet()) {
            if (en.getKey().equals("config") && en.getValue().isJsonObject()) {
                JsonObject cfg = new JsonObject();
                for (Map.Entry<String, JsonElement> c : en.getValue().getAsJsonObject().entrySet()) {
                    if (!drop.contains(c.getKey())) {
                        cfg.add(c.getKey(), strip(c.getValue()));
                    }
                }
                out.add("config", cfg);
            } else {
                out.add(en.getKey(), strip(en.getValue()));
            }
        }
        return out;
    }

    static JsonObject describeNode(Module m, String path) {
        if (m == null) {
            throw new IllegalArgumentException("architecture of " + path + ": module is null");
        }
        @SuppressWarnings("unchecked")
        Registration<Module> r = (Registration<Module>) BY_CLASS.get(m.getClass());
        if (r == null) {
            throw new UndescribableModuleException("module " + path + " (" + m.getClass().getName() + ") has no "
                    + "registered codec, so its architecture cannot be saved; register one with "
                    + "Architecture.register(\"" + m.getClass().getSimpleName() + "\", "
                    + m.getClass().getSimpleName() + ".class, codec) before saving and before loading, or save "
                    + "only its state dict (SafeTensors.write(model.stateDict(), file))");
        }
        ModuleConfig config = new ModuleConfig(new JsonObject(), path);
        r.codec().describe(m, config);
        JsonObject node = new JsonObject();
        node.addProperty("type", r.name());
        node.addProperty("step_mode", m.isMultiStep() ? "multi" : "single");
        node.add("config", config.json());
        return node;
    }

    static Module buildNode(JsonElement e, String path) {
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("architecture of " + path + ": a module must be a JSON object, got "
                    + e);
        }
        JsonObject o = e.getAsJsonObject();
        for (String k : o.keySet()) {
            if (!k.equals("type") && !k.equals("step_mode") && !k.equals("config")) {
                throw new IllegalArgumentException("architecture of " + path + ": unknown field '" + k + "'");
            }
        }
        JsonElement type = o.get("type");
        JsonElement mode = o.get("step_mode");
        JsonElement config = o.get("config");
        if (type == null || !type.isJsonPrimitive() || mode == null || !mode.isJsonPrimitive() || config == null
                || !config.isJsonObject()) {
            throw new IllegalArgumentException("architecture of " + path + ": a module needs \"type\", "
                    + "\"step_mode\" and an object \"config\", got " + o);
        }
        Registration<?> r = BY_NAME.get(type.getAsString());
        if (r == null) {
            throw new IllegalArgumentException("architecture of " + path + ": unknown module type '"
                    + type.getAsString() + "'; register its codec with Architecture.register before loading");
        }
        StepMode stepMode;
        switch (mode.getAsString()) {
            case "single":
                stepMode = StepMode.SINGLE;
                break;
            case "multi":
                stepMode = StepMode.MULTI;
                break;
            default:
                throw new IllegalArgumentException("architecture of " + path + ": step_mode must be \"single\" or "
                        + "\"multi\", got " + mode);
        }
        Module m;
        try {
            m = r.codec().build(new ModuleConfig(config.getAsJsonObject(), path));
        } catch (IllegalArgumentException ex) {
            if (ex.getMessage() != null && ex.getMessage().startsWith("architecture of ")) {
                throw ex;
            }
            throw new IllegalArgumentException("architecture of " + path + " (" + r.name() + "): "
                    + ex.getMessage(), ex);
        }
        if (m.stepMode() != stepMode && !m.setStepMode(stepMode)) {
            throw new IllegalArgumentException("architecture of " + path + ": " + r.name() + " does not support "
                    + "step mode " + mode.getAsString());
        }
        return m;
    }
}
