package io.matterhorn.snn.encoder;

import io.matterhorn.Matterhorn;
import io.matterhorn.kernel.Parallel;
import io.matterhorn.kernel.SparseRows;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
 * sequence of calls, independently of the number of threads.
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
        int[] thresholds = thresholds(Layout.contiguous(x.value()).castTo(DataType.DOUBLE).data().asDouble());
        long[] outShape = new long[x.rank() + 1];
        outShape[0] = timeSteps;
        System.arraycopy(x.shape(), 0, outShape, 1, x.rank());
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, outShape);
        FloatBuffer buf = Layout.floats(out);
        long callSeed = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * ++calls).nextLong();
        int batch = (int) x.size(0);
        int features = len / Math.max(1, batch);
        int[][] stepColumns = new int[timeSteps][];
        int[][] stepRowEnds = new int[timeSteps][];
        Parallel.forRange(timeSteps, 1, (chunk, from, to) -> {
            float[] row = new float[len];
            for (int t = from; t < to; t++) {
                int[] ends = new int[batch];
                stepColumns[t] = fill(new SplittableRandom(callSeed ^ (0xBF58476D1CE4E5B9L * (t + 1))), thresholds,
                        row, batch, features, ends);
                stepRowEnds[t] = ends;
                buf.put(t * len, row, 0, len);
            }
        });
        return Tensor.of(out).markSpikeValued().attachSparseRows(merge(stepColumns, stepRowEnds, features));
    }

    private static SparseRows merge(int[][] stepColumns, int[][] stepRowEnds, int cols) {
        int total = 0;
        int rows = 0;
        for (int t = 0; t < stepColumns.length; t++) {
            total += stepColumns[t].length;
            rows += stepRowEnds[t].length;
        }
        int[] columns = new int[total];
        int[] rowStart = new int[rows + 1];
        int pos = 0;
        int r = 0;
        for (int t = 0; t < stepColumns.length; t++) {
            System.arraycopy(stepColumns[t], 0, columns, pos, stepColumns[t].length);
            for (int end : stepRowEnds[t]) {
                rowStart[++r] = pos + end;
            }
            pos += stepColumns[t].length;
        }
        return new SparseRows(rows, cols, rowStart, columns, null);
    }

    /** Integer thresholds: fire when a 24-bit uniform integer k satisfies k &lt;= floor(p * 2^24). */
    private int[] thresholds(double[] values) {
        int[] thr = new int[values.length];
        double range = maxValue - minValue;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("PoissonEncoder: input contains NaN at flat index " + i);
            }
            double p = (v - minValue) / range;
            thr[i] = p >= 1 ? (int) TWO_POW_24 : p < 0 ? -1 : (int) Math.floor(p * TWO_POW_24);
        }
        return thr;
    }

    /**
     * Draws one time step: {@code row[i] = 1 if k_i <= thr[i] else 0} with k_i uniform 24-bit integers, and
     * records the column index of each one per sample row (rows of length {@code cols}).
     *
     * @return the column indices of the ones, row after row; row r ends at {@code ends[r]}
     */
    private static int[] fill(SplittableRandom rng, int[] thr, float[] row, int rows, int cols, int[] ends) {
        int[] idx = new int[Math.max(16, row.length / 4)];
        int n = 0;
        long bits = 0;
        boolean haveSecond = false;
        for (int r = 0; r < rows; r++) {
            if (n + cols > idx.length) {
                idx = java.util.Arrays.copyOf(idx, Math.max(2 * idx.length, n + cols));
            }
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                int k;
                if (haveSecond) {
                    k = (int) ((bits >>> 16) & 0xFFFFFF);
                } else {
                    bits = rng.nextLong();
                    k = (int) (bits >>> 40);
                }
                haveSecond = !haveSecond;
                boolean fire = k <= thr[base + c];
                row[base + c] = fire ? 1f : 0f;
                idx[n] = c;
                n += fire ? 1 : 0;
            }
            ends[r] = n;
        }
        return java.util.Arrays.copyOf(idx, n);
    }

    @Override
    protected String describe() {
        return "PoissonEncoder(time_steps=" + timeSteps + ", max_value=" + maxValue + ", min_value=" + minValue + ")";
    }
}
