package io.matterhorn.examples.train;

import io.matterhorn.io.Checkpoint;
import io.matterhorn.io.Models;
import io.matterhorn.optim.LRScheduler;
import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import io.matterhorn.train.EpochResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a training example saves and resumes: a whole-model file ({@code --save}), a checkpoint
 * ({@code --checkpoint}) and a checkpoint to resume from ({@code --resume}). Both files are rewritten atomically
 * after every epoch, so an interrupted run keeps the last finished epoch. Any of them may be null.
 *
 * @param saveModel whole-model file written after every epoch, or null
 * @param checkpoint checkpoint written after every epoch, or null
 * @param resume checkpoint to resume from, or null
 */
public record Persistence(Path saveModel, Path checkpoint, Path resume) {
    /** Nothing saved, nothing resumed. */
    public static final Persistence NONE = new Persistence(null, null, null);

    /**
     * Writes the files for a finished epoch.
     *
     * @param model the model
     * @param optimizer its optimiser
     * @param schedule its schedule
     * @param epoch the number of finished epochs
     * @param report the epoch's figures (stored as metadata)
     * @param out where to say what was written
     * @throws IOException when writing fails
     */
    public void afterEpoch(Module model, Optimizer optimizer, LRScheduler schedule, int epoch,
            EpochResult report, PrintStream out) throws IOException {
        Map<String, String> meta = Map.of("epoch", Integer.toString(epoch), "test_accuracy",
                String.format(Locale.ROOT, "%.6f", report.testAccuracy()), "loss",
                String.format(Locale.ROOT, "%.6f", report.loss()));
        if (saveModel != null) {
            Models.save(model, saveModel, meta);
        }
        if (checkpoint != null) {
            Checkpoint.save(checkpoint, model, optimizer, schedule, epoch, meta);
        }
    }

    /**
     * Loads a model for evaluation from a whole-model file or a checkpoint.
     *
     * @param file either kind of file
     * @return the model
     * @throws IOException when the file cannot be read or is neither kind
     */
    public static Module loadModel(Path file) throws IOException {
        String format = io.matterhorn.io.SafeTensors.readMetadata(file).get("format");
        if (Checkpoint.FORMAT.equals(format)) {
            return Checkpoint.read(file).model();
        }
        return Models.load(file);
    }
}
