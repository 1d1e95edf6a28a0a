package io.matterhorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.events.Aedat2Reader;
import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.mnist.MnistDataset;
import io.matterhorn.examples.events.SyntheticNmnist;
import io.matterhorn.examples.mlp.MlpConfig;
import io.matterhorn.examples.mlp.MlpExample;
import io.matterhorn.examples.plots.MlpPlots;
import io.matterhorn.examples.plots.ShowEvents;
import io.matterhorn.snn.surrogate.Sigmoid;
import io.matterhorn.train.EpochResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples' pictures: mlp --plot, nmnist --plot and show-events, on small inputs. */
class PlotCommandsSmokeTest {

    private static void assertImage(Path file) throws IOException {
        assertTrue(Files.size(file) > 0, file.toString());
        BufferedImage img = ImageIO.read(file.toFile());
        assertTrue(img != null && img.getWidth() > 50, file.toString());
    }

    @Test
    void mlpPlotsRasterRatesAndCurves(@TempDir Path dir) throws Exception {
        MlpConfig config = new MlpConfig(1, 100, 8, 64, 5e-3, new Sigmoid(), 7L, null, 4, true);
        MlpExample example = new MlpExample(config, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        List<EpochResult> results = example.run();
        List<Path> files = MlpPlots.write(example.model(), MnistDataset.bundled(false), results, dir);
        assertEquals(List.of(dir.resolve("mlp-output-raster.png"), dir.resolve("mlp-hidden-rates.png"),
                dir.resolve("mlp-curves.png")), files);
        for (Path f : files) {
            assertImage(f);
        }
    }

    @Test
    void nmnistPlotsASampleBeforeTraining(@TempDir Path dir) throws Exception {
        SyntheticNmnist.write(dir, true, 8, 300, 1);
        SyntheticNmnist.write(dir, false, 4, 300, 2);
        Path plots = dir.resolve("plots");
        CliRun run = CliRun.of("nmnist", "--data", dir.toString(), "--epochs", "1", "--time-steps", "8",
                "--batch", "4", "--max-batches", "1", "--max-test-batches", "1", "--quiet", "--plot",
                plots.toString());
        assertEquals(0, run.code(), run.err());
        assertImage(plots.resolve("nmnist-sample-grid.png"));
        assertTrue(Files.size(plots.resolve("nmnist-sample.gif")) > 0);
        assertTrue(run.out().contains("nmnist-sample-grid.png"), run.out());
        assertTrue(run.out().contains("test accuracy after epoch 1: "), "--quiet still prints the result");
    }

    @Test
    void showEventsPlotsAnAedatRecording(@TempDir Path dir) throws Exception {
        int n = 500;
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = 100L * i;
            x[i] = 20 + (i % 80);
            y[i] = 30 + (i * 7) % 60;
            p[i] = i % 2;
        }
        Path rec = Files.write(dir.resolve("wave.aedat"), Aedat2Reader.encodeDvs128(PolarityEvents.of(t, x, y, p)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Path> files = ShowEvents.run(rec, dir.resolve("o"), 6, 0, new PrintStream(out, true,
                StandardCharsets.UTF_8));
        assertEquals(4, files.size());
        for (Path f : files.subList(0, 3)) {
            assertImage(f);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("wave-yx.png"));
        // an SHD file (the data module's test fixture) gives a tx plot of the chosen sample
        Path shd = Path.of("../matterhorn-data/src/test/resources/fixtures/shd/shd_test.h5");
        List<Path> tx = ShowEvents.run(shd, dir.resolve("o"), 12, 1, new PrintStream(out, true,
                StandardCharsets.UTF_8));
        assertEquals(List.of(dir.resolve("o").resolve("shd_test-1-tx.png")), tx);
        assertImage(tx.get(0));
        Files.writeString(dir.resolve("x.txt"), "not a recording");
        assertThrows(IllegalArgumentException.class, () -> ShowEvents.run(dir.resolve("x.txt"), dir, 12, 0,
                System.out));
        assertEquals(2, CliRun.of("show-events").code(), "FILE is required");
        CliRun missing = CliRun.of("show-events", dir.resolve("absent.bin").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("error: ") && missing.err().contains("absent.bin"), missing.err());
    }
}
