package io.matterhorn.plot;

import io.matterhorn.data.events.PolarityEvents;
import io.matterhorn.data.events.UnitEvents;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;

/**
 * The original's event scatter plots ({@code util/plotter.py}), one panel each:
 * <ul>
 *   <li>{@code yx}: where events happened, x against y (row 0 at the top), from events or from frames
 *       {@code [H, W]}, {@code [P, H, W]} or {@code [T, P, H, W]} (summed over time);</li>
 *   <li>{@code tx}: when each channel fired, time against x (or the unit), from unit spikes, from camera events
 *       (x against time) or from frames {@code [T, L]} / {@code [T, P, L]};</li>
 *   <li>{@code tyx}: the events in space-time, x to the right, t into the depth (an oblique projection), y down,
 *       from frames {@code [T, H, W]} / {@code [T, P, H, W]} or from events.</li>
 * </ul>
 * Colours as the original: ON blue, OFF red, no polarity green, the count of a cell in 8 levels from grey to the
 * full colour, relative to the largest count of its polarity channel (so a sparse polarity stays visible). {@code yx}
 * and {@code tx} are XChart scatter charts; {@code tyx} is drawn directly (XChart has no
 * 3-D charts).
 */
public final class EventPlots {

    private EventPlots() {
    }

    // ------------------------------------------------------------------ yx

