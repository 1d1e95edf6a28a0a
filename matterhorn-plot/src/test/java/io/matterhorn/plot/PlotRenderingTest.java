package io.matterhorn.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.monitor.Monitor;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.Linear;
import io.matterhorn.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Every plot type renders headless into a readable file with the expected marks. */
class PlotRenderingTest {

    /** A ring of ON events and a bar of OFF events on a 20x20 sensor over 1000 time units. */
    static PolarityEvents ringAndBar() {
        int n = 200;
        long[] t = new long[n];
        int[] x = new int[n];
        int[] y = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 5L;
            if (i % 2 == 0) {
                double a = i * 2 * Math.PI / 100;
                x[i] = (int) Math.round(10 + 7 * Math.cos(a));
                y[i] = (int) Math.round(10 + 7 * Math.sin(a));
                p[i] = 1;
            } else {
                x[i] = 3 + (i / 2) % 14;
                y[i] = 2;
                p[i] = 0;
            }
        }
        return PolarityEvents.of(t, x, y, p);
    }

    @Test
    void spikeRasterAndMembraneTracesFromAMonitoredNetwork() throws IOException {
        Monitor m = new Monitor();
        Random init = new Random(4);
        Sequential net = new Sequential(new Linear(8, 20, true, false, init),
                m.output("spikes", m.membrane("u", new LIF())));
        Nd4j.getRandom().setSeed(5);
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 40, 2, 8).muli(6));
        net.forward(x);
        Path raster = SpikeRaster.write(m.sequence("spikes"), 0, PlotFiles.file("raster.png"),
                "output spikes, sample 0");
        BufferedImage img = PlotFiles.read(raster);
        assertEquals(900, img.getWidth());
        int spikes = m.sequence("spikes").slice(0, 1).sumNumber().intValue();
        assertTrue(spikes > 0, "the network spiked");
        assertTrue(PlotFiles.count(img, 0x000000, 40) > spikes, "raster has dots");
        PlotFiles.read(MembraneTraces.write(m.sequence("u"), 0, new int[] {0, 1, 2}, 1.0, PlotFiles.file(
                "membrane.png"), "hidden LIF potentials"));
        float[] rates = m.firingRates("spikes");
        PlotFiles.read(FiringRateMap.write(rates, 4, 5, PlotFiles.file("rates.png"), "firing rates"));
        assertThrows(IllegalArgumentException.class, () -> FiringRateMap.write(rates, 4, 6, PlotFiles.file("x.png"),
                ""));
    }

    @Test
    void rasterOfAHandMadeArrayHasADotPerSpike() throws IOException {
        float[] s = new float[10 * 4];
        s[0] = 1;         // t 0, n 0
        s[3 * 4 + 2] = 1; // t 3, n 2
        s[9 * 4 + 3] = 1; // t 9, n 3
        BufferedImage img = PlotFiles.read(SpikeRaster.write(s, 10, PlotFiles.file("raster-small.png"), "3 spikes"));
        int dark = PlotFiles.count(img, 0x000000, 30);
        BufferedImage empty = PlotFiles.read(SpikeRaster.write(new float[40], 10, PlotFiles.file("raster-empty.png"),
                "3 spikes"));
        assertTrue(dark > PlotFiles.count(empty, 0x000000, 30) + 3 * 10, "three visible dots");
    }

    @Test
    void eventFrameGridShowsOnBlueAndOffRed() throws IOException {
        // [T=4, P=2, H=3, W=3]: one ON event at (t0, y1, x1), one OFF event at (t3, y2, x0)
        float[] f = new float[4 * 2 * 9];
        f[(0 * 2 + 1) * 9 + 1 * 3 + 1] = 1;
        f[(3 * 2 + 0) * 9 + 2 * 3 + 0] = 1;
        BufferedImage img = PlotFiles.read(EventFramePlot.grid(f, new long[] {4, 2, 3, 3}, 4, 4, 10,
                PlotFiles.file("grid-small.png"), "two events"));
        assertEquals(100, PlotFiles.count(img, 0x0000ff, 0));  // one 10x10 blue square
        assertEquals(100, PlotFiles.count(img, 0xff0000, 0));  // one 10x10 red square
        assertThrows(IllegalArgumentException.class, () -> EventFramePlot.grid(f, new long[] {4, 2, 3, 4}, 4, 4, 1,
                PlotFiles.file("x.png"), ""));
    }

    @Test
    void eventFramesAsGridAndAnimatedGif() throws IOException {
        PolarityEvents e = ringAndBar();
        float[] frames = binned(e, 8, 20, 20);
        long[] shape = {8, 2, 20, 20};
        PlotFiles.read(EventFramePlot.grid(frames, shape, 8, 4, 8, PlotFiles.file("grid.png"), "ring and bar"));
        Path gif = EventFramePlot.gif(frames, shape, 8, 8, 200, PlotFiles.file("frames.gif"));
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            assertEquals(8, r.getNumImages(true));
            assertEquals(160, r.read(0).getWidth());
        }
    }

    @Test
    void eventScatterPlotsYxTxTyx() throws IOException {
        PolarityEvents e = ringAndBar();
        BufferedImage yx = PlotFiles.read(EventPlots.yx(e, 20, 20, PlotFiles.file("yx.png"), "event_plot_yx"));
        assertTrue(PlotFiles.count(yx, 0x0000ff, 60) > 50 && PlotFiles.count(yx, 0xff0000, 60) > 50,
                "blue ring and red bar");
        PlotFiles.read(EventPlots.tx(e, PlotFiles.file("tx-events.png"), "event_plot_tx (x against t)"));
        PlotFiles.read(EventPlots.tyx(e, 20, 20, 16, PlotFiles.file("tyx.png"), "event_plot_tyx"));
        float[] frames = binned(e, 8, 20, 20);
        PlotFiles.read(EventPlots.yx(frames, new long[] {8, 2, 20, 20}, PlotFiles.file("yx-frames.png"),
                "yx of frames"));
        long[] t = new long[300];
        int[] u = new int[300];
        for (int i = 0; i < 300; i++) {
            t[i] = i * 3L + (i * 7L) % 5;
            u[i] = (int) (50 + 40 * Math.sin(i / 30.0));
        }
        PlotFiles.read(EventPlots.tx(UnitEvents.of(t, u), PlotFiles.file("tx-units.png"), "unit spikes"));
        float[] tl = new float[16 * 12];
        for (int k = 0; k < 16; k++) {
            tl[k * 12 + (k * 5) % 12] = 1 + k % 3;
        }
        PlotFiles.read(EventPlots.tx(tl, new long[] {16, 12}, PlotFiles.file("tx-frames.png"), "[T, L] frames"));
    }

    @Test
    void trainingCurvesFromAnExampleTable() throws IOException {
        List<String> printed = List.of("Example 1: spiking MLP on MNIST (8000 train / 2000 test digits)",
                "epoch |      loss | train acc |  test acc |  seconds | samples/s",
                "    1 |   0.07386 |    41.50% |    76.20% |    12.31 |       650",
                "    2 |   0.04012 |    80.10% |    86.45% |    11.90 |       672",
                "    3 |   0.03120 |    86.00% |    88.90% |    11.80 |       678");
        TrainingCurves.Table table = TrainingCurves.parse(printed);
        assertEquals(3, table.epochs().length);
        assertEquals(86.45, table.testAccuracy()[1], 1e-9);
        BufferedImage img = PlotFiles.read(TrainingCurves.write(table, PlotFiles.file("curves.png"), "Example 1"));
        assertEquals(1200, img.getWidth());
        assertThrows(IllegalArgumentException.class, () -> TrainingCurves.parse(List.of("nothing")));
    }

    static float[] binned(PolarityEvents e, int steps, int h, int w) {
        float[] f = new float[steps * 2 * h * w];
        long max = e.time(e.size() - 1);
        for (int i = 0; i < e.size(); i++) {
            int t = (int) (e.time(i) * steps / (max + 1));
            f[((t * 2 + e.polarity(i)) * h + e.y(i)) * w + e.x(i)]++;
        }
        return f;
    }

    @Test
    void filesGoWhereAsked() throws IOException {
        Path nested = PlotFiles.file("nested/dir/raster.png");
        Files.deleteIfExists(nested);
        SpikeRaster.write(new float[] {1, 0, 0, 1}, 2, nested, "");
        assertTrue(Files.isRegularFile(nested));
    }
}
