package io.matterhorn.runtime;

/**
 * 2-d pooling of one sample {@code [C, H, W]} (1-d: {@code H = 1}; dilation 1, floor mode): average (divisor
 * {@code kH kW}, padding counted, as PyTorch's default), maximum (padding ignored) or sum. With {@code binarise}
 * the result is {@code y >= 0.5 ? 1 : 0}, as every spike-to-spike layer of matterhorn 1.0.1 does. Immutable.
 */
final class PoolOp extends Op {
    /** The reduction. */
    enum Mode { AVG, MAX, SUM }

    private final Mode mode;
    private final boolean binarise;
    private final int channels;
    private final int height;
    private final int width;
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;
    private final int ph;
    private final int pw;
    private final int outHeight;
    private final int outWidth;

    /**
     * @param geometry {@code [C, H, W, kH, kW, sH, sW, pH, pW]}
     */
    PoolOp(String label, Mode mode, boolean binarise, int[] geometry) {
        super(label, geometry[0] * geometry[1] * geometry[2], geometry[0]
                * ConvOp.outExtent(geometry[1], geometry[3], geometry[5], geometry[7], 1)
                * ConvOp.outExtent(geometry[2], geometry[4], geometry[6], geometry[8], 1));
        this.mode = mode;
        this.binarise = binarise;
        channels = geometry[0];
        height = geometry[1];
        width = geometry[2];
        kh = geometry[3];
        kw = geometry[4];
        sh = geometry[5];
        sw = geometry[6];
        ph = geometry[7];
        pw = geometry[8];
        outHeight = ConvOp.outExtent(height, kh, sh, ph, 1);
        outWidth = ConvOp.outExtent(width, kw, sw, pw, 1);
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException(label + ": a " + height + "x" + width + " input leaves no output");
        }
    }

    @Override
    boolean binaryOutput() {
        return binarise;
    }

    /** @return the output shape {@code [C, H_out, W_out]} */
    int[] outputShape() {
        return new int[] {channels, outHeight, outWidth};
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        float[] x = in.values;
        float[] y = out.values;
        float divisor = kh * kw;
        int k = 0;
        for (int c = 0; c < channels; c++) {
            int base = c * height * width;
            for (int oy = 0; oy < outHeight; oy++) {
                for (int ox = 0; ox < outWidth; ox++) {
                    float acc = mode == Mode.MAX ? Float.NEGATIVE_INFINITY : 0f;
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * sh - ph + ky;
                        if (iy < 0 || iy >= height) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * sw - pw + kx;
                            if (ix < 0 || ix >= width) {
                                continue;
                            }
                            float v = x[base + iy * width + ix];
                            acc = mode == Mode.MAX ? Math.max(acc, v) : acc + v;
                        }
                    }
                    float r = mode == Mode.AVG ? acc / divisor : acc;
                    y[k++] = binarise ? (r >= 0.5f ? 1f : 0f) : r;
                }
            }
        }
        if (binarise) {
            out.indexOnes();
        } else {
            out.binary = false;
        }
    }
}
