package io.matterhorn.snn.encoder;

import io.matterhorn.numeric.Parallel;
import io.matterhorn.Matterhorn;
import io.matterhorn.tensor.Layout;
import io.matterhorn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Latency coding with random thinning (matterhorn 1.0.1's {@code TemporalEncoder}). With {@code c} the value
 * of the step counter {@code current_time_step} at step t of a call:
 *
 * <pre>
 *   v          = (x - min) / (max - min) * T                      (computed in float32 for float32 input)
 *   f[t, ...]  = 1 if c - v &gt;= 0 else 0
 *   spike[t, ...] = f[t, ...] * [ r[t, ...] &lt;= prob ],   r ~ U[0, 1) drawn with 24-bit resolution
 *   c := c + 1 after each step
 * </pre>
 *
 * <p>The counter starts at 0; after a call it is set back to 0 when {@code resetAfterProcess} is true (the
 * default), otherwise it carries over, so the next call continues the same time line. {@link #reset()} sets it
 * to 0.
 *
 * <p><b>Behaviour kept from 1.0.1 (docs/differences-from-1.0.1.md #13):</b> an element with value v fires at every step
 * from {@code t >= v} on, so <b>larger values fire later</b>, and the maximum value (v = T) <b>never fires</b> within
 * the T steps of a fresh call. Example (T = 5, prob = 1): inputs 0, 0.2, 0.5, 0.99, 1.0 first fire at steps
 * 0, 1, 3, never, never, and keep firing at every step after that.
 *
 * <p>Output {@code [T, B, ...]} float32, marked spike-valued, no gradient. <b>Difference from 1.0.1 (defect
 * 12):</b> the output always has the T axis, also for {@code timeSteps = 1} (1.0.1 then returns {@code [B, ...]}).
 * Randomness comes from this encoder's own seeded generator (as {@link PoissonEncoder}): the same seed gives the
 * same spikes for the same sequence of calls, independently of the number of threads. With {@code prob = 1}
 * the output is deterministic.
 */
public class TemporalEncoder extends Encoder {
    private static final double TWO_POW_24 = 16777216.0;
    private final int timeSteps;
    private final double maxValue;
    private final double minValue;
    private final double prob;
    private final boolean resetAfterProcess;
    private final long seed;
    private long calls;
    private long currentTimeStep;

    /**
     * An encoder with 1.0.1's defaults (see {@link #TemporalEncoder(int, long)}), seeded with
     * {@link Matterhorn#nextSeed()} (reproducible after {@link Matterhorn#seed(long)}).
     *
     * @param timeSteps number of steps T, positive
     */
    public TemporalEncoder(int timeSteps) {
        this(timeSteps, Matterhorn.nextSeed());
    }

    /**
     * An encoder with 1.0.1's defaults: values in [0, 1], prob = 0.75, counter reset after every call.
     *
     * @param timeSteps number of steps T, positive
     * @param seed random seed of the thinning
     */
    public TemporalEncoder(int timeSteps, long seed) {
        this(builder(timeSteps).seed(seed));
    }

    private TemporalEncoder(Builder b) {
        if (b.timeSteps <= 0) {
            throw new IllegalArgumentException("TemporalEncoder: timeSteps must be positive, got " + b.timeSteps);
        }
        if (!(b.maxValue > b.minValue) || Double.isInfinite(b.maxValue) || Double.isInfinite(b.minValue)) {
            throw new IllegalArgumentException("TemporalEncoder: maxValue (" + b.maxValue + ") must be a finite "
                    + "number greater than minValue (" + b.minValue + ")");
        }
        if (!(b.prob >= 0 && b.prob <= 1)) {
            throw new IllegalArgumentException("TemporalEncoder: prob must be in [0, 1], got " + b.prob);
        }
        this.timeSteps = b.timeSteps;
        this.maxValue = b.maxValue;
        this.minValue = b.minValue;
        this.prob = b.prob;
        this.resetAfterProcess = b.resetAfterProcess;
        this.seed = b.seed != null ? b.seed : Matterhorn.nextSeed();
    }

    /**
     * @param timeSteps number of steps T, positive (checked by {@link Builder#build()})
     * @return a builder with 1.0.1's defaults: values in [0, 1], prob = 0.75, counter reset after every call, seed
     *     from {@link Matterhorn#nextSeed()} when built
     */
    public static Builder builder(int timeSteps) {
        return new Builder(timeSteps);
    }

    /** @return the number of steps T */
    public int timeSteps() {
        return timeSteps;
    }

    /** @return the step counter {@code current_time_step}: the value c that the next step will use */
    public long currentTimeStep() {
        return currentTimeStep;
    }

    /** Sets the step counter back to 0. */
    @Override
    public void reset() {
        currentTimeStep = 0;
        super.reset();
    }

    /**
     * @param x intensities, shape [B, ...], no NaN
     * @return spikes, shape [T, B, ...], float32
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException("TemporalEncoder: expected input [B, ...], got a scalar");
        }
        long n = x.length();
        if (n * timeSteps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TemporalEncoder: output of " + n * timeSteps
                    + " elements is too large");
        }
        int len = (int) n;
        double[] v = scaled(x.value());
        long[] outShape = new long[x.rank() + 1];
        outShape[0] = timeSteps;
        System.arraycopy(x.shape(), 0, outShape, 1, x.rank());
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, outShape);
        FloatBuffer buf = Layout.floats(out);
        int offset = Layout.offset(out);
        long callSeed = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * ++calls).nextLong();
        int threshold = prob >= 1 ? Integer.MAX_VALUE : (int) Math.floor(prob * TWO_POW_24);
        long first = currentTimeStep;
        Parallel.forRange(timeSteps, 1, (chunk, from, to) -> {
            float[] row = new float[len];
            for (int t = from; t < to; t++) {
                SplittableRandom rng = new SplittableRandom(callSeed ^ (0xBF58476D1CE4E5B9L * (t + 1)));
                fill(first + t, v, threshold, rng, row);
                buf.put(offset + t * len, row, 0, len);
            }
        });
        currentTimeStep = resetAfterProcess ? 0 : first + timeSteps;
        return Tensor.of(out).markSpikeValued();
    }

    /**
     * Scales the input to {@code v = (x - min) / (max - min) * T}, in float32 arithmetic for float32 input (as
     * 1.0.1 does, so that for example 0.2 * 5 is exactly 1) and in float64 otherwise.
     */
    private double[] scaled(INDArray value) {
        INDArray flat = Layout.contiguous(value);
        boolean single = value.dataType() == DataType.FLOAT;
        double[] xs = single ? null : flat.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        float[] xf = single ? Layout.toFloatArray(flat) : null;
        int len = single ? xf.length : xs.length;
        double[] v = new double[len];
        float minF = (float) minValue;
        float rangeF = (float) (maxValue - minValue);
        float stepsF = timeSteps;
        double range = maxValue - minValue;
        for (int i = 0; i < len; i++) {
            double s = single ? (double) (((xf[i] - minF) / rangeF) * stepsF) : (xs[i] - minValue) / range * timeSteps;
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("TemporalEncoder: input contains NaN at flat index " + i);
            }
            v[i] = s;
        }
        return v;
    }

    /** One step: {@code row[i] = 1 if c - v[i] >= 0 and a 24-bit uniform integer k <= threshold, else 0}. */
    private static void fill(long c, double[] v, int threshold, SplittableRandom rng, float[] row) {
        double cd = c;
        long bits = 0;
        boolean haveSecond = false;
        for (int i = 0; i < v.length; i++) {
            int k;
            if (haveSecond) {
                k = (int) ((bits >>> 16) & 0xFFFFFF);
            } else {
                bits = rng.nextLong();
                k = (int) (bits >>> 40);
            }
            haveSecond = !haveSecond;
            row[i] = cd - v[i] >= 0 && k <= threshold ? 1f : 0f;
        }
    }

    @Override
    protected String describe() {
        return "TemporalEncoder(time_steps=" + timeSteps + ", max_value=" + maxValue + ", min_value=" + minValue
                + ", prob=" + prob + ", reset_after_process=" + resetAfterProcess + ")";
    }

    /** @return the input value that maps to v = T */
    public double maxValue() {
        return maxValue;
    }

    /** @return the input value that maps to v = 0 */
    public double minValue() {
        return minValue;
    }

    /** @return the firing probability of an element allowed to fire */
    public double prob() {
        return prob;
    }

    /** @return whether the step counter is set back to 0 after every call */
    public boolean resetAfterProcess() {
        return resetAfterProcess;
    }

    /** @return the random seed of the thinning */
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
            throw new IllegalArgumentException("TemporalEncoder: draw count must be non-negative, got " + count);
        }
        calls = count;
    }

    /** Builder for {@link TemporalEncoder}; every setter has 1.0.1's default. Not thread-safe. */
    public static final class Builder {
        private final int timeSteps;
        private double maxValue = 1.0;
        private double minValue;
        private double prob = 0.75;
        private boolean resetAfterProcess = true;
        private Long seed;

        private Builder(int timeSteps) {
            this.timeSteps = timeSteps;
        }

        /**
         * @param v input value that maps to v = T, finite and above minValue (default 1)
         * @return this builder
         */
        public Builder maxValue(double v) {
            maxValue = v;
            return this;
        }

        /**
         * @param v input value that maps to v = 0, finite and below maxValue (default 0)
         * @return this builder
         */
        public Builder minValue(double v) {
            minValue = v;
            return this;
        }

        /**
         * @param v probability that an element allowed to fire does fire at a step, in [0, 1] (default 0.75)
         * @return this builder
         */
        public Builder prob(double v) {
            prob = v;
            return this;
        }

        /**
         * @param v true (default) to set the step counter back to 0 after every call, false to let the next call
         *     continue the same time line
         * @return this builder
         */
        public Builder resetAfterProcess(boolean v) {
            resetAfterProcess = v;
            return this;
        }

        /**
         * @param v random seed of the thinning (default: {@link Matterhorn#nextSeed()} when built)
         * @return this builder
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * @return the encoder
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public TemporalEncoder build() {
            return new TemporalEncoder(this);
        }
    }
}
