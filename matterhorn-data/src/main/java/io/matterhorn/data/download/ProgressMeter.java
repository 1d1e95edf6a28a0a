package io.matterhorn.data.download;

import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the progress of a long operation (a download, the processing of a data set).
 *
 * <p>On an interactive terminal ({@link System#console()} present) it redraws one line on standard error, at most
 * every 100 ms: {@code Train.zip [##########..........]  52%  532.1/1022.0 MB  8.4 MB/s}. Otherwise (CI logs,
 * redirected output) it logs through SLF4J at INFO every 10% so logs stay short. Not thread-safe: one thread
 * reports.
 */
public final class ProgressMeter implements AutoCloseable {

    /** What is being counted. */
    public enum Unit {
        /** Bytes, shown in MB. */
        BYTES,
        /** Items (files, samples), shown as counts. */
        ITEMS
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProgressMeter.class);
    private static final int WIDTH = 20;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final Unit unit;
    private final PrintStream terminal;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;
    private int lastLoggedDecile;
    private boolean closed;

    private ProgressMeter(String label, long total, Unit unit, PrintStream terminal) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.terminal = terminal;
    }

    /**
     * Starts reporting, drawing a bar on standard error when a terminal is attached.
     *
     * @param label what is in progress, for example a file name
     * @param total the amount of work, or a negative value if unknown
     * @param unit  what is counted
     * @return the meter
     */
    public static ProgressMeter start(String label, long total, Unit unit) {
        return new ProgressMeter(label, total, unit, System.console() != null ? System.err : null);
    }

    /**
     * Starts reporting to a given stream (or only to the log when {@code terminal} is {@code null}).
     *
     * @param label    what is in progress
     * @param total    the amount of work, or a negative value if unknown
     * @param unit     what is counted
     * @param terminal where to draw the bar, or {@code null} to log instead
     * @return the meter
     */
    public static ProgressMeter start(String label, long total, Unit unit, PrintStream terminal) {
        return new ProgressMeter(label, total, unit, terminal);
    }

    /**
     * Sets the amount of work done so far.
     *
     * @param doneSoFar work done, in the meter's unit
     */
    public void update(long doneSoFar) {
        done = doneSoFar;
        long now = System.nanoTime();
        if (terminal != null) {
            if (now - lastDraw >= REDRAW_NANOS || (total > 0 && done >= total)) {
                lastDraw = now;
                terminal.print("\r" + line(now));
                terminal.flush();
            }
        } else if (total > 0) {
            int decile = (int) Math.min(10, done * 10 / total);
            if (decile > lastLoggedDecile) {
                lastLoggedDecile = decile;
                LOG.info("{}", line(now));
            }
        }
    }

    /**
     * Adds to the amount of work done.
     *
     * @param delta additional work, in the meter's unit
     */
    public void advance(long delta) {
        update(done + delta);
    }

    /**
     * Returns the work done so far.
     *
     * @return the last value given to {@link #update(long)}
     */
    public long done() {
        return done;
    }

    /** Ends the bar's line (or logs the final state); further calls do nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (terminal != null) {
            terminal.print("\r" + line(System.nanoTime()) + System.lineSeparator());
            terminal.flush();
        } else {
            LOG.info("{} (done)", line(System.nanoTime()));
        }
    }

    /** The text of the bar at time {@code now}. */
    String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        StringBuilder s = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            s.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
            s.append(String.format(Locale.ROOT, "%3d%%  ", (int) Math.min(100, 100 * done / total)));
        }
        if (unit == Unit.BYTES) {
            s.append(String.format(Locale.ROOT, "%.1f", done / 1e6));
            if (total > 0) {
                s.append(String.format(Locale.ROOT, "/%.1f", total / 1e6));
            }
            s.append(String.format(Locale.ROOT, " MB  %.1f MB/s", done / 1e6 / seconds));
        } else {
            s.append(done);
            if (total > 0) {
                s.append('/').append(total);
            }
            s.append(String.format(Locale.ROOT, "  %.0f/s", done / seconds));
        }
        return s.toString();
    }
}
