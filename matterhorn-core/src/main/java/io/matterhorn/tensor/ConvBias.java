package io.matterhorn.tensor;

import io.matterhorn.numeric.ChannelSums;
import io.matterhorn.numeric.NumBuffer;
import io.matterhorn.numeric.Parallel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-channel bias of the convolutions: adding it to [N, C, plane] values and its gradient, the sum of the
 * output gradient over samples and positions per channel. Shared by every engine. Stateless and thread-safe.
 */
final class ConvBias {
    private ConvBias() {
    }

    /**
     * Sum over samples and positions per channel, the bias gradient.
     *
     * @param g gradient [N, C, *spatial], contiguous
     * @return shape [C], same type as g
     */
    static INDArray channelSums(INDArray g) {
        int n = (int) g.size(0);
        int c = (int) g.size(1);
        int plane = (int) (g.length() / Math.max(1L, (long) n * c));
        double[] sums = new double[c];
        if (g.dataType() == DataType.FLOAT) {
            return Buffers.fromDoubles(ChannelSums.sums(Layout.floats(g), Layout.offset(g), n, c, plane), g.dataType(),
                    c);
        }
        NumBuffer gb = Buffers.of(g);
        Parallel.forRange(c, 1, (chunk, from, to) -> {
            for (int ch = from; ch < to; ch++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += gb.sum((i * c + ch) * plane, plane);
                }
                sums[ch] = s;
            }
        });
        return Buffers.fromDoubles(sums, g.dataType(), c);
    }

    /**
     * Adds {@code bias[c]} to every element of channel c of {@code x [n, c, plane]}.
     *
     * @param x values, modified in place
     * @param bias per-channel values
     * @param n batch size
     * @param channels channel count
     * @param plane elements per channel
     */
    static void addChannelBias(NumBuffer x, NumBuffer bias, int n, int channels, int plane) {
        Parallel.forRange(n * channels, 16, (chunk, from, to) -> {
            for (int row = from; row < to; row++) {
                x.addScalar(row * plane, plane, bias.get(row % channels));
            }
        });
    }
}
