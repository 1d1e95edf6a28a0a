package io.matterhorn.plot;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The curve that shows what a spiking network gives a real-time application: the accuracy of the running decision
 * against the time since the input started (for example a streamed recording's elapsed milliseconds). Stateless.
 */
public final class AccuracyOverTime {
    private AccuracyOverTime() {
    }

    /**
     * Writes the curve as a PNG.
     *
     * @param time x values (e.g. milliseconds since the recording started), ascending
     * @param accuracyPercent accuracy of the decision at each time, in percent, same length
     * @param xTitle title of the time axis
     * @param file the PNG to write
     * @param title the chart's title
     * @return {@code file}
     * @throws IllegalArgumentException when the arrays are empty or differ in length
     * @throws IOException if the file cannot be written
     */
    public static Path write(double[] time, double[] accuracyPercent, String xTitle, Path file, String title)
            throws IOException {
        if (time == null || accuracyPercent == null || time.length == 0 || time.length != accuracyPercent.length) {
            throw new IllegalArgumentException("AccuracyOverTime: time and accuracy must be non-empty and of one "
                    + "length");
        }
        XYChart chart = Charts.xy(640, 420, title, xTitle, "accuracy (%)");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        XYSeries s = chart.addSeries("accuracy", time, accuracyPercent);
        s.setMarker(time.length > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        return Images.png(Images.render(chart), file);
    }
}
