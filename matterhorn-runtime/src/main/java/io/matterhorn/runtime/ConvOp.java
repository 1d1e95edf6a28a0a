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

    private void scatter(int index, float v, float[] y, int plane) {
        int c = index / (height * width);
        int rest = index - c * height * width;
        int iy = rest / width;
        int ix = rest - iy * width;
        for (int ky = 0; ky < kh; ky++) {
            int ny = iy + ph - ky * dh;
            if (ny < 0 || ny % sh != 0 || ny / sh >= outHeight) {
                continue;
            }
            int oy = ny / sh;
            for (int kx = 0; kx < kw; kx++) {
                int nx = ix + pw - kx * dw;
                if (nx < 0 || nx % sw != 0 || nx / sw >= outWidth) {
                    continue;
                }
                float[] w = taps[(c * kh + ky) * kw + kx];
                int base = oy * outWidth + nx / sw;
                for (int o = 0; o < outChannels; o++) {
                    y[o * plane + base] += v * w[o];
                }
            }
        }
    }
}
