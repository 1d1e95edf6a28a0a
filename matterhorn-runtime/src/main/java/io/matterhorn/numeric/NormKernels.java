package io.matterhorn.numeric;

/**
 * Batch and layer normalisation kernels. Statistics are accumulated in double precision (two passes: mean, then
 * the mean squared deviation), whatever the element type.
 *
 * <p><b>Batch normalisation</b> works on row-major {@code x [n, c, s]} (batch, channel, positions) and normalises
 * each channel over its {@code m = n * s} values:
 *
 * <pre>
 *   xhat = (x - mean_c) * invStd_c,   y = gamma_c * xhat + beta_c
 *   dgamma_c = sum dy * xhat,   dbeta_c = sum dy
 *   dx = gamma_c * invStd_c * (dy - dbeta_c / m - xhat * dgamma_c / m)   (statistics of this batch)
 *   dx = gamma_c * invStd_c * dy                                          (fixed running statistics)
 * </pre>
 *
 * <p><b>Layer normalisation</b> works on {@code x [rows, m]} and normalises each row, with a per-column affine map:
 *
 * <pre>
 *   xhat = (x - mean_r) * rstd_r,   y = w_j * xhat + b_j
 *   g = dy * w_j,   dx = rstd_r * (g - mean_j(g) - xhat * mean_j(g * xhat))
 *   dw_j = sum_r dy * xhat,   db_j = sum_r dy
 * </pre>
 *
 * Channels (batch norm) and rows (layer norm) are split over the cores with {@link Parallel}; column sums of layer
 * norm are combined per fixed chunk in chunk order, so results do not depend on thread timing.
 */
public final class NormKernels {
    private NormKernels() {
    }

