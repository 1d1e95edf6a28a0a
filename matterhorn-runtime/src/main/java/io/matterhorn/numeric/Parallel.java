package io.matterhorn.numeric;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Splits index ranges over the cores for the pure-Java kernels. Ranges are cut into fixed chunks, so results
 * that are summed per chunk do not depend on thread timing. The workers are daemon threads outside the program's
 * thread group (see {@code KernelThreadFactory}), so they never delay the end of a program.
 */
public final class Parallel {
    private static final int THREADS = Math.max(1, Integer.getInteger("matterhorn.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final ForkJoinPool POOL = THREADS == 1 ? null
            : new ForkJoinPool(THREADS, new KernelThreadFactory("matterhorn-kernels"), null, false);

    private Parallel() {
    }

    /** @return number of worker threads the kernels use (system property {@code matterhorn.threads}) */
    public static int threads() {
        return THREADS;
    }

    /** Body of a parallel loop over {@code [from, to)}; {@code chunk} numbers the piece. */
    @FunctionalInterface
    public interface RangeBody {
        /**
         * @param chunk index of this piece, 0 &lt;= chunk &lt; chunks
         * @param from first index (inclusive)
         * @param to last index (exclusive)
         */
        void run(int chunk, int from, int to);
    }

    /**
     * Number of pieces {@link #forRange} cuts {@code n} items into.
     *
     * @param n number of items
     * @param minPerChunk smallest piece worth a task
     * @return the number of pieces (at least 1)
     */
    public static int chunks(int n, int minPerChunk) {
        if (POOL == null || n < 2 * minPerChunk) {
            return 1;
        }
        return Math.min(THREADS, n / minPerChunk);
    }

    /**
     * Runs {@code body} over {@code [0, n)} cut into {@link #chunks(int, int)} contiguous pieces.
     *
     * @param n number of items
     * @param minPerChunk smallest piece worth a task
     * @param body the loop body
     */
    public static void forRange(int n, int minPerChunk, RangeBody body) {
        int chunks = chunks(n, minPerChunk);
        if (chunks == 1) {
            body.run(0, 0, n);
            return;
        }
        RecursiveAction[] tasks = new RecursiveAction[chunks];
        for (int c = 0; c < chunks; c++) {
            int chunk = c;
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks[c] = new RecursiveAction() {
                @Override
                protected void compute() {
                    body.run(chunk, from, to);
                }
            };
        }
        POOL.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                invokeAll(tasks);
            }
        });
    }

    /** One piece of a {@link #reduce}: a value computed over {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeValue {
        /**
         * @param from first index (inclusive)
         * @param to last index (exclusive)
         * @return the piece's value
         */
        long run(int from, int to);
    }

    /**
     * Runs {@code body} over the pieces of {@link #forRange} and returns their values in piece order, for the
     * caller to combine (a sum, a flag).
     *
     * @param n number of items
     * @param minPerChunk smallest piece worth a task
     * @param body the per-piece computation
     * @return one value per piece, {@link #chunks(int, int)} of them
     */
    public static long[] reduce(int n, int minPerChunk, RangeValue body) {
        long[] values = new long[chunks(n, minPerChunk)];
        forRange(n, minPerChunk, (chunk, from, to) -> values[chunk] = body.run(from, to));
        return values;
    }
}
