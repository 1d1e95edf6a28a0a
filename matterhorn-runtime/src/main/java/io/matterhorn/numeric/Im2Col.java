package io.matterhorn.numeric;

import java.nio.FloatBuffer;

/**
 * The two data movements that turn a convolution into a matrix product (for one sample):
 *
 * <pre>
 *   gather:      cols[(c*K + k) * rowLength + colFrom + o] = x[xFrom + c*inPlane + src(k, o)]   (0 in the padding)
 *   scatterAdd:  x[xFrom + c*inPlane + src(k, o)] += cols[(c*K + k) * rowLength + colFrom + o]
 * </pre>
 *
 * for channels {@code c < channels}, kernel taps {@code k < K = kernelSize} and output positions
 * {@code o < outPlane}, with {@code src} from {@link ConvGeometry}. {@code cols} is a row-major matrix
 * {@code [channels * K, rowLength]}; one sample fills the {@code outPlane} columns starting at {@code colFrom}, so
 * several samples side by side make one wide matrix for a single GEMM.
 *
 * <p>The float32 variants read or write one sample held in a Java array and move whole {@code cols} rows with
 * bulk buffer copies, so the per-element work runs on arrays (no per-element buffer calls).
 *
 * <p>Calls for different samples touch disjoint elements and may run in parallel.
 */
public final class Im2Col {
    private Im2Col() {
    }

