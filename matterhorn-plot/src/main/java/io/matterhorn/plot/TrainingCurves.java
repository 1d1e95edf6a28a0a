package io.matterhorn.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves: loss per epoch (left) and training and test accuracy per epoch (right), side by side. The
 * figures come from code ({@link #write(Table, Path, String)}) or from the per-epoch table the examples print
 * ({@link #parse(List)}).
 */
public final class TrainingCurves {

    private TrainingCurves() {
    }

    /**
     * Per-epoch figures.
     *
     * @param epochs        epoch numbers
     * @param loss          mean training loss per epoch
     * @param trainAccuracy training accuracy per epoch, in percent
     * @param testAccuracy  test accuracy per epoch, in percent
     */
    public record Table(int[] epochs, double[] loss, double[] trainAccuracy, double[] testAccuracy) {

        /**
         * Checks that every column has one value per epoch.
         *
         * @param epochs epoch numbers
         * @param loss mean training loss per epoch
         * @param trainAccuracy training accuracy per epoch, in percent
         * @param testAccuracy test accuracy per epoch, in percent
         * @throws IllegalArgumentException if the lengths differ or there is no epoch
         */
        public Table {
            int n = epochs.length;
            if (n == 0 || loss.length != n || trainAccuracy.length != n || testAccuracy.length != n) {
                throw new IllegalArgumentException("TrainingCurves.Table: need one value per epoch in every column, "
                        + "got " + n + " epochs, " + loss.length + " losses, " + trainAccuracy.length + " and "
                        + testAccuracy.length + " accuracies");
            }
        }
    }

    /**
     * Reads the rows of an example's table, {@code epoch | loss | train acc | test acc | ...}, such as
     * {@code "    1 |   0.04386 |    71.50% |    86.20% |    12.31 |       650"}; other lines (headline, model,
     * header) are skipped.
     *
     * @param lines the printed output
     * @return the figures of every row
     * @throws IllegalArgumentException if no row is found
     */
    public static Table parse(List<String> lines) {
        List<double[]> rows = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\\|");
            if (f.length < 4) {
                continue;
            }
            try {
                int epoch = Integer.parseInt(f[0].trim());
                double loss = Double.parseDouble(f[1].trim());
                double train = Double.parseDouble(f[2].trim().replace("%", ""));
                double test = Double.parseDouble(f[3].trim().replace("%", ""));
                rows.add(new double[] {epoch, loss, train, test});
            } catch (NumberFormatException e) {
                // a header or another line
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("TrainingCurves.parse: no 'epoch | loss | train acc | test acc' rows");
        }
        int n = rows.size();
        int[] epochs = new int[n];
        double[] loss = new double[n];
        double[] train = new double[n];
        double[] test = new double[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = (int) rows.get(i)[0];
            loss[i] = rows.get(i)[1];
            train[i] = rows.get(i)[2];
            test[i] = rows.get(i)[3];
        }
        return new Table(epochs, loss, train, test);
    }

    /**
     * Writes the curves.
     *
     * @param table the figures
     * @param file  the PNG to write
     * @param title a title over both charts
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path write(Table table, Path file, String title) throws IOException {
        double[] x = new double[table.epochs().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = table.epochs()[i];
        }
        String prefix = title == null || title.isEmpty() ? "" : title + ": ";
        XYChart loss = Charts.xy(600, 420, prefix + "training loss", "epoch", "loss");
        loss.getStyler().setLegendVisible(false);
        line(loss, "loss", x, table.loss());
        XYChart acc = Charts.xy(600, 420, prefix + "accuracy", "epoch", "accuracy (%)");
        acc.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        line(acc, "train", x, table.trainAccuracy());
        line(acc, "test", x, table.testAccuracy());
        BufferedImage left = Images.render(loss);
        BufferedImage right = Images.render(acc);
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(),
                Math.max(left.getHeight(), right.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        return Images.png(both, file);
    }

    private static void line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(x.length > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    }
}
