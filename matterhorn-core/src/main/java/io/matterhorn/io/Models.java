package io.matterhorn.io;

import io.matterhorn.runtime.StreamingNetwork;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.StateDictException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whole-model files: a safetensors file whose tensors are the model's state dict (PyTorch names) and whose
 * {@code __metadata__} holds
 *
 * <pre>
 *   format          "matterhorn-model"
 *   format_version  "1"          (files of a newer version are refused with a clear message)
 *   architecture    the JSON of {@link Architecture#describe}
 *   random_state    draw counts of seeded encoders by module path, e.g. {"0": 3}
 *   user.KEY        the caller's own strings
 * </pre>
 *
 * so a program that has only the file can rebuild and run the model ({@link #load}). See docs/persistence.md.
 *
 * <p>Stateless and thread-safe; the model must not run while it is saved or loaded.
 */
public final class Models {
    /** The {@code format} of whole-model files. */
    public static final String FORMAT = "matterhorn-model";
    /** The format version this library writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    static final String USER_PREFIX = "user.";

    private Models() {
    }

    /**
     * @param model a model made of registered module classes
     * @param file destination; replaced atomically
     * @throws UndescribableModuleException naming a module that cannot be described (nothing is written)
     * @throws IOException when writing fails
     */
    public static void save(Module model, Path file) throws IOException {
        save(model, file, Map.of());
    }

    /**
     * @param model a model made of registered module classes
     * @param file destination; replaced atomically
     * @param userMetadata strings stored as {@code user.KEY}
     * @throws UndescribableModuleException naming a module that cannot be described (nothing is written)
     * @throws IOException when writing fails
     */
    public static void save(Module model, Path file, Map<String, String> userMetadata) throws IOException {
        Map<String, String> meta = header(FORMAT, model, userMetadata);
        SafeTensors.write(model.stateDict(), meta, file);
    }

    /**
     * Compiles a model in memory for streaming inference, as {@code StreamingNetwork.load} would compile its saved
     * file (the model is described and its state dict copied; later changes to the model do not reach the network).
     *
     * @param model a model made of registered module classes, made of modules the runtime runs
     * @param inputShape the per-sample input shape, e.g. {@code 2, 34, 34}; may be omitted when the first synapse
     *     is a {@code Linear}
     * @return the compiled network
     * @throws UndescribableModuleException naming a module that cannot be described
     * @throws io.matterhorn.format.ModelFormatException naming a module the runtime does not run
     * @throws IOException when the temporary file cannot be written
     */
    public static StreamingNetwork streaming(Module model, int... inputShape) throws IOException {
        Path tmp = Files.createTempFile("matterhorn-stream", ".safetensors");
        try {
            save(model, tmp);
            return StreamingNetwork.load(Files.readAllBytes(tmp), inputShape);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @param file a file written by {@link #save}
     * @return the rebuilt model with the saved parameters and buffers, in training mode and at rest
     * @throws ModelFileException naming the file and the problem (format, version, architecture, state)
     * @throws IOException when it cannot be read
     */
    public static Module load(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.readContents(file);
        checkFormat(file, c.metadata(), FORMAT);
        Module model = rebuild(file, c.metadata());
        loadState(file, model, c.tensors());
        RandomState.restore(file, model, c.metadata().get(RandomState.KEY));
        return model;
    }

    /**
     * @param file a file written by {@link #save}
     * @param type the expected class of the model
     * @param <M> that class
     * @return the rebuilt model
     * @throws ModelFileException also when the model is not of that class
     * @throws IOException when it cannot be read
     */
    public static <M extends Module> M load(Path file, Class<M> type) throws IOException {
        Module m = load(file);
        if (!type.isInstance(m)) {
            throw new ModelFileException(file, "holds a " + m.getClass().getSimpleName() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(m);
    }

    /**
     * Loads the parameters of a whole-model file (or of any safetensors state dict) into an existing model,
     * strictly: the names, shapes and types must match. When the file records an architecture and the model can
     * be described, they must be equal too (apart from parameter values). On any problem the model is unchanged.
     * The random state of seeded encoders is not changed (use {@link #load} or a checkpoint for that).
     *
     * @param model the target
     * @param file the file
     * @throws ModelFileException naming the file and every problem
     * @throws IOException when it cannot be read
     */
    public static void loadInto(Module model, Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.readContents(file);
        String saved = c.metadata().get("architecture");
        if (saved != null) {
            checkVersion(file, c.metadata());
            String mine;
            try {
                mine = Architecture.describe(model);
            } catch (UndescribableModuleException e) {
                mine = null;
            }
            if (mine != null && !sameArchitecture(file, saved, mine)) {
                throw new ModelFileException(file, "architecture differs from the target model's: "
                        + firstDifference(saved, mine));
            }
        }
        loadState(file, model, c.tensors());
    }

    /**
     * @param file a file written by {@link #save}
     * @return its user metadata (without the {@code user.} prefix)
     * @throws IOException when it cannot be read
     */
    public static Map<String, String> userMetadata(Path file) throws IOException {
        return user(SafeTensors.readMetadata(file));
    }

    // ------------------------------------------------------------------ shared with Checkpoint

    static Map<String, String> header(String format, Module model, Map<String, String> userMetadata) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", format);
        meta.put("format_version", Integer.toString(FORMAT_VERSION));
        meta.put("producer", "matterhorn-java");
        meta.put("architecture", Architecture.describe(model));
        meta.put(RandomState.KEY, RandomState.capture(model));
        userMetadata.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("user metadata keys and values must not be null");
            }
            meta.put(USER_PREFIX + k, v);
        });
        return meta;
    }

    static Map<String, String> user(Map<String, String> meta) {
        Map<String, String> out = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith(USER_PREFIX)) {
                out.put(k.substring(USER_PREFIX.length()), v);
            }
        });
        return out;
    }

    static void checkFormat(Path file, Map<String, String> meta, String format) throws ModelFileException {
        String f = meta.get("format");
        if (f == null) {
            throw new ModelFileException(file, "is a plain safetensors file without a recorded architecture "
                    + "(no __metadata__ 'format'); build the model in code and load it with Models.loadInto or "
                    + "Module.loadStateDict(SafeTensors.read(file))");
        }
        if (!f.equals(format)) {
            throw new ModelFileException(file, "is a '" + f + "' file, expected '" + format + "'"
                    + (f.equals(Checkpoint.FORMAT) ? "; read it with Checkpoint.read(file).model()" : ""));
        }
        checkVersion(file, meta);
    }

    private static void checkVersion(Path file, Map<String, String> meta) throws ModelFileException {
        String v = meta.get("format_version");
        int version;
        try {
            version = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, "format_version '" + v + "' is not an integer");
        }
        if (version > FORMAT_VERSION) {
            throw new ModelFileException(file, "format version " + version + " is newer than this library reads ("
                    + FORMAT_VERSION + "); use a newer matterhorn-java");
        }
        if (version < 1) {
            throw new ModelFileException(file, "format version " + version + " is not valid");
        }
    }

    static Module rebuild(Path file, Map<String, String> meta) throws ModelFileException {
        String json = meta.get("architecture");
        if (json == null) {
            throw new ModelFileException(file, "has no 'architecture' in its metadata");
        }
        try {
            return Architecture.build(json);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "cannot rebuild the model: " + e.getMessage(), e);
        }
    }

    static void loadState(Path file, Module model, Map<String, INDArray> state) throws ModelFileException {
        try {
            model.loadStateDict(state);
        } catch (StateDictException e) {
            throw new ModelFileException(file, e.getMessage(), e);
        }
    }

    static boolean sameArchitecture(Path file, String saved, String mine) throws ModelFileException {
        try {
            return Architecture.sameArchitecture(saved, mine);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "recorded architecture is not valid JSON: " + e.getMessage(), e);
        }
    }

    static String firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 60);
        return "file has ..." + a.substring(from, Math.min(a.length(), i + 60)) + "..., model has ..."
                + b.substring(from, Math.min(b.length(), i + 60)) + "...";
    }
}
