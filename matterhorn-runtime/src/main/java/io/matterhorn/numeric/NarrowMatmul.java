package io.matterhorn.numeric;

import java.nio.FloatBuffer;

/**
 * Matrix product {@code C = A B} for a narrow left operand, {@code A} of shape [n, k] with small {@code k} (such
 * as the output gradient of a classifier layer with 10 outputs): each row of C is the sum of {@code k} scaled rows
 * of B,
 *
 * <pre>
 *   C[r, :] = sum over q &lt; k of A[r, q] * B[q, :]
 * </pre>
 *
 * <p>ND4J's GEMM measured 3-20 ms for [8192, 10] x [10, 80] on two cores (its call overhead and a copy of the
 * result dominate at this size); these loops over whole rows of B, which the JIT vectorises, take well under
 * 1 ms. The sum over {@code q} runs in increasing order, so the result does not depend on the thread count.
 *
 * <p>A kernel below the tensor layer, like the other {@code numeric} kernels: it does not validate its arguments
 * beyond what the buffers and arrays enforce (an index outside them throws); shapes and dtypes are checked by its
 * caller ({@code io.matterhorn.tensor.Functional.linear}). Thread-safe: it keeps no state.
 */
public final class NarrowMatmul {
    /** Largest inner dimension {@code k} for which this class beats ND4J's GEMM. */
    public static final int MAX_INNER = 32;
    private static final int MIN_ROWS_PER_TASK = 256;

    private NarrowMatmul() {
    }

    /**
     * @param a left operand [n, k], row-major from {@code aOff}
     * @param aOff offset of a's first element
     * @param n rows of a
     * @param k columns of a, rows of b
     * @param b right operand as rows, {@code k} arrays of length {@code m}
     * @param c receives C [n, m], row-major from {@code cOff}
     * @param cOff offset of c's first element
     */
    public static void multiply(FloatBuffer a, int aOff, int n, int k, float[][] b, FloatBuffer c, int cOff) {
        int m = k == 0 ? 0 : b[0].length;
        Parallel.forRange(n, MIN_ROWS_PER_TASK, (chunk, from, to) -> {
            float[] aRow = new float[k];
            float[] acc = new float[m];
            for (int r = from; r < to; r++) {
                a.get(aOff + r * k, aRow, 0, k);
                java.util.Arrays.fill(acc, 0f);
                for (int q = 0; q < k; q++) {
                    float v = aRow[q];
                    if (v != 0f) {
                        float[] bq = b[q];
                        for (int j = 0; j < m; j++) {
                            acc[j] += v * bq[j];
                        }
                    }
                }
                c.put(cOff + r * m, acc, 0, m);
            }
        });
    }
}
