package io.matterhorn.snn.encoder;

import io.matterhorn.numeric.Parallel;
import io.matterhorn.numeric.PoissonDraws;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SplitMix64;
import io.matterhorn.Matterhorn;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rate coding: each element fires at each step independently with probability
 * {@code p = (x - min) / (max - min)} (not clamped: p &gt;= 1 always fires, p &lt; 0 never does),
 *
 * <pre>
 *   spike[t, ...] = 1 if r[t, ...] &lt;= p else 0,   r ~ U[0, 1) drawn with 24-bit resolution
 * </pre>
 *
 * <p>Output {@code [T, B, ...]} float32, marked spike-valued, no gradient. <b>Difference from 1.0.1:</b> the
 * output always has the T axis, also for {@code timeSteps = 1} (1.0.1 then returns {@code [B, ...]}).
 *
 * <p>Randomness comes from this encoder's own seeded generator: the same seed gives the same spikes for the same
 * sequence of calls, independently of the number of threads. Only elements with {@code p > 0} take a draw per
 * step (for {@code p >= 1} it always fires); the elements with {@code 0 <= p < 2^-24}, which fire only on a draw of
 * exactly 0, are visited by geometric skipping, so the work is proportional to the non-zero inputs and the
 * distribution is unchanged.
 */
public class PoissonEncoder extends Encoder {
    private static final double TWO_POW_24 = 16777216.0;
    private final int timeSteps;
    private final double maxValue;
    private final double minValue;
    private final long seed;
    private long calls;

    /**
     * An encoder seeded with {@link Matterhorn#nextSeed()} (reproducible after {@link Matterhorn#seed(long)}).
     *
     * @param timeSteps number of steps T, positive
     */
    public PoissonEncoder(int timeSteps) {
        this(timeSteps, 1.0, 0.0, Matterhorn.nextSeed());
    }

    /**
     * @param timeSteps number of steps T, positive
     * @param seed random seed
     */
    public PoissonEncoder(int timeSteps, long seed) {
        this(timeSteps, 1.0, 0.0, seed);
    }

    /**
     * @param timeSteps number of steps T, positive
     * @param maxValue input value that maps to probability 1
     * @param minValue input value that maps to probability 0; must be below maxValue
     * @param seed random seed
     */
    public PoissonEncoder(int timeSteps, double maxValue, double minValue, long seed) {
        if (timeSteps <= 0) {
            throw new IllegalArgumentException("PoissonEncoder: timeSteps must be positive, got " + timeSteps);
        }
        if (!(maxValue > minValue)) {
            throw new IllegalArgumentException("PoissonEncoder: maxValue (" + maxValue + ") must be greater than "
                    + "minValue (" + minValue + ")");
        }
        this.timeSteps = timeSteps;
        this.maxValue = maxValue;
        this.minValue = minValue;
        this.seed = seed;
    }

    /** @return the number of steps T */
    public int timeSteps() {
        return timeSteps;
    }

