package io.matterhorn.plot;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The common look of the XChart charts: white background, no border, small scatter markers. */
final class Charts {

    private Charts() {
    }

    static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title == null ? "" : title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setChartTitleBoxVisible(false);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        // wide tick spacing, so that long labels (timestamps) do not run into each other
        chart.getStyler().setXAxisTickMarkSpacingHint(110);
        return chart;
    }

    static XYChart scatter(int width, int height, String title, String xTitle, String yTitle, int markerSize) {
        XYChart chart = xy(width, height, title, xTitle, yTitle);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(markerSize);
        return chart;
    }

    /** Adds a scatter series, or nothing when it has no points (XChart refuses empty series). */
    static void points(XYChart chart, String name, double[] x, double[] y, int n, Color color) {
        if (n == 0) {
            return;
        }
        XYSeries s = chart.addSeries(name, java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n));
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }

    /** Makes sure a chart has a series, so an empty plot still renders its axes. */
    static void ensureSeries(XYChart chart, double x, double y) {
        if (chart.getSeriesMap().isEmpty()) {
            XYSeries s = chart.addSeries(" ", new double[] {x}, new double[] {y});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(0, 0, 0, 0));
            s.setShowInLegend(false);
        }
    }
}
