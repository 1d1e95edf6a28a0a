package io.matterhorn.runtime;

import io.matterhorn.numeric.SpikeMatmul;
import java.util.Arrays;

/**
 * {@code y = W x + b} for one sample, {@code W [out, in]} held transposed as one row per input. Binary input is
 * event-driven: only the rows of the active inputs are added, in the order of training's
 * {@link SpikeMatmul#sumEntries} (so the streamed sums equal training's bit for bit); analog input adds
 * {@code x_j W[:, j]} for its non-zero entries in ascending j. Immutable.
 */
final class LinearOp extends Op {
    private final float[][] rowsByInput;
    private final float[] bias;

    /**
     * @param label for messages
     * @param weight W, row-major [out, in]
     * @param in input features
     * @param out output features
     * @param bias b [out], or null
     */
    LinearOp(String label, float[] weight, int in, int out, float[] bias) {
        super(label, in, out);
        if (weight.length != (long) in * out) {
            throw new IllegalArgumentException(label + ": weight holds " + weight.length + " values, expected ["
                    + out + ", " + in + "]");
        }
        if (bias != null && bias.length != out) {
            throw new IllegalArgumentException(label + ": bias holds " + bias.length + " values, expected " + out);
        }
        rowsByInput = new float[in][out];
        for (int o = 0; o < out; o++) {
            for (int j = 0; j < in; j++) {
                rowsByInput[j][o] = weight[o * in + j];
            }
        }
        this.bias = bias == null ? null : bias.clone();
    }

    @Override
    void step(Signal in, float[] state, int off, Signal out, StreamRandom random) {
        float[] y = out.values;
        int n = outSize;
        Arrays.fill(y, 0f);
        if (in.binary) {
            SpikeMatmul.sumEntries(y, 0, in.count, in.active, null, rowsByInput, n);
        } else {
            float[] x = in.values;
            for (int j = 0; j < x.length; j++) {
                float v = x[j];
                if (v != 0f) {
                    addScaled(y, rowsByInput[j], v, n);
                }
            }
        }
        if (bias != null) {
            for (int o = 0; o < n; o++) {
                y[o] += bias[o];
            }
        }
        out.binary = false;
    }

    private static void addScaled(float[] acc, float[] row, float v, int n) {
        for (int q = 0; q < n; q++) {
            acc[q] += v * row[q];
        }
    }
}