    /**
     * @param x intensities, shape [B, ...], no NaN
     * @return spikes, shape [T, B, ...]
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException("PoissonEncoder: expected input [B, ...], got a scalar");
        }
        long n = x.length();
        if (n * timeSteps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("PoissonEncoder: output of " + n * timeSteps + " elements is too large");
        }
        int len = (int) n;
        int[] thresholds = thresholds(x.value());
        long[] outShape = new long[x.rank() + 1];
        outShape[0] = timeSteps;
        System.arraycopy(x.shape(), 0, outShape, 1, x.rank());
        long callSeed = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * ++calls).nextLong();
        int batch = (int) x.size(0);
        int features = len / Math.max(1, batch);
        Candidates candidates = new Candidates(thresholds, batch, features);
        int[][] stepColumns = new int[timeSteps][];
        int[][] stepRowEnds = new int[timeSteps][];
        Parallel.forRange(timeSteps, 1, (chunk, from, to) -> {
            for (int t = from; t < to; t++) {
                int[] ends = new int[batch];
                stepColumns[t] = candidates.fill(new SplitMix64(callSeed ^ (0xBF58476D1CE4E5B9L * (t + 1))), ends);
                stepRowEnds[t] = ends;
            }
        });
        SparseRows spikes = merge(stepColumns, stepRowEnds, features);
        // the dense spikes are written only when read: the event-driven linear layer reads the spike lists (in
        // example 1 the dense tensor was 25.7 MB per batch, about a tenth of the training step)
        return Tensor.lazy(outShape, DataType.FLOAT, () -> Layout.fromSpikeLists(spikes, outShape))
                .markSpikeValued().attachSparseRows(spikes);
    }

    /** Joins the steps' column lists into one sparse matrix of T * B rows (steps copied in parallel). */
    private static SparseRows merge(int[][] stepColumns, int[][] stepRowEnds, int cols) {
        int steps = stepColumns.length;
        int[] entryOffset = new int[steps + 1];
        int[] rowOffset = new int[steps + 1];
        for (int t = 0; t < steps; t++) {
            entryOffset[t + 1] = Math.addExact(entryOffset[t], stepColumns[t].length);
            rowOffset[t + 1] = rowOffset[t] + stepRowEnds[t].length;
        }
        int[] columns = new int[entryOffset[steps]];
        int[] rowStart = new int[rowOffset[steps] + 1];
        Parallel.forRange(steps, 1, (chunk, from, to) -> {
            for (int t = from; t < to; t++) {
                System.arraycopy(stepColumns[t], 0, columns, entryOffset[t], stepColumns[t].length);
                int[] ends = stepRowEnds[t];
                for (int i = 0; i < ends.length; i++) {
                    rowStart[rowOffset[t] + i + 1] = entryOffset[t] + ends[i];
                }
            }
        });
        return new SparseRows(rowOffset[steps], cols, rowStart, columns, null);
    }

    /** Integer thresholds: fire when a 24-bit uniform integer k satisfies k &lt;= floor(p * 2^24). */
    private int[] thresholds(INDArray x) {
        int n = (int) x.length();
        int[] thr = new int[n];
        // float32 input is read as it is; anything else as float64 (float32 -> float64 is exact either way)
        double[] asDouble = x.dataType() == DataType.FLOAT ? null
                : Layout.contiguous(x).castTo(DataType.DOUBLE).data().asDouble();
        float[] asFloat = asDouble != null ? null : new float[n];
        if (asFloat != null) {
            INDArray c = Layout.contiguous(x);
            Layout.floats(c).get(Layout.offset(c), asFloat, 0, n);
        }
        // in parallel: a batch of example 1 has 200,704 pixels, and the loop ran on the main thread alone
        long nans = 0;
        for (long count : Parallel.reduce(n, 1 << 15, (from, to) -> {
            long seen = 0;
            for (int i = from; i < to; i++) {
                double v = asFloat != null ? asFloat[i] : asDouble[i];
                seen += v != v ? 1 : 0;
                thr[i] = threshold(v);
            }
            return seen;
        })) {
            nans += count;
        }
        requireNoNan(nans > 0, i -> Double.isNaN(asFloat != null ? asFloat[i] : asDouble[i]), n);
        return thr;
    }

    private static void requireNoNan(boolean any, java.util.function.IntPredicate isNan, int n) {
        for (int i = 0; any && i < n; i++) {
            if (isNan.test(i)) {
                throw new IllegalArgumentException("PoissonEncoder: input contains NaN at flat index " + i);
            }
        }
    }

