package io.matterhorn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Membrane potentials of chosen neurons over time (from {@link io.matterhorn.snn.monitor.Monitor#membrane}), one
 * line per neuron, with the firing threshold as a dashed line.
 */
public final class MembraneTraces {

    private MembraneTraces() {
    }

    /**
     * Writes the traces of a {@code [T, N]} array.
     *
     * @param potentials the potentials, {@code T * N} values in C order
     * @param steps      {@code T}, {@code >= 1}
     * @param neurons    the neuron indices to draw, each in {@code [0, N)}
     * @param threshold  the threshold drawn as a dashed line, or NaN for none
     * @param file       the PNG to write
     * @param title      the chart title
     * @return {@code file}
     * @throws IllegalArgumentException if the shape does not fit or a neuron index is out of range
     * @throws IOException              if the file cannot be written
     */
    public static Path write(float[] potentials, int steps, int[] neurons, double threshold, Path file,
                             String title) throws IOException {
        if (steps < 1 || potentials.length == 0 || potentials.length % steps != 0) {
            throw new IllegalArgumentException("MembraneTraces: " + potentials.length + " values are not [T = "
                    + steps + ", N]");
        }
        int n = potentials.length / steps;
        if (neurons.length == 0) {
            throw new IllegalArgumentException("MembraneTraces: choose at least one neuron");
        }
        XYChart chart = Charts.xy(900, 450, title, "time step", "membrane potential");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        double[] t = new double[steps];
        for (int k = 0; k < steps; k++) {
            t[k] = k;
        }
        for (int neuron : neurons) {
            if (neuron < 0 || neuron >= n) {
                throw new IllegalArgumentException("MembraneTraces: neuron " + neuron + " outside [0, " + n + ")");
            }
            double[] u = new double[steps];
            for (int k = 0; k < steps; k++) {
                u[k] = potentials[k * n + neuron];
            }
            XYSeries s = chart.addSeries("neuron " + neuron, t, u);
            s.setMarker(SeriesMarkers.NONE);
        }
        if (!Double.isNaN(threshold)) {
            XYSeries th = chart.addSeries("threshold", new double[] {0, steps - 1},
                    new double[] {threshold, threshold});
            th.setMarker(SeriesMarkers.NONE);
            th.setLineColor(Color.GRAY);
            th.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                    new float[] {6, 4}, 0));
        }
        return Images.png(chart, file);
    }

    /**
     * Writes the traces of one sample of a {@code [T, B, ...]} recording.
     *
     * @param potentials {@code [T, N]} or {@code [T, B, ...]} (trailing dimensions flattened)
     * @param sample     the batch entry when the rank is above 2
     * @param neurons    the neuron indices
     * @param threshold  the threshold, or NaN
     * @param file       the PNG to write
     * @param title      the chart title
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path write(INDArray potentials, int sample, int[] neurons, double threshold, Path file,
                             String title) throws IOException {
        INDArray u = potentials;
        if (u.rank() > 2) {
            u = u.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(sample))
                    .reshape(u.size(0), -1);
        }
        return write(Images.values(u), (int) u.size(0), neurons, threshold, file, title);
    }
}
