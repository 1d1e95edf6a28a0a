package io.matterhorn.data.simulation;

import java.util.Objects;

/**
 * Settings of the {@link DvsSimulator}: the scene (canvas and motion), the time resolution and the pixel model.
 * Every value has a physical meaning and a default chosen so that the simulated recordings resemble real N-MNIST
 * ones (see {@code docs/datasets.md}, "Simulated N-MNIST").
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>parameter</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code canvasSize}</td><td>34</td><td>sensor rows and columns (N-MNIST's 34x34)</td></tr>
 *   <tr><td>{@code path}</td><td>{@link SaccadePath#nmnist()}</td><td>image motion: three 100 ms saccades</td></tr>
 *   <tr><td>{@code blurSigma}</td><td>0.8</td><td>point spread of the optics (screen, lens, focus): the image
 *       is blurred by a Gaussian of this standard deviation in pixels (0 = sharp)</td></tr>
 *   <tr><td>{@code timeStepMicros}</td><td>500</td><td>simulation step; the image moves at most 0.05 px per step
 *       at the default speed (peak 0.1 px/ms), and crossing times are interpolated within a step. 250 us gives
 *       the same mean figures within 0.1% at 1.7 times the cost</td></tr>
 *   <tr><td>{@code blackOffset}</td><td>0.15</td><td>{@code eps} in the log intensity {@code L = ln(I + eps)},
 *       {@code I} in [0, 1]: the screen's black level and the photoreceptor's dark current, relative to white.
 *       It bounds the log contrast of a full black-white edge to {@code ln((1 + eps) / eps)}</td></tr>
 *   <tr><td>{@code onThreshold}</td><td>0.25</td><td>contrast threshold {@code C_on}: rise of {@code L} from the
 *       pixel's reference that fires an ON event</td></tr>
 *   <tr><td>{@code offThreshold}</td><td>0.25</td><td>contrast threshold {@code C_off}: fall of {@code L} that
 *       fires an OFF event</td></tr>
 *   <tr><td>{@code thresholdMismatch}</td><td>0.05</td><td>pixel-to-pixel spread of the thresholds: each pixel's
 *       {@code C} is {@code C (1 + mismatch z)}, {@code z} standard normal, at least {@code C / 10}</td></tr>
 *   <tr><td>{@code refractoryMicros}</td><td>1000</td><td>after an event a pixel fires no event for this long
 *       (crossings in that time are lost: the reference moves on without an event)</td></tr>
 *   <tr><td>{@code noiseRateHz}</td><td>0.1</td><td>background activity: shot-noise events per pixel and second,
 *       half ON and half OFF, at uniformly random times (0 switches it off)</td></tr>
 *   <tr><td>{@code seed}</td><td>0</td><td>seed of the threshold mismatch and the noise; with the sample index
 *       it fixes a recording</td></tr>
 * </table>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param canvasSize        sensor rows and columns, in {@code [1, 255]} (N-MNIST files store coordinates in a byte)
 * @param path              image motion
 * @param blurSigma         standard deviation of the optical blur in pixels, {@code >= 0}
 * @param timeStepMicros    simulation time step in microseconds, {@code > 0}
 * @param blackOffset       log-intensity offset {@code eps}, {@code > 0}
 * @param onThreshold       ON contrast threshold (natural-log units), {@code > 0}
 * @param offThreshold      OFF contrast threshold (natural-log units), {@code > 0}
 * @param thresholdMismatch relative standard deviation of the thresholds across pixels, {@code >= 0}
 * @param refractoryMicros  refractory period in microseconds, {@code >= 0}
 * @param noiseRateHz       background events per pixel and second, {@code >= 0}
 * @param seed              random seed
 */
