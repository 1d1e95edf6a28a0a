package io.matterhorn.runtime;

/**
 * A 2-d convolution of one sample, channel-major {@code [C, H, W]} in and out (a 1-d convolution is the case
 * {@code H = 1}), {@code groups = 1}, run as a scatter: every non-zero input {@code x[c, iy, ix]} adds
 * {@code x W[:, c, ky, kx]} to each output position it reaches, so binary input costs in proportion to its ones.
 * The weight is held per tap as one row over the output channels. Immutable.
 *
 * <pre>
 *   y[o, oy, ox] = b[o] + sum over c, ky, kx of W[o, c, ky, kx] x[c, oy s_h - p_h + ky d_h, ox s_w - p_w + kx d_w]
 * </pre>
 */
final class ConvOp extends Op {
    private final int inChannels;
    private final int outChannels;
    private final int height;
    private final int width;
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;
    private final int ph;
    private final int pw;
    private final int dh;
    private final int dw;
    private final int outHeight;
    private final int outWidth;
    private final float[][] taps;
    private final float[] bias;
    /** Per input row iy: pairs (ky, oy) of the kernel rows and output rows it reaches, flattened. */
    private final int[][] rowTaps;
    /** Per input column ix: pairs (kx, ox), flattened. */
    private final int[][] colTaps;
    /** Per input index: its channel, row and column (no division per event). */
    private final int[] inChannel;
    private final int[] inRow;
    private final int[] inCol;

    /**
     * @param label for messages
     * @param geometry {@code [C_in, H, W, C_out, kH, kW, sH, sW, pH, pW, dH, dW]}
     * @param weight W, row-major [C_out, C_in, kH, kW]
     * @param bias b [C_out], or null
     */
    ConvOp(String label, int[] geometry, float[] weight, float[] bias) {
        super(label, geometry[0] * geometry[1] * geometry[2], outputSize(geometry));
        inChannels = geometry[0];
        height = geometry[1];
        width = geometry[2];
        outChannels = geometry[3];
        kh = geometry[4];
        kw = geometry[5];
        sh = geometry[6];
        sw = geometry[7];
        ph = geometry[8];
        pw = geometry[9];
        dh = geometry[10];
        dw = geometry[11];
        outHeight = outExtent(height, kh, sh, ph, dh);
        outWidth = outExtent(width, kw, sw, pw, dw);
        if (weight.length != (long) outChannels * inChannels * kh * kw) {
            throw new IllegalArgumentException(label + ": weight holds " + weight.length + " values, expected ["
                    + outChannels + ", " + inChannels + ", " + kh + ", " + kw + "]");
        }
        taps = new float[inChannels * kh * kw][outChannels];
        for (int o = 0; o < outChannels; o++) {
            for (int t = 0; t < inChannels * kh * kw; t++) {
                taps[t][o] = weight[o * inChannels * kh * kw + t];
            }
        }
        this.bias = bias == null ? null : bias.clone();
        rowTaps = tapTable(height, kh, sh, ph, dh, outHeight);
        colTaps = tapTable(width, kw, sw, pw, dw, outWidth);
        inChannel = new int[inSize];
        inRow = new int[inSize];
        inCol = new int[inSize];
        for (int j = 0; j < inSize; j++) {
            inChannel[j] = j / (height * width);
            inRow[j] = j / width % height;
            inCol[j] = j % width;
        }
    }

    /**
     * For each input position i along one axis, the pairs (k, o) with {@code o s - p + k d = i}: kernel tap k of
     * output position o reads input i.
     */
    private static int[][] tapTable(int in, int k, int s, int p, int d, int out) {
        int[][] table = new int[in][];
        for (int i = 0; i < in; i++) {
            int[] pairs = new int[2 * k];
            int n = 0;
            for (int kk = 0; kk < k; kk++) {
                int num = i + p - kk * d;
                if (num >= 0 && num % s == 0 && num / s < out) {
                    pairs[n++] = kk;
                    pairs[n++] = num / s;
                }
            }
            table[i] = java.util.Arrays.copyOf(pairs, n);
        }
        return table;
    }

    static int outExtent(int in, int k, int s, int p, int d) {
        return (in + 2 * p - d * (k - 1) - 1) / s + 1;
    }

    private static int outputSize(int[] g) {
        int oh = outExtent(g[1], g[4], g[6], g[8], g[10]);
        int ow = outExtent(g[2], g[5], g[7], g[9], g[11]);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("convolution of a " + g[1] + "x" + g[2] + " input with a " + g[4]
                    + "x" + g[5] + " kernel leaves no output");
        }
        return g[3] * oh * ow;
    }

    /** @return the output shape {@code [C_out, H_out, W_out]} */
    int[] outputShape() {
        return new int[] {outChannels, outHeight, outWidth};
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        float[] y = out.values;
        int plane = outHeight * outWidth;
        for (int o = 0; o < outChannels; o++) {
            java.util.Arrays.fill(y, o * plane, (o + 1) * plane, bias == null ? 0f : bias[o]);
        }
        if (in.binary) {
            for (int k = 0; k < in.count; k++) {
                scatter(in.active[k], 1f, y, plane);
            }
        } else {
            float[] x = in.values;
            for (int j = 0; j < x.length; j++) {
                if (x[j] != 0f) {
                    scatter(j, x[j], y, plane);
                }
            }
        }
        out.binary = false;
    }

    /** Adds input {@code index} (value v; a spike when v is 1) to every output it reaches. */
    private void scatter(int index, float v, float[] y, int plane) {
        int c = inChannel[index];
        int[] rows = rowTaps[inRow[index]];
        int[] cols = colTaps[inCol[index]];
        int outC = outChannels;
        boolean spike = v == 1f;
        for (int a = 0; a < rows.length; a += 2) {
            int tapRow = (c * kh + rows[a]) * kw;
            int outRow = rows[a + 1] * outWidth;
            for (int b = 0; b < cols.length; b += 2) {
                float[] w = taps[tapRow + cols[b]];
                for (int o = 0, p = outRow + cols[b + 1]; o < outC; o++, p += plane) {
                    y[p] += spike ? w[o] : v * w[o];
                }
            }
        }
    }
}
