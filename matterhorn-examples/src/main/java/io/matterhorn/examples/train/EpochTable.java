package io.matterhorn.examples.train;

import io.matterhorn.train.EpochResult;
import java.io.PrintStream;

/**
 * The per-epoch table the supervised examples print: epoch, loss, train and test accuracy, seconds, samples/s.
 */
public final class EpochTable {
    private EpochTable() {
    }

    /**
     * Prints the header line.
     *
     * @param out where to print
     */
    public static void header(PrintStream out) {
        out.printf("%5s | %9s | %9s | %9s | %8s | %9s%n", "epoch", "loss", "train acc", "test acc", "seconds",
                "samples/s");
    }

    /**
     * Prints one row and flushes.
     *
     * @param out where to print
     * @param r the epoch's figures
     * @param rateDecimals decimals of the samples/s column
     */
    public static void row(PrintStream out, EpochResult r, int rateDecimals) {
        out.printf("%5d | %9.5f | %8.2f%% | %8.2f%% | %8.2f | %9." + rateDecimals + "f%n", r.epoch(), r.loss(),
                100 * r.trainAccuracy(), 100 * r.testAccuracy(), r.trainSeconds(), r.samplesPerSecond());
        out.flush();
    }
}
