package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;
import java.util.random.RandomGenerator;

/**
 * Moves every event in space by correlated Gaussian noise (tonic {@code SpatialJitter}), with covariance
 * {@code [[varX, sigmaXY], [sigmaXY, varY]]}. Two standard normal draws {@code g1, g2} per event, in stream order,
 * through the Cholesky factor of the covariance:
 * <pre>
 * dx = sqrt(varX) * g1
 * dy = sigmaXY / sqrt(varX) * g1 + sqrt(varY - sigmaXY^2 / varX) * g2     (dy = sqrt(varY) * g2 when varX = 0)
 * x' = x + round(dx)    y' = y + round(dy)
 * </pre>
 * Events moved off the sensor are dropped (tonic's {@code clip_outliers}; coordinates here cannot be negative).
 *
 * @param varX    variance in x, {@code >= 0}
 * @param varY    variance in y, {@code >= 0}
 * @param sigmaXY covariance of x and y; {@code sigmaXY^2 <= varX * varY}
 */
public record SpatialJitter(double varX, double varY, double sigmaXY) implements EventTransform {

    /**
     * Validates the covariance.
     *
     * @param varX variance in x, {@code >= 0}
     * @param varY variance in y, {@code >= 0}
     * @param sigmaXY covariance of x and y; {@code sigmaXY^2 <= varX * varY}
     * @throws IllegalArgumentException if a variance is negative or the matrix is not positive semi-definite
     */
    public SpatialJitter {
        if (!(varX >= 0) || !(varY >= 0) || Double.isInfinite(varX) || Double.isInfinite(varY)
                || !Double.isFinite(sigmaXY) || sigmaXY * sigmaXY > varX * varY) {
            throw new IllegalArgumentException("SpatialJitter: need finite varX, varY >= 0 and sigmaXY^2 <= varX*varY"
                    + ", got varX " + varX + ", varY " + varY + ", sigmaXY " + sigmaXY);
        }
    }

    @Override
    public PolarityEvents apply(PolarityEvents events, SensorSize sensor, RandomGenerator random) {
        int n = events.size();
        double sx = Math.sqrt(varX);
        double cross = varX == 0 ? 0 : sigmaXY / sx;
        double sy = varX == 0 ? Math.sqrt(varY) : Math.sqrt(Math.max(0, varY - sigmaXY * sigmaXY / varX));
        long[] x = new long[n];
        long[] y = new long[n];
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            double g1 = random.nextGaussian();
            double g2 = random.nextGaussian();
            x[i] = events.x(i) + Math.round(sx * g1);
            y[i] = events.y(i) + Math.round(cross * g1 + sy * g2);
            keep[i] = x[i] >= 0 && x[i] < sensor.width() && y[i] >= 0 && y[i] < sensor.height();
        }
        long[] t = events.times();
        int[] pol = events.polarities();
        int m = 0;
        for (boolean k : keep) {
            m += k ? 1 : 0;
        }
        long[] t2 = new long[m];
        int[] x2 = new int[m];
        int[] y2 = new int[m];
        int[] p2 = new int[m];
        for (int i = 0, j = 0; i < n; i++) {
            if (keep[i]) {
                t2[j] = t[i];
                x2[j] = (int) x[i];
                y2[j] = (int) y[i];
                p2[j] = pol[i];
                j++;
            }
        }
        return PolarityEvents.of(t2, x2, y2, p2);
    }
}
