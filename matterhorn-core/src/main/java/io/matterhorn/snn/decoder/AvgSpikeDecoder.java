package io.matterhorn.snn.decoder;

import io.matterhorn.tensor.Tensor;

/** Firing rate: {@code y = (1/T) sum over t of x_t}, {@code [T, B, ...] -> [B, ...]}. */
public class AvgSpikeDecoder extends Decoder {
    @Override
    public Tensor forward(Tensor x) {
        requireSequence(x);
        return x.mean(0);
    }
}
