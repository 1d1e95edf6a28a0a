package io.matterhorn.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A heat map of per-neuron values (firing rates from {@link io.matterhorn.snn.monitor.Monitor#firingRates}) laid
 * out as {@code rows x cols} cells, row 0 at the top, with a colour bar from the minimum to the maximum. Drawn
 * directly (each neuron is one square cell, which a chart library would only approximate).
 */
public final class FiringRateMap {

    private FiringRateMap() {
    }

    /**
     * Writes the heat map.
     *
     * @param values one value per neuron, {@code rows * cols} of them in row-major order
     * @param rows   rows of the layout, {@code >= 1}
     * @param cols   columns of the layout, {@code >= 1}
     * @param file   the PNG to write
     * @param title  the title drawn above the map
     * @return {@code file}
     * @throws IllegalArgumentException if {@code values.length != rows * cols}
     * @throws IOException              if the file cannot be written
     */
    public static Path write(float[] values, int rows, int cols, Path file, String title) throws IOException {
        if (rows < 1 || cols < 1 || (long) rows * cols != values.length) {
            throw new IllegalArgumentException("FiringRateMap: " + values.length + " values do not fill " + rows
                    + " x " + cols + " cells");
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int cell = Math.max(4, Math.min(40, 600 / Math.max(rows, cols)));
        int top = 40;
        int left = 20;
        int barWidth = 20;
        int width = left + cols * cell + 30 + barWidth + 80;
        int height = top + rows * cell + 30;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title == null ? "" : title, left, 24);
        double span = max > min ? max - min : 1;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                g.setColor(Colors.heat((values[r * cols + c] - min) / span));
                g.fillRect(left + c * cell, top + r * cell, cell, cell);
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(left - 1, top - 1, cols * cell + 1, rows * cell + 1);
        int bx = left + cols * cell + 30;
        int bh = rows * cell;
        for (int k = 0; k < bh; k++) {
            g.setColor(Colors.heat(1 - k / (double) Math.max(1, bh - 1)));
            g.drawLine(bx, top + k, bx + barWidth, top + k);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format("%.3g", max), bx + barWidth + 5, top + 10);
        g.drawString(String.format("%.3g", min), bx + barWidth + 5, top + bh);
        g.dispose();
        return Images.png(img, file);
    }
}
