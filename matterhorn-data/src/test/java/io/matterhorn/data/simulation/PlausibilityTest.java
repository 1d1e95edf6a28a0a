package io.matterhorn.data.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.matterhorn.data.events.NmnistBinReader;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.data.neuromorphic.SimulatedNMNIST;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default simulator against a real N-MNIST recording: the averaged figures of simulated test digits lie within
 * a factor of 1.5 of the real one's.
 *
 * <p>The real figures are those of a test recording of the tonic project (the file is not in this repository, for
 * licence reasons): 4,325 events, 2,145 ON and 2,180
 * OFF, timestamps 654 to 311,175 us, 4,279 non-zero cells of the binary {@code [128, 2, 34, 34]} frames. The
 * non-zero cells at {@code T = 8} (1,779 of 18,496) were counted from the same file with the same binning rule,
 * by a Python/numpy script independent of this code; {@link #realFiguresMatchTheRecordingWhenPresent}
 * re-derives all of them from the file when it is there.
 */
class PlausibilityTest {

    static final double REAL_EVENTS = 4325;
    static final double REAL_ON = 2145;
    static final double REAL_DURATION = 311_175 - 654;
    static final double REAL_DENSITY_8 = 1779.0 / (8 * 2 * 34 * 34);
    static final double REAL_DENSITY_128 = 4279.0 / (128 * 2 * 34 * 34);
    private static final double FACTOR = 1.5;
    private static final int SAMPLES = 60;

    @Test
    void defaultRecordingsAreWithinAFactorOfOnePointFiveOfTheRealOne() {
        MnistDataset digits = MnistDataset.bundled(false);
        DvsSimulator sim = new DvsSimulator(DvsParameters.defaults());
        List<RecordingFigures> figures = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            figures.add(RecordingFigures.of(sim.simulate(digits.image(i), 28, 28,
                    SimulatedNMNIST.TEST_INDEX_OFFSET + i), 34));
        }
        RecordingFigures mean = RecordingFigures.mean(figures);
        within("events", mean.events(), REAL_EVENTS);
        within("ON/OFF ratio", mean.onOffRatio(), REAL_ON / (REAL_EVENTS - REAL_ON));
        within("duration", mean.durationMicros(), REAL_DURATION);
        within("density T=8", mean.density8(), REAL_DENSITY_8);
        within("density T=128", mean.density128(), REAL_DENSITY_128);
    }

    private static void within(String what, double simulated, double real) {
        double ratio = simulated / real;
        assertTrue(ratio >= 1 / FACTOR && ratio <= FACTOR, what + ": simulated " + simulated + ", real " + real
                + ", ratio " + ratio);
    }

    @Test
    void realFiguresMatchTheRecordingWhenPresent() throws IOException {
        Path file = findSample();
        assumeTrue(file != null, "shared/data/nmnist-sample/sample_nmnist.bin not found above the working directory");
        RecordingFigures real = RecordingFigures.of(NmnistBinReader.DECODER.read(file), 34);
        assertEquals(REAL_EVENTS, real.events());
        assertEquals(REAL_ON, real.onEvents());
        assertEquals(REAL_DURATION, real.durationMicros());
        assertEquals(REAL_DENSITY_8, real.density8(), 1e-12);
        assertEquals(REAL_DENSITY_128, real.density128(), 1e-12);
    }

    /** Looks for {@code shared/data/nmnist-sample/sample_nmnist.bin} in the working directory and its parents. */
    static Path findSample() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/nmnist-sample/sample_nmnist.bin");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
