package io.matterhorn.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.matterhorn.snn.surrogate.Gaussian;
import io.matterhorn.snn.surrogate.Polynomial;
import io.matterhorn.snn.surrogate.Rectangular;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.snn.surrogate.Surrogate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleFunction;

/**
 * Name-to-factory registry of surrogates for architecture descriptions: a surrogate is stored as
 * {@code {"type": NAME, "a": a}} and rebuilt by the factory registered under NAME. The four built-ins are registered
 * under their 1.0.1 class names (Rectangular, Polynomial, Sigmoid, Gaussian). Thread-safe.
 */
public final class Surrogates {
    private static final Map<String, DoubleFunction<? extends Surrogate>> FACTORIES = new ConcurrentHashMap<>();
    private static final Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();
    private static final Map<String, Class<?>> TYPES = new ConcurrentHashMap<>();

    static {
        register("Rectangular", Rectangular.class, Rectangular::new);
        register("Polynomial", Polynomial.class, Polynomial::new);
        register("Sigmoid", Sigmoid.class, Sigmoid::new);
        register("Gaussian", Gaussian.class, Gaussian::new);
    }

    private Surrogates() {
    }

    /**
     * Registers a surrogate class whose behaviour is fully given by its {@link Surrogate#a()}.
     *
     * @param name stored name, unique
     * @param type the class
     * @param factory makes an instance from {@code a}
     * @param <S> the class
     * @throws IllegalArgumentException when the name or class is registered already for something else
     */
    public static synchronized <S extends Surrogate> void register(String name, Class<S> type,
            DoubleFunction<S> factory) {
        if (name == null || name.isEmpty() || type == null || factory == null) {
            throw new IllegalArgumentException("Surrogates.register: name, type and factory must be given");
        }
        String oldName = NAMES.get(type);
        Class<?> oldType = TYPES.get(name);
        if (oldName != null && !oldName.equals(name) || oldType != null && oldType != type) {
            throw new IllegalArgumentException("Surrogates.register: '" + name + "' or " + type.getName()
                    + " is registered already for something else");
        }
        TYPES.put(name, type);
        NAMES.put(type, name);
        FACTORIES.put(name, factory);
    }

    static JsonObject describe(Surrogate s, String path) {
        if (s == null) {
            throw new IllegalArgumentException("architecture of " + path + ": surrogate is null");
        }
        String name = NAMES.get(s.getClass());
        if (name == null) {
            throw new UndescribableModuleException("surrogate " + s.getClass().getName() + " at " + path
                    + " has no registered factory; register one with Surrogates.register(\"Name\", "
                    + s.getClass().getSimpleName() + ".class, a -> new " + s.getClass().getSimpleName()
                    + "(a)) before saving and before loading");
        }
        JsonObject o = new JsonObject();
        o.addProperty("type", name);
        o.addProperty("a", s.a());
        return o;
    }

    static Surrogate build(JsonObject o, String path) {
        JsonElement type = o.get("type");
        JsonElement a = o.get("a");
        if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString() || a == null
                || !a.isJsonPrimitive() || !a.getAsJsonPrimitive().isNumber() || o.size() != 2) {
            throw new IllegalArgumentException("architecture of " + path + ": a surrogate must be "
                    + "{\"type\": NAME, \"a\": number}, got " + o);
        }
        DoubleFunction<? extends Surrogate> f = FACTORIES.get(type.getAsString());
        if (f == null) {
            throw new IllegalArgumentException("architecture of " + path + ": unknown surrogate '"
                    + type.getAsString() + "'; register its factory with Surrogates.register before loading");
        }
        return f.apply(a.getAsDouble());
    }
}
