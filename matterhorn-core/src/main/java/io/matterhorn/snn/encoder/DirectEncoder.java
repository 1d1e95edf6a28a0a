package io.matterhorn.snn.encoder;

import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/**
 * Passes a sequence that already has a time axis through, moving time to the front as the rest of the library
 * expects (matterhorn 1.0.1's {@code DirectEncoder}):
 *
 * <pre>
 *   y[t, b, ...] = x[b, t, ...]          x [B, T, ...]  -&gt;  y [T, B, ...]
 *   dL/dx[b, t, ...] = dL/dy[t, b, ...]
 * </pre>
 *
 * <p>The values are not changed; the gradient flows through (a swap of dimensions 0 and 1). Typical use: event
 * data sets that yield {@code [B, T, C, H, W]} frames. Spike-valued input stays marked as spikes.
 */
public class DirectEncoder extends Encoder {

    /**
     * @param x a batch of sequences, shape [B, T, ...] (at least 2 dimensions)
     * @return the same values with time first, shape [T, B, ...]
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("DirectEncoder: there are no time steps: expected input [B, T, ...] "
                    + "with at least 2 dimensions, got " + Arrays.toString(x.shape()));
        }
        int[] order = new int[x.rank()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        order[0] = 1;
        order[1] = 0;
        return x.permute(order);
    }

    @Override
    protected String describe() {
        return "DirectEncoder()";
    }
}
