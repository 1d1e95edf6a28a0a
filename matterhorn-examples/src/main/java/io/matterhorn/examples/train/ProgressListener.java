package io.matterhorn.examples.train;

import io.matterhorn.examples.cli.ProgressBar;
import io.matterhorn.train.TrainingListener;
import java.io.PrintStream;

/**
 * Draws a {@link ProgressBar} ({@code epoch 3/20 [####....] ...}) for every training epoch of a
 * {@link io.matterhorn.train.Trainer}; the bar is cleared after the epoch's last batch. Not thread-safe.
 */
public final class ProgressListener implements TrainingListener {
    private final PrintStream out;
    private final String label;
    private final int epochs;
    private ProgressBar bar;
    private int total;

    /**
     * @param out where to draw (usually System.err)
     * @param epochs the number of epochs shown in the label
     */
    public ProgressListener(PrintStream out, int epochs) {
        this(out, "epoch", epochs);
    }

    /**
     * @param out where to draw (usually System.err)
     * @param label the word before the epoch number, e.g. {@code "LSNN epoch"}
     * @param epochs the number of epochs shown in the label
     */
    public ProgressListener(PrintStream out, String label, int epochs) {
        if (out == null || label == null) {
            throw new IllegalArgumentException("ProgressListener: out and label must not be null");
        }
        this.out = out;
        this.label = label;
        this.epochs = epochs;
    }

    @Override
    public void epochStarted(int epoch, int batches) {
        total = batches;
        bar = new ProgressBar(out, String.format("%s %d/%d", label, epoch, epochs), batches);
    }

    @Override
    public void batchFinished(int epoch, int batch, long samples, double loss) {
        bar.update(batch, samples);
        if (batch == total) {
            bar.finish();
        }
    }
}
