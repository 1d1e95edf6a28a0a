package io.matterhorn.data.simulation;

import java.util.Arrays;
import java.util.Objects;

/**
 * The motion of the image in front of the simulated camera: a closed polygon of image positions visited by
 * straight saccades of equal duration, with an optional pause (no motion) between two saccades.
 *
 * <p>The position is the sub-pixel offset of the image's upper left pixel on the sensor canvas, in pixels
 * ({@code x} to the right, {@code y} down). Saccade {@code k} moves from vertex {@code k} to vertex
 * {@code (k + 1) mod n} with the smooth profile of a pan-tilt unit that starts and stops at rest:
 * <pre>
 *   u = (t - start_k) / saccade          in [0, 1]
 *   s(u) = u - sin(2 pi u) / (2 pi)      (velocity proportional to sin^2(pi u), zero at both ends)
 *   position = v_k + s(u) (v_{k+1} - v_k)
 * </pre>
 * Saccade {@code k} starts at {@code k (saccade + pause)}; the whole path lasts
 * {@code n saccade + (n - 1) pause} and ends where it began.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SaccadePath {

    private final double[] xs;
    private final double[] ys;
    private final double saccadeMicros;
    private final double pauseMicros;

    /**
     * Creates a path.
     *
     * @param xs            image x offsets of the vertices, in pixels (at least 2 vertices)
     * @param ys            image y offsets of the vertices, same length as {@code xs}
     * @param saccadeMicros duration of one saccade in microseconds, {@code > 0}
     * @param pauseMicros   rest between two saccades in microseconds, {@code >= 0}
     * @throws IllegalArgumentException if the arrays differ in length, have fewer than 2 vertices, hold a
     *                                  non-finite value, or a duration is out of range
     */
    public SaccadePath(double[] xs, double[] ys, double saccadeMicros, double pauseMicros) {
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(ys, "ys");
        if (xs.length != ys.length || xs.length < 2) {
            throw new IllegalArgumentException("SaccadePath: xs and ys must have the same length >= 2, got "
                    + xs.length + " and " + ys.length);
        }
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                throw new IllegalArgumentException("SaccadePath: vertex " + i + " (" + xs[i] + ", " + ys[i]
                        + ") is not finite");
            }
        }
        if (!(saccadeMicros > 0) || Double.isInfinite(saccadeMicros)) {
            throw new IllegalArgumentException("SaccadePath: saccadeMicros must be > 0 and finite, got "
                    + saccadeMicros);
        }
        if (!(pauseMicros >= 0) || Double.isInfinite(pauseMicros)) {
            throw new IllegalArgumentException("SaccadePath: pauseMicros must be >= 0 and finite, got " + pauseMicros);
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.saccadeMicros = saccadeMicros;
        this.pauseMicros = pauseMicros;
    }

    /**
     * The N-MNIST-like default: three saccades of 100 ms with 5 ms rests (310 ms in all) around the triangle
     * (0.5, 1) -> (1.5, 5) -> (5.5, 1) -> (0.5, 1) pixels. On a 34x34 canvas a 28x28 digit then stays inside the
     * sensor; the directions and sizes (about 4 px down, 4 px right-and-up, 5 px left) follow the drift of the
     * event centroid in a real N-MNIST recording, and the 310 ms its duration (654 to 311,175 us).
     *
     * @return the default path
     */
    public static SaccadePath nmnist() {
        return new SaccadePath(new double[] {0.5, 1.5, 5.5}, new double[] {1.0, 5.0, 1.0}, 100_000, 5_000);
    }

    /**
     * Returns the number of saccades (= vertices).
     *
     * @return {@code >= 2}
     */
    public int saccades() {
        return xs.length;
    }

    /**
     * Returns the duration of the whole path.
     *
     * @return {@code n saccade + (n - 1) pause}, in microseconds
     */
    public double durationMicros() {
        return xs.length * saccadeMicros + (xs.length - 1) * pauseMicros;
    }

    /**
     * Returns the smallest and largest offsets the path reaches.
     *
     * @return {@code {minX, maxX, minY, maxY}} in pixels
     */
    public double[] bounds() {
        return new double[] {Arrays.stream(xs).min().orElseThrow(), Arrays.stream(xs).max().orElseThrow(),
                Arrays.stream(ys).min().orElseThrow(), Arrays.stream(ys).max().orElseThrow()};
    }

    /**
     * Writes the image offset at time {@code t}.
     *
     * @param tMicros time since the start of the path in microseconds (clamped to the path)
     * @param out     receives {@code {x, y}} in pixels
     */
    public void offsetAt(double tMicros, double[] out) {
        int n = xs.length;
        double period = saccadeMicros + pauseMicros;
        double t = Math.max(0, Math.min(tMicros, durationMicros()));
        int k = Math.min(n - 1, (int) Math.floor(t / period));
        double u = Math.min(1.0, (t - k * period) / saccadeMicros);
        double s = u - Math.sin(2 * Math.PI * u) / (2 * Math.PI);
        int next = (k + 1) % n;
        out[0] = xs[k] + s * (xs[next] - xs[k]);
        out[1] = ys[k] + s * (ys[next] - ys[k]);
    }

    /**
     * Describes the path; used in cache keys, so it names every value.
     *
     * @return for example {@code saccades[x=[0.5, 1.5, 5.5], y=[1.0, 5.0, 1.0], saccade=100000.0, pause=5000.0]}
     */
    @Override
    public String toString() {
        return "saccades[x=" + Arrays.toString(xs) + ", y=" + Arrays.toString(ys) + ", saccade=" + saccadeMicros
                + ", pause=" + pauseMicros + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaccadePath p && Arrays.equals(xs, p.xs) && Arrays.equals(ys, p.ys)
                && saccadeMicros == p.saccadeMicros && pauseMicros == p.pauseMicros;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(xs), Arrays.hashCode(ys), saccadeMicros, pauseMicros);
    }
}
