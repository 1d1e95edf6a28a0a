package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.examples.train.Persistence;
import io.matterhorn.io.Checkpoint;
import io.matterhorn.io.Models;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.train.EpochResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Example 1's {@code --save}, {@code --checkpoint}, {@code --resume} and {@code --eval}: a run of 2 epochs resumed
 * after epoch 1 ends with the same weights as an uninterrupted run, and the saved model evaluates to about the
 * accuracy the training run reported.
 */
class MlpPersistenceSmokeTest {
    @TempDir
    Path dir;

    private static MlpConfig config(int epochs) {
        return new MlpConfig(epochs, 100, 8, 64, 5e-3, new Sigmoid(), 7L, null, 4, true);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void resumeSaveAndEvaluate() throws Exception {
        Path whole = dir.resolve("whole.safetensors");
        List<EpochResult> uninterrupted = new MlpExample(config(2), quiet(), new Persistence(whole, null, null)).run();

        Path ckpt = dir.resolve("ckpt.safetensors");
        new MlpExample(config(1), quiet(), new Persistence(null, ckpt, null)).run();
        assertEquals(1, Checkpoint.read(ckpt).epoch());
        Path resumed = dir.resolve("resumed.safetensors");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new MlpExample(config(2), new PrintStream(log, true, StandardCharsets.UTF_8),
                new Persistence(resumed, null, ckpt)).run();
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("resumed from"));

        var a = Models.load(whole).stateDict();
        var b = Models.load(resumed).stateDict();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            INDArray x = a.get(k);
            assertArrayEquals(x.dup('c').data().asFloat(), b.get(k).dup('c').data().asFloat(), 0f, k);
        }
        ByteArrayOutputStream evalOut = new ByteArrayOutputStream();
        double accuracy = MlpExample.evaluateSaved(whole, null, 256,
                new PrintStream(evalOut, true, StandardCharsets.UTF_8));
        // the Poisson encoder draws other random spikes than during training (its draw count moved on), so the
        // accuracy agrees closely but not exactly
        assertEquals(uninterrupted.get(1).testAccuracy(), accuracy, 0.03);
        assertTrue(accuracy > 0.2, "a trained model, not a fresh one: " + accuracy);
        assertTrue(evalOut.toString(StandardCharsets.UTF_8).contains("test accuracy"));
        assertEquals("2", Models.userMetadata(whole).get("epoch"));
    }
}
