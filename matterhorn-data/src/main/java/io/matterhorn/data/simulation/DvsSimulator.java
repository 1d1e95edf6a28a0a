package io.matterhorn.data.simulation;

import io.matterhorn.data.events.PolarityEvents;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A dynamic vision sensor (DVS) simulator in the manner of ESIM and v2e: each pixel is a log-intensity change
 * detector looking at a grey image that moves across the sensor.
 *
 * <p>Model, per {@link DvsParameters}:
 * <ol>
 *   <li>Scene: the image ({@code h x w} values in [0, 1], 1 = white, black background), blurred by a Gaussian
 *       of {@code blurSigma} pixels (the optics' point spread), is placed on a
 *       {@code canvasSize x canvasSize} sensor with its upper left pixel at the offset {@code (ox(t), oy(t))}
 *       of the {@link SaccadePath}. Sensor pixel {@code (r, c)} sees the bilinear interpolation of the image at
 *       {@code (r - oy, c - ox)}, with 0 outside the image.</li>
 *   <li>Time: the path is sampled at {@code t_k = k dt} ({@code dt = timeStepMicros}) up to its end.</li>
 *   <li>Pixel: {@code L = ln(I + eps)}. Each pixel holds a reference level {@code ref}, first {@code L(0)}.
 *       Whenever {@code L - ref >= C_on} an ON event fires and {@code ref += C_on}; whenever
 *       {@code ref - L >= C_off} an OFF event fires and {@code ref -= C_off}; a large change fires several
 *       events. {@code L} is taken as linear between two steps, so the event at the crossed level
 *       {@code ref +- C} gets the time {@code t_{k-1} + dt (level - L_{k-1}) / (L_k - L_{k-1})}.</li>
 *   <li>Mismatch: {@code C_on} and {@code C_off} of each pixel are drawn once per recording as
 *       {@code C (1 + mismatch z)}, {@code z} standard normal, and kept at {@code C / 10} or more.</li>
 *   <li>Refractory period: an event less than {@code refractoryMicros} after the pixel's previous event is
 *       dropped; its level crossing still moves {@code ref}.</li>
 *   <li>Noise: independent Poisson events at {@code noiseRateHz} per pixel over the recording, polarity 1/2 each.</li>
 * </ol>
 * Timestamps are whole microseconds ({@code floor}); the events come sorted by time. A recording is a function of
 * the image, the parameters and the sample index alone (the random stream is seeded by {@code seed} and the
 * index), so it is the same on every run, thread and machine.
 *
 * <p>Instances are immutable and thread-safe; {@link #simulate} may run concurrently.
 */
public final class DvsSimulator {

    /** Intervals of the log table over intensities [0, 1]. */
    private static final int LOG_STEPS = 4096;

    private final DvsParameters params;

    /**
     * @param params the settings
     */
    public DvsSimulator(DvsParameters params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /**
     * Returns the settings.
     *
     * @return the parameters
     */
    public DvsParameters parameters() {
        return params;
    }

    /**
     * Simulates one recording.
     *
     * @param image       row-major intensities, {@code height * width} values in [0, 1]
     * @param height      image rows, {@code >= 1}
     * @param width       image columns, {@code >= 1}
     * @param sampleIndex index of the sample (selects the random stream together with the seed)
     * @return the events, sorted by time, with {@code 0 <= x, y < canvasSize} and {@code t >= 0} in microseconds
     * @throws IllegalArgumentException if the sizes do not match {@code image.length} or a value is outside [0, 1]
     */
    public PolarityEvents simulate(float[] image, int height, int width, long sampleIndex) {
        Objects.requireNonNull(image, "image");
        if (height < 1 || width < 1 || (long) height * width != image.length) {
            throw new IllegalArgumentException("image: expected height * width = " + height + " * " + width
                    + " values, got " + image.length);
        }
        for (int i = 0; i < image.length; i++) {
            if (!(image[i] >= 0f && image[i] <= 1f)) {
                throw new IllegalArgumentException("image: value " + image[i] + " at index " + i
                        + " is outside [0, 1]");
            }
        }
        return new Run(image, height, width, sampleIndex).simulate();
    }

    /** The state of one recording. */
    private final class Run {
        private final int size = params.canvasSize();
        private final int pixels = size * size;
        private final int pad;
        private final int paddedWidth;
        private final float[] padded;
        private final SplittableRandom random;
        private final double[] level = new double[pixels];
        private final double[] reference = new double[pixels];
        private final double[] onThreshold = new double[pixels];
        private final double[] offThreshold = new double[pixels];
        private final double[] lastEvent = new double[pixels];
        private final double logBlack;
        private final EventBuffer out = new EventBuffer();
        private final double[] logTable = new double[LOG_STEPS + 2];
        private int rowFrom;
        private int rowTo;
        private int colFrom;
        private int colTo;

        Run(float[] image, int height, int width, long sampleIndex) {
            logBlack = Math.log(params.blackOffset());
            double[] b = params.path().bounds();
            double reach = Math.max(Math.max(Math.abs(b[0]), Math.abs(b[1])), Math.max(Math.abs(b[2]),
                    Math.abs(b[3])));
            // margin so that every bilinear tap of every sensor pixel lands inside the padded image
            pad = (int) Math.ceil(reach) + size + 2 + Blur.radius(params.blurSigma());
            paddedWidth = Math.max(width, size) + 2 * pad;
            int paddedHeight = Math.max(height, size) + 2 * pad;
            padded = new float[paddedHeight * paddedWidth];
            for (int r = 0; r < height; r++) {
                System.arraycopy(image, r * width, padded, (r + pad) * paddedWidth + pad, width);
            }
            int spread = Blur.radius(params.blurSigma());
            Blur.gaussian(padded, paddedHeight, paddedWidth, params.blurSigma());
            random = new SplittableRandom(mix(mix(params.seed()) ^ sampleIndex));
            for (int k = 0; k < logTable.length; k++) {
                logTable[k] = Math.log(Math.min(1.0, (double) k / LOG_STEPS) + params.blackOffset());
            }
            visibleRegion(image, height, width, b, spread);
        }

        /**
         * Finds the sensor pixels that ever see a non-zero image pixel: those within one pixel of the image's
         * non-zero bounding box, widened by the blur's reach and shifted by any offset of the path. The others see
         * black throughout.
         */
        private void visibleRegion(float[] image, int height, int width, double[] bounds, int spread) {
            int top = height;
            int bottom = -1;
            int left = width;
            int right = -1;
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    if (image[r * width + c] > 0f) {
                        top = Math.min(top, r);
                        bottom = Math.max(bottom, r);
                        left = Math.min(left, c);
                        right = Math.max(right, c);
                    }
                }
            }
            if (bottom < 0) {
                return; // an all-black image: empty region
            }
            rowFrom = clamp((int) Math.floor(top - spread + bounds[2]));
            rowTo = clamp((int) Math.ceil(bottom + spread + bounds[3]) + 2);
            colFrom = clamp((int) Math.floor(left - spread + bounds[0]));
            colTo = clamp((int) Math.ceil(right + spread + bounds[1]) + 2);
        }

        private int clamp(int v) {
            return Math.max(0, Math.min(size, v));
        }

        PolarityEvents simulate() {
            for (int i = 0; i < pixels; i++) {
                onThreshold[i] = mismatched(params.onThreshold());
                offThreshold[i] = mismatched(params.offThreshold());
            }
            Arrays.fill(lastEvent, Double.NEGATIVE_INFINITY);
            Arrays.fill(level, logBlack);
            double duration = params.path().durationMicros();
            double dt = params.timeStepMicros();
            double[] offset = new double[2];
            params.path().offsetAt(0, offset);
            render(offset, level);
            System.arraycopy(level, 0, reference, 0, pixels);
            double[] next = new double[pixels];
            Arrays.fill(next, logBlack);
            double t0 = 0;
            long steps = (long) Math.ceil(duration / dt);
            for (long k = 1; k <= steps; k++) {
                double t1 = Math.min(duration, k * dt);
                params.path().offsetAt(t1, offset);
                render(offset, next);
                for (int r = rowFrom; r < rowTo; r++) {
                    for (int i = r * size + colFrom; i < r * size + colTo; i++) {
                        if (next[i] != level[i]) {
                            crossings(i, level[i], next[i], t0, t1);
                            level[i] = next[i];
                        }
                    }
                }
                t0 = t1;
            }
            noise(duration);
            return out.sorted();
        }

        /**
         * Log intensity of the sensor pixels that can see the image (the others stay at {@code ln(eps)}), for the
         * image at {@code offset}.
         */
        private void render(double[] offset, double[] dst) {
            double u0 = -offset[0];
            double v0 = -offset[1];
            int j0 = (int) Math.floor(u0);
            int i0 = (int) Math.floor(v0);
            float a = (float) (u0 - j0);
            float b = (float) (v0 - i0);
            float w00 = (1 - a) * (1 - b);
            float w01 = a * (1 - b);
            float w10 = (1 - a) * b;
            float w11 = a * b;
            for (int r = rowFrom; r < rowTo; r++) {
                int base = (r + i0 + pad) * paddedWidth + j0 + pad;
                for (int c = colFrom; c < colTo; c++) {
                    int p = base + c;
                    float intensity = w00 * padded[p] + w01 * padded[p + 1] + w10 * padded[p + paddedWidth]
                            + w11 * padded[p + paddedWidth + 1];
                    dst[r * size + c] = intensity <= 0f ? logBlack : logIntensity(intensity);
                }
            }
        }

        /**
         * {@code ln(I + eps)} by linear interpolation in a table over [0, 1] with {@link #LOG_STEPS} intervals;
         * the error is below {@code (1 / LOG_STEPS)^2 / (8 eps^2)}, about 3e-7 natural-log units at eps = 0.15,
         * far below any contrast threshold.
         */
        private double logIntensity(float intensity) {
            float s = Math.min(intensity, 1f) * LOG_STEPS;
            int k = (int) s;
            double f = s - k;
            return logTable[k] + f * (logTable[k + 1] - logTable[k]);
        }

        /** Fires the events of pixel {@code i} whose level crossings lie between two steps. */
        private void crossings(int i, double from, double to, double t0, double t1) {
            int x = i % size;
            int y = i / size;
            double change = to - from;
            while (to - reference[i] >= onThreshold[i]) {
                reference[i] += onThreshold[i];
                emit(i, x, y, 1, crossingTime(reference[i], from, change, t0, t1));
            }
            while (reference[i] - to >= offThreshold[i]) {
                reference[i] -= offThreshold[i];
                emit(i, x, y, 0, crossingTime(reference[i], from, change, t0, t1));
            }
        }

        private double crossingTime(double crossed, double from, double change, double t0, double t1) {
            if (change == 0) {
                return t1;
            }
            double f = (crossed - from) / change;
            return t0 + (t1 - t0) * Math.max(0, Math.min(1, f));
        }

        private void emit(int i, int x, int y, int polarity, double t) {
            if (t - lastEvent[i] < params.refractoryMicros()) {
                return;
            }
            lastEvent[i] = t;
            out.add((long) Math.floor(t), x, y, polarity);
        }

        private void noise(double duration) {
            double rate = params.noiseRateHz() * 1e-6;
            if (rate == 0) {
                return;
            }
            for (int i = 0; i < pixels; i++) {
                double t = -Math.log(1 - random.nextDouble()) / rate;
                while (t < duration) {
                    out.add((long) Math.floor(t), i % size, i / size, random.nextInt(2));
                    t += -Math.log(1 - random.nextDouble()) / rate;
                }
            }
        }

        private double mismatched(double c) {
            double z = gaussian();
            return Math.max(c / 10, c * (1 + params.thresholdMismatch() * z));
        }

        /** A standard normal value by the Box-Muller transform (fixed here, unlike the JDK's generator). */
        private double gaussian() {
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
    }

    /** The finaliser of MurmurHash3: spreads the bits of seeds and indices. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Growable event arrays; the first capacity holds a typical N-MNIST-sized recording (about 4,000 events). */
    private static final class EventBuffer {
        private static final int INITIAL = 8192;
        private long[] t = new long[INITIAL];
        private int[] x = new int[INITIAL];
        private int[] y = new int[INITIAL];
        private int[] p = new int[INITIAL];
        private int n;

        void add(long time, int col, int row, int polarity) {
            if (n == t.length) {
                int cap = 2 * n;
                t = Arrays.copyOf(t, cap);
                x = Arrays.copyOf(x, cap);
                y = Arrays.copyOf(y, cap);
                p = Arrays.copyOf(p, cap);
            }
            t[n] = time;
            x[n] = col;
            y[n] = row;
            p[n] = polarity;
            n++;
        }

        PolarityEvents sorted() {
            return PolarityEvents.of(Arrays.copyOf(t, n), Arrays.copyOf(x, n), Arrays.copyOf(y, n),
                    Arrays.copyOf(p, n)).sortedByTime();
        }
    }
}
