package io.matterhorn.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Direct-loop reference implementations (float64, straight from the defining sums) used to test the im2col +
 * GEMM convolution. Spatial shapes of rank 1 to 3 are padded in front with size-1 axes.
 */
final class ConvReference {
    private ConvReference() {
    }

    private static int[] pad3(long[] shape, int from, int fill) {
        int dims = shape.length - from;
        int[] r = {fill, fill, fill};
        for (int i = 0; i < dims; i++) {
            r[3 - dims + i] = (int) shape[from + i];
        }
        return r;
    }

    private static int[] pad3(int[] v, int fill) {
        int[] r = {fill, fill, fill};
        System.arraycopy(v, 0, r, 3 - v.length, v.length);
        return r;
    }

    /**
     * y[n, co, o] = b[co] + sum_{ci, k} w[co, ci, k] x[n, g*cinG + ci, o*s - pb + k*d].
     *
     * @param x [N, Cin, *in]
     * @param w [Cout, Cin/groups, *k]
     * @param b [Cout] or null
     * @param stride per dim
     * @param padBefore per dim
     * @param padAfter per dim
     * @param dilation per dim
     * @param groups groups
     * @return [N, Cout, *out], float64
     */
    static INDArray conv(INDArray x, INDArray w, INDArray b, int[] stride, int[] padBefore, int[] padAfter,
            int[] dilation, int groups) {
        int dims = x.rank() - 2;
        int n = (int) x.size(0);
        int cin = (int) x.size(1);
        int cout = (int) w.size(0);
        int cinG = cin / groups;
        int coutG = cout / groups;
        int[] in = pad3(x.shape(), 2, 1);
        int[] k = pad3(w.shape(), 2, 1);
        int[] s = pad3(stride, 1);
        int[] pb = pad3(padBefore, 0);
        int[] pa = pad3(padAfter, 0);
        int[] d = pad3(dilation, 1);
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            out[a] = (in[a] + pb[a] + pa[a] - d[a] * (k[a] - 1) - 1) / s[a] + 1;
        }
        double[] xv = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] wv = w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] bv = b == null ? null : b.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] y = new double[n * cout * out[0] * out[1] * out[2]];
        int idx = 0;
        for (int nn = 0; nn < n; nn++) {
            for (int co = 0; co < cout; co++) {
                int g = co / coutG;
                for (int o0 = 0; o0 < out[0]; o0++) {
                    for (int o1 = 0; o1 < out[1]; o1++) {
                        for (int o2 = 0; o2 < out[2]; o2++) {
                            double sum = bv == null ? 0 : bv[co];
                            for (int ci = 0; ci < cinG; ci++) {
                                for (int k0 = 0; k0 < k[0]; k0++) {
                                    int i0 = o0 * s[0] - pb[0] + k0 * d[0];
                                    for (int k1 = 0; k1 < k[1]; k1++) {
                                        int i1 = o1 * s[1] - pb[1] + k1 * d[1];
                                        for (int k2 = 0; k2 < k[2]; k2++) {
                                            int i2 = o2 * s[2] - pb[2] + k2 * d[2];
                                            if (i0 < 0 || i0 >= in[0] || i1 < 0 || i1 >= in[1] || i2 < 0
                                                    || i2 >= in[2]) {
                                                continue;
                                            }
                                            int c = g * cinG + ci;
                                            double xe = xv[(((nn * cin + c) * in[0] + i0) * in[1] + i1) * in[2] + i2];
                                            double we = wv[(((co * cinG + ci) * k[0] + k0) * k[1] + k1) * k[2] + k2];
                                            sum += xe * we;
                                        }
                                    }
                                }
                            }
                            y[idx++] = sum;
                        }
                    }
                }
            }
        }
        long[] shape = new long[dims + 2];
        shape[0] = n;
        shape[1] = cout;
        for (int i = 0; i < dims; i++) {
            shape[2 + i] = out[3 - dims + i];
        }
        return Nd4j.create(y, shape, 'c');
    }

    /**
     * Transposed convolution by its scatter definition: y[n, g*coutG + co, i*s - p + k*d] += x[n, ci, i] w[ci, co, k].
     *
     * @param x [N, Cin, *in]
     * @param w [Cin, Cout/groups, *k]
     * @param b [Cout] or null
     * @param stride per dim
     * @param padding per dim
     * @param outputPadding per dim
     * @param dilation per dim
     * @param groups groups
     * @return [N, Cout, *out], float64
     */
    static INDArray convTranspose(INDArray x, INDArray w, INDArray b, int[] stride, int[] padding,
            int[] outputPadding, int[] dilation, int groups) {
        int dims = x.rank() - 2;
        int n = (int) x.size(0);
        int cin = (int) x.size(1);
        int coutG = (int) w.size(1);
        int cout = coutG * groups;
        int cinG = cin / groups;
        int[] in = pad3(x.shape(), 2, 1);
        int[] k = pad3(w.shape(), 2, 1);
        int[] s = pad3(stride, 1);
        int[] p = pad3(padding, 0);
        int[] op = pad3(outputPadding, 0);
        int[] d = pad3(dilation, 1);
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            out[a] = (in[a] - 1) * s[a] - 2 * p[a] + d[a] * (k[a] - 1) + op[a] + 1;
        }
        double[] xv = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] wv = w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] y = new double[n * cout * out[0] * out[1] * out[2]];
        for (int nn = 0; nn < n; nn++) {
            for (int ci = 0; ci < cin; ci++) {
                int g = ci / cinG;
                for (int i0 = 0; i0 < in[0]; i0++) {
                    for (int i1 = 0; i1 < in[1]; i1++) {
                        for (int i2 = 0; i2 < in[2]; i2++) {
                            double xe = xv[(((nn * cin + ci) * in[0] + i0) * in[1] + i1) * in[2] + i2];
                            for (int co = 0; co < coutG; co++) {
                                for (int k0 = 0; k0 < k[0]; k0++) {
                                    int o0 = i0 * s[0] - p[0] + k0 * d[0];
                                    for (int k1 = 0; k1 < k[1]; k1++) {
                                        int o1 = i1 * s[1] - p[1] + k1 * d[1];
                                        for (int k2 = 0; k2 < k[2]; k2++) {
                                            int o2 = i2 * s[2] - p[2] + k2 * d[2];
                                            if (o0 < 0 || o0 >= out[0] || o1 < 0 || o1 >= out[1] || o2 < 0
                                                    || o2 >= out[2]) {
                                                continue;
                                            }
                                            double we = wv[(((ci * coutG + co) * k[0] + k0) * k[1] + k1) * k[2] + k2];
                                            int c = g * coutG + co;
                                            y[(((nn * cout + c) * out[0] + o0) * out[1] + o1) * out[2] + o2] += xe * we;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if (b != null) {
            double[] bv = b.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int plane = out[0] * out[1] * out[2];
            for (int i = 0; i < y.length; i++) {
                y[i] += bv[(i / plane) % cout];
            }
        }
        long[] shape = new long[dims + 2];
        shape[0] = n;
        shape[1] = cout;
        for (int i = 0; i < dims; i++) {
            shape[2 + i] = out[3 - dims + i];
        }
        return Nd4j.create(y, shape, 'c');
    }

    /**
     * @param seed seed
     * @param shape shape
     * @return float64 values uniform in [-1, 1)
     */
    static INDArray random(long seed, long... shape) {
        return GradientCheck.randomWeights(shape, seed);
    }
}