    /**
     * Per-channel mean and biased variance of {@code x [n, c, s]}.
     *
     * @param x input
     * @param n batch size
     * @param c channels
     * @param s positions per channel and sample
     * @param mean receives the means, length c
     * @param var receives the biased variances (divided by n*s), length c
     * @return true if x held NaN
     */
    public static boolean channelStats(NumBuffer x, int n, int c, int s, double[] mean, double[] var) {
        double m = (double) n * s;
        boolean[] nan = new boolean[c];
        Parallel.forRange(c, 1, (chunk, from, to) -> {
            for (int ch = from; ch < to; ch++) {
                double sum = 0;
                for (int b = 0; b < n; b++) {
                    int base = (b * c + ch) * s;
                    for (int j = 0; j < s; j++) {
                        sum += x.get(base + j);
                    }
                }
                double mu = sum / m;
                double sq = 0;
                for (int b = 0; b < n; b++) {
                    int base = (b * c + ch) * s;
                    for (int j = 0; j < s; j++) {
                        double d = x.get(base + j) - mu;
                        sq += d * d;
                    }
                }
                mean[ch] = mu;
                var[ch] = sq / m;
                nan[ch] = sum != sum;
            }
        });
        for (boolean b : nan) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /**
     * Batch normalisation forward, {@code y = gamma * (x - mean) * invStd + beta} per channel.
     *
     * @param x input [n, c, s]
     * @param y output [n, c, s], overwritten
     * @param n batch size
     * @param c channels
     * @param s positions
     * @param mean per-channel mean, length c
     * @param invStd per-channel 1/sqrt(var + eps), length c
     * @param gamma per-channel scale [c], or null for 1
     * @param beta per-channel shift [c], or null for 0
     */
    public static void batchNormForward(NumBuffer x, NumBuffer y, int n, int c, int s, double[] mean,
            double[] invStd, NumBuffer gamma, NumBuffer beta) {
        Parallel.forRange(n * c, 16, (chunk, from, to) -> {
            for (int row = from; row < to; row++) {
                int ch = row % c;
                double scale = invStd[ch] * (gamma == null ? 1.0 : gamma.get(ch));
                double shift = (beta == null ? 0.0 : beta.get(ch)) - mean[ch] * scale;
                int base = row * s;
                for (int j = 0; j < s; j++) {
                    y.set(base + j, x.get(base + j) * scale + shift);
                }
            }
        });
    }

    /**
     * Batch normalisation backward (see the class comment).
     *
     * @param x forward input [n, c, s]
     * @param dy output gradient [n, c, s]
     * @param n batch size
     * @param c channels
     * @param s positions
     * @param mean the mean used in the forward pass
     * @param invStd the 1/sqrt(var + eps) used in the forward pass
     * @param gamma per-channel scale, or null for 1
     * @param batchStats true when mean and invStd were computed from this batch (training), false when they were
     *     fixed running statistics
     * @param dx receives the input gradient [n, c, s] (overwritten), or null if not needed
     * @param dGamma receives sum dy * xhat per channel, length c
     * @param dBeta receives sum dy per channel, length c
     */
    public static void batchNormBackward(NumBuffer x, NumBuffer dy, int n, int c, int s, double[] mean,
            double[] invStd, NumBuffer gamma, boolean batchStats, NumBuffer dx, double[] dGamma, double[] dBeta) {
        double m = (double) n * s;
        Parallel.forRange(c, 1, (chunk, from, to) -> {
            for (int ch = from; ch < to; ch++) {
                double sumDy = 0;
                double sumDyXhat = 0;
                double mu = mean[ch];
                double is = invStd[ch];
                for (int b = 0; b < n; b++) {
                    int base = (b * c + ch) * s;
                    for (int j = 0; j < s; j++) {
                        double g = dy.get(base + j);
                        sumDy += g;
                        sumDyXhat += g * (x.get(base + j) - mu) * is;
                    }
                }
                dGamma[ch] = sumDyXhat;
                dBeta[ch] = sumDy;
                if (dx == null) {
                    continue;
                }
                double scale = is * (gamma == null ? 1.0 : gamma.get(ch));
                double meanDy = batchStats ? sumDy / m : 0.0;
                double meanDyXhat = batchStats ? sumDyXhat / m : 0.0;
                for (int b = 0; b < n; b++) {
                    int base = (b * c + ch) * s;
                    for (int j = 0; j < s; j++) {
                        double xhat = (x.get(base + j) - mu) * is;
                        dx.set(base + j, scale * (dy.get(base + j) - meanDy - xhat * meanDyXhat));
                    }
                }
            }
        });
    }

    /**
     * Layer normalisation forward over the rows of {@code x [rows, m]}.
     *
     * @param x input
     * @param y output [rows, m], overwritten
     * @param rows number of rows
     * @param m row length (product of the normalised shape)
     * @param eps added to the variance
     * @param w per-column scale [m], or null for 1
     * @param b per-column shift [m], or null for 0
     * @param mean receives the row means, length rows
     * @param rstd receives the row values 1/sqrt(var + eps) (biased variance), length rows
     * @return true if x held NaN
     */
    public static boolean layerNormForward(NumBuffer x, NumBuffer y, int rows, int m, double eps, NumBuffer w,
            NumBuffer b, double[] mean, double[] rstd) {
        boolean[] nan = new boolean[1];
        Parallel.forRange(rows, 16, (chunk, from, to) -> {
            boolean sawNan = false;
            for (int r = from; r < to; r++) {
                int base = r * m;
                double sum = 0;
                for (int j = 0; j < m; j++) {
                    sum += x.get(base + j);
                }
                double mu = sum / m;
                double sq = 0;
                for (int j = 0; j < m; j++) {
                    double d = x.get(base + j) - mu;
                    sq += d * d;
                }
                double rs = 1.0 / Math.sqrt(sq / m + eps);
                mean[r] = mu;
                rstd[r] = rs;
                sawNan |= sum != sum;
                for (int j = 0; j < m; j++) {
                    double v = (x.get(base + j) - mu) * rs;
                    if (w != null) {
                        v *= w.get(j);
                    }
                    if (b != null) {
                        v += b.get(j);
                    }
                    y.set(base + j, v);
                }
            }
            if (sawNan) {
                nan[0] = true;
            }
        });
        return nan[0];
    }

    /**
     * Layer normalisation backward (see the class comment).
     *
     * @param x forward input [rows, m]
     * @param dy output gradient [rows, m]
     * @param rows number of rows
     * @param m row length
     * @param mean row means from the forward pass
     * @param rstd row values 1/sqrt(var + eps) from the forward pass
     * @param w per-column scale, or null for 1
     * @param dx receives the input gradient (overwritten), or null if not needed
     * @param dw receives sum_r dy * xhat per column (length m), or null if not needed
     * @param db receives sum_r dy per column (length m), or null if not needed
     */
    public static void layerNormBackward(NumBuffer x, NumBuffer dy, int rows, int m, double[] mean, double[] rstd,
            NumBuffer w, NumBuffer dx, double[] dw, double[] db) {
        int chunks = Parallel.chunks(rows, 16);
        double[][] partW = dw == null ? null : new double[chunks][m];
        double[][] partB = db == null ? null : new double[chunks][m];
        Parallel.forRange(rows, 16, (chunk, from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * m;
                double mu = mean[r];
                double rs = rstd[r];
                double sumG = 0;
                double sumGXhat = 0;
                for (int j = 0; j < m; j++) {
                    double g = dy.get(base + j);
                    double xhat = (x.get(base + j) - mu) * rs;
                    if (partW != null) {
                        partW[chunk][j] += g * xhat;
                    }
                    if (partB != null) {
                        partB[chunk][j] += g;
                    }
                    g *= w == null ? 1.0 : w.get(j);
                    sumG += g;
                    sumGXhat += g * xhat;
                }
                if (dx == null) {
                    continue;
                }
                double meanG = sumG / m;
                double meanGXhat = sumGXhat / m;
                for (int j = 0; j < m; j++) {
                    double g = dy.get(base + j) * (w == null ? 1.0 : w.get(j));
                    double xhat = (x.get(base + j) - mu) * rs;
                    dx.set(base + j, rs * (g - meanG - xhat * meanGXhat));
                }
            }
        });
        for (int k = 0; k < chunks; k++) {
            for (int j = 0; j < m; j++) {
                if (dw != null) {
                    dw[j] = (k == 0 ? 0.0 : dw[j]) + partW[k][j];
                }
                if (db != null) {
                    db[j] = (k == 0 ? 0.0 : db[j]) + partB[k][j];
                }
            }
        }
    }
}