    /**
     * {@code floor(p * 2^24)} clamped to [-1, 2^24], with {@code p = (v - min) / (max - min)}: 2^24 for
     * {@code p >= 1}, a negative value (never fires) for {@code p < 0}. Without branches: MNIST pixels switch
     * between 0, 1 and values between at random, and mispredicted branches made this loop cost about 1.5 ms per
     * batch of example 1.
     */
    private int threshold(double v) {
        double p = (v - minValue) / (maxValue - minValue);
        return (int) Math.max(-1.0, Math.min(TWO_POW_24, Math.floor(p * TWO_POW_24)));
    }

    /**
     * The elements that can fire, sorted by how: for each sample row, in column order, the elements with
     * {@code thr > 0}, which take one draw each per step ({@code thr = 2^24} fires on every draw); separately the
     * elements with {@code thr = 0}, which fire with probability {@code 2^-24} per step (only a draw of exactly 0
     * fires them); elements with {@code p < 0} never fire and are not listed. A step thus costs
     * work in proportion to the elements with {@code p > 0} (about 20% of MNIST pixels), not to all of them.
     */
    private static final class Candidates {
        /** log(1 - 2^-24): a rare element's gap to the next firing is geometric with success 2^-24. */
        private static final double LOG_NOT_RARE = Math.log1p(-1.0 / TWO_POW_24);
        /** Rows per task when the lists are built (a batch of 256 MNIST rows: 2 tasks on 2 threads). */
        private static final int ROWS_PER_CHUNK = 16;
        private final int rows;
        private final int cols;
        private final int[] column;
        private final int[] threshold;
        private final int[] rowEnd;
        private final int[] rare;
        private final int rareCount;

        /**
         * Lists the candidates (threshold > 0) row by row and the rare elements (threshold 0), in row chunks run in
         * parallel: each chunk counts its entries, then writes them from the sum of the counts before it, so the
         * arrays are those of one pass in row order.
         */
        Candidates(int[] thr, int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            int chunks = Parallel.chunks(rows, ROWS_PER_CHUNK);
            int[] liveIn = new int[chunks + 1];
            int[] rareIn = new int[chunks + 1];
            Parallel.forRange(rows, ROWS_PER_CHUNK, (chunk, from, to) -> {
                int live = 0;
                int rareHere = 0;
                for (int i = from * cols, end = to * cols; i < end; i++) {
                    live += isPositive(thr[i]);
                    rareHere += isZero(thr[i]);
                }
                liveIn[chunk + 1] = live;
                rareIn[chunk + 1] = rareHere;
            });
            for (int c = 0; c < chunks; c++) {
                liveIn[c + 1] += liveIn[c];
                rareIn[c + 1] += rareIn[c];
            }
            // one element of slack at the end: every element is written at the next free place, which only the
            // listed ones then take (branch-free, as in threshold()); once a chunk's places are all taken its
            // remaining elements go to the slack place, never into the next chunk's places
            column = new int[liveIn[chunks] + 1];
            threshold = new int[liveIn[chunks] + 1];
            rowEnd = new int[rows];
            rare = new int[rareIn[chunks] + 1];
            int liveSlack = liveIn[chunks];
            int rareSlack = rareIn[chunks];
            Parallel.forRange(rows, ROWS_PER_CHUNK, (chunk, from, to) -> {
                int n = liveIn[chunk];
                int m = rareIn[chunk];
                int nEnd = liveIn[chunk + 1];
                int mEnd = rareIn[chunk + 1];
                for (int r = from; r < to; r++) {
                    for (int c = 0; c < cols; c++) {
                        int v = thr[r * cols + c];
                        // the next free place, or the slack once the chunk's places are all taken
                        int at = n < nEnd ? n : liveSlack;
                        column[at] = c;
                        threshold[at] = v;
                        n += isPositive(v);
                        int rareAt = m < mEnd ? m : rareSlack;
                        rare[rareAt] = r * cols + c;
                        m += isZero(v);
                    }
                    rowEnd[r] = n;
                }
            });
            this.rareCount = rareIn[chunks];
        }

