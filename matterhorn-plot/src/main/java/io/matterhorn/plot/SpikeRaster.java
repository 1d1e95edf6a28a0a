package io.matterhorn.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A spike raster: one dot at {@code (t, n)} for every non-zero entry of a {@code [T, N]} spike array, time on the
 * horizontal axis, neuron index on the vertical axis.
 */
public final class SpikeRaster {

    private SpikeRaster() {
    }

    /**
     * Writes the raster of a {@code [T, N]} array.
     *
     * @param spikes the spikes, {@code T * N} values in C order (non-zero = spike)
     * @param steps  {@code T}, {@code >= 1}
     * @param file   the PNG to write
     * @param title  the chart title (may be empty)
     * @return {@code file}
     * @throws IllegalArgumentException if the array does not hold {@code T * N} values
     * @throws IOException              if the file cannot be written
     */
    public static Path write(float[] spikes, int steps, Path file, String title) throws IOException {
        if (steps < 1 || spikes.length % steps != 0 || spikes.length == 0) {
            throw new IllegalArgumentException("SpikeRaster: " + spikes.length + " values are not [T = " + steps
                    + ", N]");
        }
        int neurons = spikes.length / steps;
        double[] x = new double[spikes.length];
        double[] y = new double[spikes.length];
        int n = 0;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < neurons; i++) {
                if (spikes[t * neurons + i] != 0) {
                    x[n] = t;
                    y[n] = i;
                    n++;
                }
            }
        }
        int height = Math.max(300, Math.min(900, 150 + neurons * 4));
        XYChart chart = Charts.scatter(900, height, title, "time step", "neuron", neurons > 100 ? 2 : 5);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisMin(-0.5);
        chart.getStyler().setXAxisMax(steps - 0.5);
        chart.getStyler().setYAxisMin(-0.5);
        chart.getStyler().setYAxisMax(neurons - 0.5);
        Charts.points(chart, "spikes", x, y, n, Color.BLACK);
        Charts.ensureSeries(chart, 0, 0);
        return Images.png(chart, file);
    }

    /**
     * Writes the raster of a {@code [T, N]} array, or of one sample of a {@code [T, B, N...]} array.
     *
     * @param spikes {@code [T, N]}, or {@code [T, B, ...]} (the trailing dimensions are flattened)
     * @param sample the batch entry to show when the rank is above 2
     * @param file   the PNG to write
     * @param title  the chart title
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path write(INDArray spikes, int sample, Path file, String title) throws IOException {
        INDArray s = spikes;
        if (s.rank() > 2) {
            s = s.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(sample))
                    .reshape(s.size(0), -1);
        }
        if (s.rank() != 2) {
            throw new IllegalArgumentException("SpikeRaster: expected [T, N] or [T, B, ...], got rank "
                    + spikes.rank());
        }
        return write(Images.values(s), (int) s.size(0), file, title);
    }
}