public record DvsParameters(int canvasSize, SaccadePath path, double blurSigma, double timeStepMicros,
        double blackOffset,
                            double onThreshold, double offThreshold, double thresholdMismatch,
                            double refractoryMicros, double noiseRateHz, long seed) {

    /**
     * Validates the values.
     *
     * @param canvasSize sensor rows and columns, in {@code [1, 255]} (N-MNIST files store coordinates in a byte)
     * @param path image motion
     * @param blurSigma standard deviation of the optical blur in pixels, {@code >= 0}
     * @param timeStepMicros simulation time step in microseconds, {@code > 0}
     * @param blackOffset log-intensity offset {@code eps}, {@code > 0}
     * @param onThreshold ON contrast threshold (natural-log units), {@code > 0}
     * @param offThreshold OFF contrast threshold (natural-log units), {@code > 0}
     * @param thresholdMismatch relative standard deviation of the thresholds across pixels, {@code >= 0}
     * @param refractoryMicros refractory period in microseconds, {@code >= 0}
     * @param noiseRateHz background events per pixel and second, {@code >= 0}
     * @param seed random seed
     * @throws IllegalArgumentException naming the parameter that is out of range
     */
    public DvsParameters {
        Objects.requireNonNull(path, "path");
        if (canvasSize < 1 || canvasSize > 255) {
            throw new IllegalArgumentException("canvasSize must be in [1, 255], got " + canvasSize);
        }
        nonNegative("blurSigma", blurSigma);
        if (blurSigma > 10) {
            throw new IllegalArgumentException("blurSigma must be <= 10 pixels, got " + blurSigma);
        }
        positive("timeStepMicros", timeStepMicros);
        positive("blackOffset", blackOffset);
        positive("onThreshold", onThreshold);
        positive("offThreshold", offThreshold);
        nonNegative("thresholdMismatch", thresholdMismatch);
        nonNegative("refractoryMicros", refractoryMicros);
        nonNegative("noiseRateHz", noiseRateHz);
        if (path.durationMicros() >= (1 << 23)) {
            throw new IllegalArgumentException("the path lasts " + path.durationMicros() + " us; N-MNIST timestamps "
                    + "need it below 2^23 us");
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be > 0 and finite, got " + v);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + v);
        }
    }

    /**
     * Returns the defaults (see the table above).
     *
     * @return the N-MNIST-like settings
     */
    public static DvsParameters defaults() {
        return builder().build();
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder holding the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts from these values.
     *
     * @return a builder holding this instance's values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.canvasSize = canvasSize;
        b.path = path;
        b.blurSigma = blurSigma;
        b.timeStepMicros = timeStepMicros;
        b.blackOffset = blackOffset;
        b.onThreshold = onThreshold;
        b.offThreshold = offThreshold;
        b.thresholdMismatch = thresholdMismatch;
        b.refractoryMicros = refractoryMicros;
        b.noiseRateHz = noiseRateHz;
        b.seed = seed;
        return b;
    }

    /** Collects {@link DvsParameters}; each setter documents the parameter of the same name. Not thread-safe. */
    public static final class Builder {
        private int canvasSize = 34;
        private SaccadePath path = SaccadePath.nmnist();
        private double blurSigma = 0.8;
        private double timeStepMicros = 500;
        private double blackOffset = 0.15;
        private double onThreshold = 0.25;
        private double offThreshold = 0.25;
        private double thresholdMismatch = 0.05;
        private double refractoryMicros = 1000;
        private double noiseRateHz = 0.1;
        private long seed;

        private Builder() {
        }

        /**
         * @param v sensor rows and columns
         * @return this builder
         */
        public Builder canvasSize(int v) {
            canvasSize = v;
            return this;
        }

        /**
         * @param v image motion
         * @return this builder
         */
        public Builder path(SaccadePath v) {
            path = v;
            return this;
        }

        /**
         * @param v optical blur, standard deviation in pixels
         * @return this builder
         */
        public Builder blurSigma(double v) {
            blurSigma = v;
            return this;
        }

        /**
         * @param v simulation time step, microseconds
         * @return this builder
         */
        public Builder timeStepMicros(double v) {
            timeStepMicros = v;
            return this;
        }

        /**
         * @param v log-intensity offset {@code eps}
         * @return this builder
         */
        public Builder blackOffset(double v) {
            blackOffset = v;
            return this;
        }

        /**
         * Sets both contrast thresholds.
         *
         * @param v {@code C_on = C_off}
         * @return this builder
         */
        public Builder threshold(double v) {
            onThreshold = v;
            offThreshold = v;
            return this;
        }

        /**
         * @param v ON contrast threshold
         * @return this builder
         */
        public Builder onThreshold(double v) {
            onThreshold = v;
            return this;
        }

        /**
         * @param v OFF contrast threshold
         * @return this builder
         */
        public Builder offThreshold(double v) {
            offThreshold = v;
            return this;
        }

        /**
         * @param v relative threshold spread
         * @return this builder
         */
        public Builder thresholdMismatch(double v) {
            thresholdMismatch = v;
            return this;
        }

        /**
         * @param v refractory period, microseconds
         * @return this builder
         */
        public Builder refractoryMicros(double v) {
            refractoryMicros = v;
            return this;
        }

        /**
         * @param v background events per pixel and second
         * @return this builder
         */
        public Builder noiseRateHz(double v) {
            noiseRateHz = v;
            return this;
        }

        /**
         * @param v random seed
         * @return this builder
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the parameters
         * @throws IllegalArgumentException naming a value out of range
         */
        public DvsParameters build() {
            return new DvsParameters(canvasSize, path, blurSigma, timeStepMicros, blackOffset, onThreshold,
                    offThreshold,
                    thresholdMismatch, refractoryMicros, noiseRateHz, seed);
        }
    }
}
