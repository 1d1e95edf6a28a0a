package io.matterhorn.kernel;

import java.nio.FloatBuffer;

/**
 * Event-driven matrix products for sparse (spike) inputs, in pure Java. For an input row with k non-zero
 * entries the forward costs k*out multiply-adds instead of in*out; MNIST Poisson spikes are about 14% ones.
 */
public final class SpikeMatmul {
    private SpikeMatmul() {
    }

    /**
     * {@code y[r, :] = sum over i with x[r, i] != 0 of x[r, i] * wt[i, :]}, i.e. {@code y = x W^T} with
     * {@code wt = W^T}.
     *
     * @param x input, rows x in, row-major, starting at {@code xOff}
     * @param xOff offset of x's first element
     * @param wt transposed weight, in x out, row-major
     * @param y output, rows x out, row-major, starting at {@code yOff}
     * @param yOff offset of y's first element
     * @param rows number of rows
     * @param in input features
     * @param out output features
     */
    public static void forward(FloatBuffer x, int xOff, float[] wt, FloatBuffer y, int yOff, int rows, int in,
            int out) {
        Parallel.forRange(rows, 64, (chunk, from, to) -> {
            float[] acc = new float[out];
            float[] xRow = new float[in];
            for (int r = from; r < to; r++) {
                x.get(xOff + r * in, xRow, 0, in);
                java.util.Arrays.fill(acc, 0f);
                for (int i = 0; i < in; i++) {
                    float v = xRow[i];
                    if (v != 0f) {
                        addScaled(acc, wt, i * out, v, out);
                    }
                }
                y.put(yOff + r * out, acc, 0, out);
            }
        });
    }

    /**
     * Weight gradient {@code dW^T[i, :] = sum over r with x[r, i] != 0 of x[r, i] * g[r, :]}, i.e.
     * {@code dW = g^T x} returned transposed.
     *
     * @param x input, rows x in, row-major from {@code xOff}
     * @param xOff offset of x's first element
     * @param g output gradient, rows x out, row-major from {@code gOff}
     * @param gOff offset of g's first element
     * @param rows number of rows
     * @param in input features
     * @param out output features
     * @return dW^T as in x out, row-major
     */
    public static float[] weightGradTransposed(FloatBuffer x, int xOff, FloatBuffer g, int gOff, int rows, int in,
            int out) {
        int chunks = Parallel.chunks(rows, 64);
        float[][] partial = new float[chunks][];
        Parallel.forRange(rows, 64, (chunk, from, to) -> {
            float[] acc = new float[in * out];
            float[] xRow = new float[in];
            float[] gRow = new float[out];
            for (int r = from; r < to; r++) {
                x.get(xOff + r * in, xRow, 0, in);
                g.get(gOff + r * out, gRow, 0, out);
                for (int i = 0; i < in; i++) {
                    float v = xRow[i];
                    if (v != 0f) {
                        addScaledAt(acc, i * out, gRow, v, out);
                    }
                }
            }
            partial[chunk] = acc;
        });
        float[] total = partial[0];
        for (int c = 1; c < chunks; c++) {
            float[] p = partial[c];
            for (int k = 0; k < total.length; k++) {
                total[k] += p[k];
            }
        }
        return total;
    }

    /** {@code acc[k] += v * src[srcOff + k]} for k in [0, n). */
    private static void addScaled(float[] acc, float[] src, int srcOff, float v, int n) {
        if (v == 1f) {
            for (int k = 0; k < n; k++) {
                acc[k] += src[srcOff + k];
            }
        } else {
            for (int k = 0; k < n; k++) {
                acc[k] += v * src[srcOff + k];
            }
        }
    }

    /** {@code acc[accOff + k] += v * src[k]} for k in [0, n). */
    private static void addScaledAt(float[] acc, int accOff, float[] src, float v, int n) {
        if (v == 1f) {
            for (int k = 0; k < n; k++) {
                acc[accOff + k] += src[k];
            }
        } else {
            for (int k = 0; k < n; k++) {
                acc[accOff + k] += v * src[k];
            }
        }
    }
}