    /**
     * Plots camera events in space.
     *
     * @param events the events
     * @param width  sensor columns (events outside are ignored)
     * @param height sensor rows
     * @param file   the PNG to write
     * @param title  the chart title
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path yx(PolarityEvents events, int width, int height, Path file, String title) throws IOException {
        float[] counts = new float[2 * height * width];
        for (int i = 0; i < events.size(); i++) {
            int x = events.x(i);
            int y = events.y(i);
            if (x < width && y < height) {
                counts[events.polarity(i) * height * width + y * width + x]++;
            }
        }
        return yx(counts, new long[] {2, height, width}, file, title);
    }

    /**
     * Plots frames in space (summed over time when the rank is 4).
     *
     * @param frames the values in C order
     * @param shape  {@code [H, W]}, {@code [P, H, W]} or {@code [T, P, H, W]}
     * @param file   the PNG to write
     * @param title  the chart title
     * @return {@code file}
     * @throws IllegalArgumentException if the shape does not fit the data
     * @throws IOException              if the file cannot be written
     */
    public static Path yx(float[] frames, long[] shape, Path file, String title) throws IOException {
        long[] s = shape.length == 2 ? new long[] {1, 1, shape[0], shape[1]}
                : shape.length == 3 ? new long[] {1, shape[0], shape[1], shape[2]} : shape;
        Images.checkShape("EventPlots.yx", frames, s, 4);
        int p = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        int step = p * h * w;
        float[] sum = new float[step];
        for (int t = 0; t < s[0]; t++) {
            for (int i = 0; i < step; i++) {
                sum[i] += frames[t * step + i];
            }
        }
        int size = Math.min(900, Math.max(400, 12 * Math.max(h, w) + 120));
        // markers about 0.7 of the spacing of neighbouring pixels, so neighbours do not merge
        int marker = (int) Math.max(2, Math.min(10, 0.7 * (size - 150) / Math.max(h, w)));
        XYChart chart = Charts.scatter(size, size, title, "x", "y", marker);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisMin(-0.5);
        chart.getStyler().setXAxisMax(w - 0.5);
        chart.getStyler().setYAxisMin(-(h - 0.5));
        chart.getStyler().setYAxisMax(0.5);
        chart.setCustomYAxisTickLabelsFormatter(v -> Long.toString(Math.round(-v)));
        for (int c = 0; c < p; c++) {
            float max = channelMax(sum, c, h * w);
            Color full = Colors.channel(p == 1 ? 0 : c, p);
            addLevels(chart, "p" + c, full, max, (k, xs, ys) -> {
                int n = 0;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        float v = sum[(k[0] * h + y) * w + x];
                        if (v > 0 && level(v, max) == k[1]) {
                            xs[n] = x;
                            ys[n] = -y;
                            n++;
                        }
                    }
                }
                return n;
            }, c, h * w);
        }
        Charts.ensureSeries(chart, 0, 0);
        return Images.png(chart, file);
    }

    // ------------------------------------------------------------------ tx

    /**
     * Plots unit spikes: time against unit.
     *
     * @param events the spikes
     * @param file   the PNG to write
     * @param title  the chart title
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path tx(UnitEvents events, Path file, String title) throws IOException {
        double[] t = new double[events.size()];
        double[] u = new double[events.size()];
        for (int i = 0; i < events.size(); i++) {
            t[i] = events.time(i);
            u[i] = events.unit(i);
        }
        XYChart chart = Charts.scatter(900, 500, title, "t", "unit", 2);
        chart.getStyler().setLegendVisible(false);
        Charts.points(chart, "spikes", t, u, t.length, Colors.MERGED.darker());
        Charts.ensureSeries(chart, 0, 0);
        return Images.png(chart, file);
    }

    /**
     * Plots camera events in time: time against x, ON blue and OFF red.
     *
     * @param events the events
     * @param file   the PNG to write
     * @param title  the chart title
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path tx(PolarityEvents events, Path file, String title) throws IOException {
        int n = events.size();
        double[][] t = new double[2][n];
        double[][] x = new double[2][n];
        int[] m = new int[2];
        for (int i = 0; i < n; i++) {
            int c = events.polarity(i);
            t[c][m[c]] = events.time(i);
            x[c][m[c]] = events.x(i);
            m[c]++;
        }
        XYChart chart = Charts.scatter(900, 500, title, "t", "x", 2);
        Charts.points(chart, "OFF", t[0], x[0], m[0], Colors.OFF);
        Charts.points(chart, "ON", t[1], x[1], m[1], Colors.ON);
        Charts.ensureSeries(chart, 0, 0);
        return Images.png(chart, file);
    }

    /**
     * Plots frames in time.
     *
     * @param frames the values in C order
     * @param shape  {@code [T, L]} or {@code [T, P, L]}
     * @param file   the PNG to write
     * @param title  the chart title
     * @return {@code file}
     * @throws IllegalArgumentException if the shape does not fit the data
     * @throws IOException              if the file cannot be written
     */
    public static Path tx(float[] frames, long[] shape, Path file, String title) throws IOException {
        long[] s = shape.length == 2 ? new long[] {shape[0], 1, shape[1]} : shape;
        Images.checkShape("EventPlots.tx", frames, s, 3);
        int steps = (int) s[0];
        int p = (int) s[1];
        int l = (int) s[2];
        XYChart chart = Charts.scatter(900, 500, title, "t", "x", Math.max(2, Math.min(8, 400 / Math.max(steps, l))));
        chart.getStyler().setLegendVisible(false);
        for (int c = 0; c < p; c++) {
            float mx = 0;
            for (int t = 0; t < steps; t++) {
                for (int x = 0; x < l; x++) {
                    mx = Math.max(mx, frames[(t * p + c) * l + x]);
                }
            }
            float max = mx;
            // the original shifts channel 1 up and channel 0 down by 0.1 so that both stay visible
            double shift = p == 1 ? 0 : c == 1 ? 0.1 : -0.1;
            addLevels(chart, "p" + c, Colors.channel(c, p), max, (k, xs, ys) -> {
                int n = 0;
                for (int t = 0; t < steps; t++) {
                    for (int x = 0; x < l; x++) {
                        float v = frames[(t * p + k[0]) * l + x];
                        if (v > 0 && level(v, max) == k[1]) {
                            xs[n] = t;
                            ys[n] = x + shift;
                            n++;
                        }
                    }
                }
                return n;
            }, c, steps * l);
        }
        Charts.ensureSeries(chart, 0, 0);
        return Images.png(chart, file);
    }

    // ------------------------------------------------------------------ tyx

    /**
     * Plots camera events in space-time, binned into {@code steps} time bins first.
     *
     * @param events the events
     * @param width  sensor columns
     * @param height sensor rows
     * @param steps  number of time bins, {@code >= 1}
     * @param file   the PNG to write
     * @param title  the title
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public static Path tyx(PolarityEvents events, int width, int height, int steps, Path file, String title)
            throws IOException {
        if (steps < 1) {
            throw new IllegalArgumentException("EventPlots.tyx: steps must be >= 1, got " + steps);
        }
        float[] frames = new float[steps * 2 * height * width];
        if (events.size() > 0) {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (int i = 0; i < events.size(); i++) {
                lo = Math.min(lo, events.time(i));
                hi = Math.max(hi, events.time(i));
            }
            for (int i = 0; i < events.size(); i++) {
                int x = events.x(i);
                int y = events.y(i);
                if (x < width && y < height) {
                    int t = (int) ((events.time(i) - lo) * steps / (hi - lo + 1));
                    frames[((t * 2 + events.polarity(i)) * height + y) * width + x]++;
                }
            }
        }
        return tyx(frames, new long[] {steps, 2, height, width}, file, title);
    }

    /**
     * Plots frames in space-time: x to the right, t into the depth, y down; one dot per non-empty cell, drawn from
     * the back to the front.
     *
     * @param frames the values in C order
     * @param shape  {@code [T, H, W]} or {@code [T, P, H, W]}
     * @param file   the PNG to write
     * @param title  the title
     * @return {@code file}
     * @throws IllegalArgumentException if the shape does not fit the data
     * @throws IOException              if the file cannot be written
     */
    public static Path tyx(float[] frames, long[] shape, Path file, String title) throws IOException {
        long[] s = shape.length == 3 ? new long[] {shape[0], 1, shape[1], shape[2]} : shape;
        Images.checkShape("EventPlots.tyx", frames, s, 4);
        int steps = (int) s[0];
        int p = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        double kx = 420.0 / w;
        double ky = 300.0 / h;
        // the time axis runs up and to the right at 30 degrees, 420 pixels long
        double depth = 420.0 / steps;
        double tdx = depth * Math.cos(Math.toRadians(30));
        double tdy = depth * Math.sin(Math.toRadians(30));
        int left = 60;
        int top = 60 + (int) Math.ceil(tdy * steps);
        int width = left + (int) Math.ceil(kx * w + tdx * steps) + 60;
        int height = top + (int) Math.ceil(ky * h) + 60;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title == null ? "" : title, 10, 20);
        // the box: front face (t = 0) and the depth edges
        g.setColor(Color.LIGHT_GRAY);
        g.setStroke(new BasicStroke(1f));
        int fx = left;
        int fy = top;
        int fw = (int) Math.round(kx * w);
        int fh = (int) Math.round(ky * h);
        int bx = (int) Math.round(tdx * steps);
        int by = (int) Math.round(tdy * steps);
        g.drawRect(fx, fy, fw, fh);
        g.drawRect(fx + bx, fy - by, fw, fh);
        g.drawLine(fx, fy, fx + bx, fy - by);
        g.drawLine(fx + fw, fy, fx + fw + bx, fy - by);
        g.drawLine(fx, fy + fh, fx + bx, fy + fh - by);
        g.drawLine(fx + fw, fy + fh, fx + fw + bx, fy + fh - by);
        float[] max = new float[p];
        for (int t = 0; t < steps; t++) {
            for (int c = 0; c < p; c++) {
                for (int i = 0; i < h * w; i++) {
                    max[c] = Math.max(max[c], frames[(t * p + c) * h * w + i]);
                }
            }
        }
        int dot = (int) Math.max(2, Math.min(6, Math.min(kx, ky)));
        for (int t = steps - 1; t >= 0; t--) {
            for (int c = 0; c < p; c++) {
                Color full = Colors.channel(c, p);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        float v = frames[((t * p + c) * h + y) * w + x];
                        if (v <= 0) {
                            continue;
                        }
                        g.setColor(Colors.level(full, v, max[c]));
                        int sx = (int) Math.round(fx + (x + 0.5) * kx + (t + 0.5) * tdx) - dot / 2;
                        int sy = (int) Math.round(fy + (y + 0.5) * ky - (t + 0.5) * tdy) - dot / 2;
                        g.fillOval(sx, sy, dot, dot);
                    }
                }
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("x 0.." + (w - 1), fx + fw / 2 - 20, fy + fh + 20);
        g.drawString("y 0.." + (h - 1), fx - 55, fy + fh / 2);
        g.drawString("t 0.." + (steps - 1), fx + fw + bx / 2 + 8, fy + fh - by / 2);
        g.dispose();
        return Images.png(img, file);
    }

    // ------------------------------------------------------------------ helpers

    /** Fills the points of one channel and level; returns how many. */
    private interface LevelPoints {
        int fill(int[] channelAndLevel, double[] xs, double[] ys);
    }

    private static void addLevels(XYChart chart, String name, Color full, float max, LevelPoints points,
                                  int channel, int capacity) {
        double[] xs = new double[capacity];
        double[] ys = new double[capacity];
        for (int k = 1; k <= Colors.LEVELS; k++) {
            int n = points.fill(new int[] {channel, k}, xs, ys);
            Charts.points(chart, name + " level " + k, xs, ys, n, Colors.level(full, k * max / Colors.LEVELS, max));
        }
    }

    /** The largest value of channel {@code c} of a {@code [P, n]} array. */
    private static float channelMax(float[] counts, int c, int n) {
        float max = 0;
        for (int i = c * n; i < (c + 1) * n; i++) {
            max = Math.max(max, counts[i]);
        }
        return max;
    }

    private static int level(float v, float max) {
        return Math.max(1, Math.min(Colors.LEVELS, (int) Math.ceil(Colors.LEVELS * v / max)));
    }

}