        /** @return 1 if {@code v > 0}, else 0 (thresholds are at least -1, so {@code -v} cannot overflow) */
        private static int isPositive(int v) {
            return (-v) >>> 31;
        }

        /** @return 1 if {@code v == 0}, else 0 */
        private static int isZero(int v) {
            return ((v | -v) >>> 31) ^ 1;
        }

        /**
         * Draws one time step: element i fires if {@code k_i <= thr[i]}, with k_i uniform 24-bit integers (two
         * per 64-bit draw), and the column index of each one is recorded per sample row. The generator makes the
         * rare elements' draws first, then the candidates' draws run in {@link PoissonDraws#fill} (compiled when a
         * native backend is installed); rare elements that fired (almost never) are merged into their rows.
         *
         * @param rng this step's generator (the same numbers as {@code java.util.SplittableRandom} of its seed)
         * @param ends receives, per sample row, the end of its ones in the result
         * @return the column indices of the ones, row after row, ascending within a row
         */
        int[] fill(SplitMix64 rng, int[] ends) {
            int[] rareFired = rareFiring(rng);
            int[] idx = new int[column.length];
            int n = PoissonDraws.fill(column, threshold, rowEnd, rows, rng, idx, ends);
            return rareFired.length == 0 ? java.util.Arrays.copyOf(idx, n) : withRare(idx, ends, rareFired);
        }

        /**
         * Inserts the rare elements that fired (flat indices, ascending) into their rows of a step's ones, keeping
         * each row ascending.
         *
         * @param idx the candidates' ones, row after row; {@code ends[r]} ends row r
         * @param ends per row, updated to the rows' new ends
         * @return the merged column indices
         */
        private int[] withRare(int[] idx, int[] ends, int[] rareFired) {
            int[] merged = new int[ends[rows - 1] + rareFired.length];
            int n = 0;
            int from = 0;
            int nextRare = 0;
            for (int r = 0; r < rows; r++) {
                int rowStart = n;
                int base = r * cols;
                for (int k = from; k < ends[r]; k++) {
                    merged[n++] = idx[k];
                }
                from = ends[r];
                boolean added = false;
                while (nextRare < rareFired.length && rareFired[nextRare] < base + cols) {
                    merged[n++] = rareFired[nextRare++] - base;
                    added = true;
                }
                if (added) {
                    java.util.Arrays.sort(merged, rowStart, n);
                }
                ends[r] = n;
            }
            return merged;
        }

        /** Flat indices of the {@code thr = 0} elements that fire this step (ascending; almost always none). */
        private int[] rareFiring(SplitMix64 rng) {
            int[] fired = new int[0];
            long pos = 0;
            while (true) {
                double gap = Math.floor(Math.log(1.0 - rng.nextDouble()) / LOG_NOT_RARE);
                pos += gap >= rareCount ? rareCount : (long) gap;
                if (pos >= rareCount) {
                    return fired;
                }
                fired = java.util.Arrays.copyOf(fired, fired.length + 1);
                fired[fired.length - 1] = rare[(int) pos++];
            }
        }
    }

    @Override
    protected String describe() {
        return "PoissonEncoder(time_steps=" + timeSteps + ", max_value=" + maxValue + ", min_value=" + minValue + ")";
    }

    /** @return the input value that maps to probability 1 */
    public double maxValue() {
        return maxValue;
    }

    /** @return the input value that maps to probability 0 */
    public double minValue() {
        return minValue;
    }

    /** @return the random seed */
    public long seed() {
        return seed;
    }

    /** @return how many calls have drawn random numbers so far (with the seed, the whole random state) */
    public long drawCount() {
        return calls;
    }

    /**
     * Restores the random state saved with {@link #drawCount()} (for resuming from a checkpoint).
     *
     * @param count a value returned by {@link #drawCount()}, non-negative
     */
    public void restoreDrawCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("PoissonEncoder: draw count must be non-negative, got " + count);
        }
        calls = count;
    }
}
