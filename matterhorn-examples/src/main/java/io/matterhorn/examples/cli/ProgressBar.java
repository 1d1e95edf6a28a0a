package io.matterhorn.examples.cli;

import java.io.PrintStream;

/**
 * A one-line text progress bar, redrawn in place with a carriage return:
 * {@code epoch 3/20 [#########.........]  45% 14/31 batches  3,912 samples/s}.
 * Redraws at most every 100 ms so it costs nothing measurable.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final int total;
    private final String unit;
    private final long start = System.nanoTime();
    private long lastDraw;

    /**
     * @param out where to draw (usually System.err)
     * @param label text before the bar
     * @param total number of units of work
     */
    public ProgressBar(PrintStream out, String label, int total) {
        this(out, label, total, "batches");
    }

    /**
     * @param out where to draw (usually System.err)
     * @param label text before the bar
     * @param total number of units of work
     * @param unit what a unit is, e.g. {@code "batches"} or {@code "epochs"}
     */
    public ProgressBar(PrintStream out, String label, int total, String unit) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
    }

    /**
     * @param done units finished so far
     * @param samples samples processed so far (for the rate)
     */
    public void update(int done, long samples) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = (int) ((long) WIDTH * done / total);
        double seconds = (now - start) / 1e9;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        out.printf("\r%s [%s] %3d%% %d/%d %s %,8.0f samples/s", label, bar, 100 * done / total, done, total, unit,
                seconds > 0 ? samples / seconds : 0.0);
        out.flush();
    }

    /** Ends the line. */
    public void finish() {
        out.print("\r" + " ".repeat(label.length() + WIDTH + 50) + "\r");
        out.flush();
    }
}
