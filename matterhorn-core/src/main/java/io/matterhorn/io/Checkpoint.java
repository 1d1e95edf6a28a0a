package io.matterhorn.io;

import io.matterhorn.optim.LRScheduler;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training checkpoint in one safetensors file: the model (architecture and state dict), the optimiser's state,
 * the learning-rate schedule's state, the draw counts of the model's seeded encoders, the number of finished
 * epochs and the caller's metadata.
 *
 * <pre>
 *   tensors   model.NAME      the model's state dict
 *             optimizer.NAME  {@link Optimizer#stateDict()}
 *             schedule.NAME   {@link LRScheduler#stateDict()} (when a schedule was saved)
 *   metadata  format "matterhorn-checkpoint", format_version, architecture, random_state, epoch,
 *             optimizer (class name), schedule (class name, when saved), user.KEY
 * </pre>
 *
 * Data loaders need no entry: a seeded loader's order is a function of its seed and the epoch index
 * ({@code BatchLoader.order(epoch)}), and the epoch is saved. Resuming from the checkpoint written after epoch k
 * and training to epoch n gives bit-identical parameters to an uninterrupted run (see CheckpointTest).
 *
 * <p>Instances are immutable and thread-safe; {@link #restore} must not run while the model trains.
 */
public final class Checkpoint {
    /** The {@code format} of checkpoint files. */
    public static final String FORMAT = "matterhorn-checkpoint";
    private static final String MODEL = "model.";
    private static final String OPTIMIZER = "optimizer.";
    private static final String SCHEDULE = "schedule.";

    private final Path file;
    private final Map<String, String> metadata;
    private final Map<String, INDArray> modelState;
    private final Map<String, INDArray> optimizerState;
    private final Map<String, INDArray> scheduleState;
    private final int epoch;

    private Checkpoint(Path file, Map<String, String> metadata, Map<String, INDArray> modelState,
            Map<String, INDArray> optimizerState, Map<String, INDArray> scheduleState, int epoch) {
        this.file = file;
        this.metadata = metadata;
        this.modelState = modelState;
        this.optimizerState = optimizerState;
        this.scheduleState = scheduleState;
        this.epoch = epoch;
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param file destination
     * @param model the model being trained
     * @param optimizer its optimiser
     * @param schedule its learning-rate schedule, or null
     * @param epoch the number of finished epochs, non-negative
     * @param userMetadata strings stored as {@code user.KEY}
     * @throws UndescribableModuleException when the model cannot be described
     * @throws IOException when writing fails (the destination is then unchanged)
     */
    public static void save(Path file, Module model, Optimizer optimizer, LRScheduler schedule, int epoch,
            Map<String, String> userMetadata) throws IOException {
        if (epoch < 0) {
            throw new IllegalArgumentException("Checkpoint: epoch must be non-negative, got " + epoch);
        }
        Map<String, String> meta = Models.header(FORMAT, model, userMetadata);
        meta.put("epoch", Integer.toString(epoch));
        meta.put("optimizer", optimizer.getClass().getSimpleName());
        if (schedule != null) {
            meta.put("schedule", schedule.getClass().getSimpleName());
        }
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put(MODEL + k, v));
        optimizer.stateDict().forEach((k, v) -> tensors.put(OPTIMIZER + k, v));
        if (schedule != null) {
            schedule.stateDict().forEach((k, v) -> tensors.put(SCHEDULE + k, v));
        }
        SafeTensors.write(tensors, meta, file);
    }

    /**
     * Reads a checkpoint (validating its format, version and layout; the model is built by {@link #model()}).
     *
     * @param file a file written by {@link #save}
     * @return the checkpoint
     * @throws ModelFileException naming the file and the problem
     * @throws IOException when it cannot be read
     */
    public static Checkpoint read(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.readContents(file);
        Models.checkFormat(file, c.metadata(), FORMAT);
        int epoch;
        try {
            epoch = Integer.parseInt(c.metadata().getOrDefault("epoch", ""));
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, "epoch '" + c.metadata().get("epoch") + "' is not an integer");
        }
        if (epoch < 0) {
            throw new ModelFileException(file, "epoch " + epoch + " is negative");
        }
        Map<String, INDArray> model = new LinkedHashMap<>();
        Map<String, INDArray> optimizer = new LinkedHashMap<>();
        Map<String, INDArray> schedule = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : c.tensors().entrySet()) {
            String k = e.getKey();
            if (k.startsWith(MODEL)) {
                model.put(k.substring(MODEL.length()), e.getValue());
            } else if (k.startsWith(OPTIMIZER)) {
                optimizer.put(k.substring(OPTIMIZER.length()), e.getValue());
            } else if (k.startsWith(SCHEDULE)) {
                schedule.put(k.substring(SCHEDULE.length()), e.getValue());
            } else {
                throw new ModelFileException(file, "tensor '" + k + "' belongs to no section (model., optimizer., "
                        + "schedule.)");
            }
        }
        if (!c.metadata().containsKey("optimizer") || optimizer.isEmpty()) {
            throw new ModelFileException(file, "has no optimiser state");
        }
        return new Checkpoint(file, c.metadata(), model, optimizer, schedule, epoch);
    }

    /** @return the number of epochs finished when the checkpoint was written */
    public int epoch() {
        return epoch;
    }

    /** @return the caller's metadata (without the {@code user.} prefix) */
    public Map<String, String> userMetadata() {
        return Models.user(metadata);
    }

    /** @return the file this was read from */
    public Path file() {
        return file;
    }

    /**
     * @return a new model rebuilt from the recorded architecture, with the saved parameters, buffers and random
     *     state (build the optimiser over its parameters, then call {@link #restore})
     * @throws ModelFileException when the architecture or state does not fit
     */
    public Module model() throws ModelFileException {
        Module m = Models.rebuild(file, metadata);
        Models.loadState(file, m, modelState);
        RandomState.restore(file, m, metadata.get(RandomState.KEY));
        return m;
    }

    /**
     * Restores the model, optimiser and schedule to the saved state, all or nothing: when any part does not fit
     * (another architecture, another optimiser class or hyperparameters, a missing schedule) the exception names
     * the file and every problem, and all three objects are as before.
     *
     * @param model the model (the one from {@link #model()}, or one of the same architecture)
     * @param optimizer an optimiser of the saved class and settings over {@code model.trainableParameters()}
     * @param schedule the schedule, or null when none was saved
     * @throws ModelFileException naming the file and the problem
     */
    public void restore(Module model, Optimizer optimizer, LRScheduler schedule) throws ModelFileException {
        String optClass = metadata.get("optimizer");
        if (!optimizer.getClass().getSimpleName().equals(optClass)) {
            throw new ModelFileException(file, "holds the state of a " + optClass + " optimiser, not of a "
                    + optimizer.getClass().getSimpleName());
        }
        if ((schedule != null) != metadata.containsKey("schedule")) {
            throw new ModelFileException(file, schedule == null ? "holds a learning-rate schedule; pass one to "
                    + "restore it" : "holds no learning-rate schedule, but one was given");
        }
        String mine;
        try {
            mine = Architecture.describe(model);
        } catch (UndescribableModuleException e) {
            throw new ModelFileException(file, e.getMessage(), e);
        }
        if (!Models.sameArchitecture(file, metadata.get("architecture"), mine)) {
            throw new ModelFileException(file, "the model's architecture differs from the checkpoint's: "
                    + Models.firstDifference(metadata.get("architecture"), mine));
        }
        Map<String, INDArray> modelBackup = model.stateDict();
        Map<String, INDArray> optBackup = optimizer.stateDict();
        Map<String, INDArray> schedBackup = schedule == null ? null : schedule.stateDict();
        String randomBackup = RandomState.capture(model);
        try {
            Models.loadState(file, model, modelState);
            optimizer.loadStateDict(optimizerState);
            if (schedule != null) {
                schedule.loadStateDict(scheduleState);
            }
            RandomState.restore(file, model, metadata.get(RandomState.KEY));
        } catch (ModelFileException | RuntimeException e) {
            model.loadStateDict(modelBackup);
            optimizer.loadStateDict(optBackup);
            if (schedule != null) {
                schedule.loadStateDict(schedBackup);
            }
            RandomState.restore(file, model, randomBackup);
            throw e instanceof ModelFileException m ? m : new ModelFileException(file, e.getMessage(), e);
        }
    }
}
