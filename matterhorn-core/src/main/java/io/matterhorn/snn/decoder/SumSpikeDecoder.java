package io.matterhorn.snn.decoder;

import io.matterhorn.tensor.Tensor;

/** Spike count: {@code y = sum over t of x_t}, {@code [T, B, ...] -> [B, ...]}. */
public class SumSpikeDecoder extends Decoder {
    @Override
    public Tensor forward(Tensor x) {
        requireSequence(x);
        return x.sum(0);
    }
}
