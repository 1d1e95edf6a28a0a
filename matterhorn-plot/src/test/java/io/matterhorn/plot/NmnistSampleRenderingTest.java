package io.matterhorn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.matterhorn.data.events.FrameBinner;
import io.matterhorn.data.events.FrameSpec;
import io.matterhorn.data.events.NmnistBinReader;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.TimeBinning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Renders the real N-MNIST recording of the project's shared material, when it is there (it may not be committed:
 * see its README), as yx, tyx and a frame grid; reports itself skipped otherwise. Whether the digit shows was
 * checked by looking at the pictures.
 */
class NmnistSampleRenderingTest {

    /**
     * @return the recording {@code shared/data/nmnist-sample/sample_nmnist.bin} found in the directory named by the
     *     property {@code matterhorn.shared} (its parent folder) or in the working directory or one of its parents;
     *     null when there is none (its licence keeps it out of the repository)
     */
    static Path sample() {
        String prop = System.getProperty("matterhorn.shared");
        if (prop != null) {
            Path p = Path.of(prop, "data/nmnist-sample/sample_nmnist.bin");
            return Files.isRegularFile(p) ? p : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/nmnist-sample/sample_nmnist.bin");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void theRealRecordingRendersAsEventPlots() throws IOException {
        Path file = sample();
        assumeTrue(file != null, "the shared N-MNIST sample is not present");
        PolarityEvents e = NmnistBinReader.DECODER.read(file);
        assertEquals(4325, e.size());
        PlotFiles.read(EventPlots.yx(e, 34, 34, PlotFiles.file("nmnist-yx.png"), "N-MNIST sample: event_plot_yx"));
        // N-MNIST moves the camera in three saccades; each third alone shows a sharp digit
        long t0 = e.time(0);
        long span = e.time(e.size() - 1) + 1 - t0;
        for (int k = 0; k < 3; k++) {
            PolarityEvents third = e.segment(t0 + k * span / 3, t0 + (k + 1) * span / 3);
            PlotFiles.read(EventPlots.yx(third, 34, 34, PlotFiles.file("nmnist-yx-saccade" + (k + 1) + ".png"),
                    "N-MNIST sample, saccade " + (k + 1)));
        }
        PlotFiles.read(EventPlots.tyx(e, 34, 34, 32, PlotFiles.file("nmnist-tyx.png"),
                "N-MNIST sample: event_plot_tyx"));
        FrameSpec spec = new FrameSpec(TimeBinning.stretch(12), true, 34, 34, 34, 34, true);
        float[] frames = FrameBinner.frames(e, spec);
        PlotFiles.read(EventFramePlot.grid(frames, spec.shape(), 12, 6, 6, PlotFiles.file("nmnist-grid.png"),
                "N-MNIST sample: 12 time bins"));
        EventFramePlot.gif(frames, spec.shape(), 12, 8, 150, PlotFiles.file("nmnist.gif"));
        assertTrue(Files.size(PlotFiles.file("nmnist.gif")) > 0);
    }
}