    /**
     * Copies the receptive fields of one sample into columns (see the class comment).
     *
     * @param x input values; the sample's first channel starts at {@code xFrom}, channels {@code inPlane} apart
     * @param xFrom element of {@code x} where the sample's first channel starts
     * @param channels number of channels to copy
     * @param g window geometry
     * @param cols destination matrix [channels * kernelSize, rowLength]
     * @param rowLength row length of {@code cols}
     * @param colFrom first column written
     * @return true if a value read was NaN
     */
    public static boolean gather(NumBuffer x, int xFrom, int channels, ConvGeometry g, NumBuffer cols,
            int rowLength, int colFrom) {
        int[] s0 = g.sourceTable(0);
        int[] s1 = g.sourceTable(1);
        int[] s2 = g.sourceTable(2);
        int o0n = g.out(0);
        int o1n = g.out(1);
        int o2n = g.out(2);
        int in1 = g.in(1);
        int in2 = g.in(2);
        int inPlane = g.inPlane();
        boolean nan = false;
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int xc = xFrom + c * inPlane;
            for (int k0 = 0; k0 < g.kernel(0); k0++) {
                for (int k1 = 0; k1 < g.kernel(1); k1++) {
                    for (int k2 = 0; k2 < g.kernel(2); k2++, row++) {
                        int dst = row * rowLength + colFrom;
                        int t2 = k2 * o2n;
                        for (int o0 = 0; o0 < o0n; o0++) {
                            int i0 = s0[k0 * o0n + o0];
                            for (int o1 = 0; o1 < o1n; o1++, dst += o2n) {
                                int i1 = s1[k1 * o1n + o1];
                                if (i0 < 0 || i1 < 0) {
                                    cols.fill(dst, o2n, 0.0);
                                    continue;
                                }
                                int src = xc + (i0 * in1 + i1) * in2;
                                for (int o2 = 0; o2 < o2n; o2++) {
                                    int i2 = s2[t2 + o2];
                                    double v = i2 < 0 ? 0.0 : x.get(src + i2);
                                    nan |= v != v;
                                    cols.set(dst + o2, v);
                                }
                            }
                        }
                    }
                }
            }
        }
        return nan;
    }

    /**
     * Adds columns back onto the input positions they were read from (the adjoint of {@link #gather}).
     *
     * @param cols source matrix [channels * kernelSize, rowLength]
     * @param rowLength row length of {@code cols}
     * @param colFrom first column read
     * @param channels number of channels
     * @param g window geometry
     * @param x destination; the sample's first channel starts at {@code xFrom}
     * @param xFrom element of {@code x} where the sample's first channel starts
     */
    public static void scatterAdd(NumBuffer cols, int rowLength, int colFrom, int channels, ConvGeometry g,
            NumBuffer x, int xFrom) {
        int[] s0 = g.sourceTable(0);
        int[] s1 = g.sourceTable(1);
        int[] s2 = g.sourceTable(2);
        int o0n = g.out(0);
        int o1n = g.out(1);
        int o2n = g.out(2);
        int in1 = g.in(1);
        int in2 = g.in(2);
        int inPlane = g.inPlane();
        int row = 0;
        for (int c = 0; c < channels; c++) {
            int xc = xFrom + c * inPlane;
            for (int k0 = 0; k0 < g.kernel(0); k0++) {
                for (int k1 = 0; k1 < g.kernel(1); k1++) {
                    for (int k2 = 0; k2 < g.kernel(2); k2++, row++) {
                        int src = row * rowLength + colFrom;
                        int t2 = k2 * o2n;
                        for (int o0 = 0; o0 < o0n; o0++) {
                            int i0 = s0[k0 * o0n + o0];
                            for (int o1 = 0; o1 < o1n; o1++, src += o2n) {
                                int i1 = s1[k1 * o1n + o1];
                                if (i0 < 0 || i1 < 0) {
                                    continue;
                                }
                                int dst = xc + (i0 * in1 + i1) * in2;
                                for (int o2 = 0; o2 < o2n; o2++) {
                                    int i2 = s2[t2 + o2];
                                    if (i2 >= 0) {
                                        x.add(dst + i2, cols.get(src + o2));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * float32 {@link #gather}: the sample's channels come from a Java array, each {@code cols} row is written
     * with one bulk copy.
     *
     * @param x the sample's input, [channels, inPlane] from element 0
     * @param channels number of channels
     * @param g window geometry
     * @param cols destination matrix [channels * kernelSize, rowLength], row-major from {@code colsOff}
     * @param colsOff offset of cols's first element
     * @param rowLength row length of {@code cols}
     * @param colFrom first column written
     * @param row scratch of at least {@code outPlane} elements
     */
    public static void gather(float[] x, int channels, ConvGeometry g, FloatBuffer cols, int colsOff,
            int rowLength, int colFrom, float[] row) {
        int[] s0 = g.sourceTable(0);
        int[] s1 = g.sourceTable(1);
        int[] s2 = g.sourceTable(2);
        int o0n = g.out(0);
        int o1n = g.out(1);
        int o2n = g.out(2);
        int in1 = g.in(1);
        int in2 = g.in(2);
        int inPlane = g.inPlane();
        int outPlane = g.outPlane();
        int r = 0;
        for (int c = 0; c < channels; c++) {
            int xc = c * inPlane;
            for (int k0 = 0; k0 < g.kernel(0); k0++) {
                for (int k1 = 0; k1 < g.kernel(1); k1++) {
                    for (int k2 = 0; k2 < g.kernel(2); k2++, r++) {
                        int t2 = k2 * o2n;
                        int dst = 0;
                        for (int o0 = 0; o0 < o0n; o0++) {
                            int i0 = s0[k0 * o0n + o0];
                            for (int o1 = 0; o1 < o1n; o1++, dst += o2n) {
                                int i1 = s1[k1 * o1n + o1];
                                if (i0 < 0 || i1 < 0) {
                                    java.util.Arrays.fill(row, dst, dst + o2n, 0f);
                                    continue;
                                }
                                int src = xc + (i0 * in1 + i1) * in2;
                                for (int o2 = 0; o2 < o2n; o2++) {
                                    int i2 = s2[t2 + o2];
                                    row[dst + o2] = i2 < 0 ? 0f : x[src + i2];
                                }
                            }
                        }
                        cols.put(colsOff + r * rowLength + colFrom, row, 0, outPlane);
                    }
                }
            }
        }
    }

    /**
     * float32 {@link #scatterAdd}: each {@code cols} row is read with one bulk copy and added onto the sample
     * held in a Java array.
     *
     * @param cols source matrix [channels * kernelSize, rowLength], row-major from {@code colsOff}
     * @param colsOff offset of cols's first element
     * @param rowLength row length of {@code cols}
     * @param colFrom first column read
     * @param channels number of channels
     * @param g window geometry
     * @param x the sample's accumulator [channels, inPlane] from element 0, added to
     * @param row scratch of at least {@code outPlane} elements
     */
    public static void scatterAdd(FloatBuffer cols, int colsOff, int rowLength, int colFrom, int channels,
            ConvGeometry g, float[] x, float[] row) {
        int[] s0 = g.sourceTable(0);
        int[] s1 = g.sourceTable(1);
        int[] s2 = g.sourceTable(2);
        int o0n = g.out(0);
        int o1n = g.out(1);
        int o2n = g.out(2);
        int in1 = g.in(1);
        int in2 = g.in(2);
        int inPlane = g.inPlane();
        int outPlane = g.outPlane();
        int r = 0;
        for (int c = 0; c < channels; c++) {
            int xc = c * inPlane;
            for (int k0 = 0; k0 < g.kernel(0); k0++) {
                for (int k1 = 0; k1 < g.kernel(1); k1++) {
                    for (int k2 = 0; k2 < g.kernel(2); k2++, r++) {
                        cols.get(colsOff + r * rowLength + colFrom, row, 0, outPlane);
                        int t2 = k2 * o2n;
                        int src = 0;
                        for (int o0 = 0; o0 < o0n; o0++) {
                            int i0 = s0[k0 * o0n + o0];
                            for (int o1 = 0; o1 < o1n; o1++, src += o2n) {
                                int i1 = s1[k1 * o1n + o1];
                                if (i0 < 0 || i1 < 0) {
                                    continue;
                                }
                                int dst = xc + (i0 * in1 + i1) * in2;
                                for (int o2 = 0; o2 < o2n; o2++) {
                                    int i2 = s2[t2 + o2];
                                    if (i2 >= 0) {
                                        x[dst + i2] += row[src + o2];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
