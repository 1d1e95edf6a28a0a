package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.runtime.StreamingNetwork;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code smnist} command at a tiny size: both networks train, the final lines name their accuracies, the saved
 * recurrent network loads into the streaming runtime; bad sizes are bad arguments.
 */
class SmnistCommandTest {
    @Test
    void tinyRunTrainsBothNetworksAndSavesAStreamableModel(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("smnist.safetensors");
        CliRun run = CliRun.of("smnist", "--epochs", "1", "--baseline-epochs", "1", "--hidden", "16",
                "--max-batches", "2", "--quiet", "--save", model.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("recurrent adaptive LIF, H=16: test accuracy "), run.out());
        assertTrue(run.out().contains("baseline (no recurrence, no adaptation), H=16: test accuracy "), run.out());
        StreamingNetwork net = StreamingNetwork.load(model, 28);
        assertEquals(28, net.inputSize());
        assertEquals(10, net.decodedSize());
    }

    @Test
    void badSizesAreBadArguments() {
        CliRun run = CliRun.of("smnist", "--hidden", "0");
        assertEquals(2, run.code(), run.out() + run.err());
    }
}
