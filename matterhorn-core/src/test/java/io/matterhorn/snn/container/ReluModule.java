package io.matterhorn.snn.container;

import io.matterhorn.snn.Module;
import io.matterhorn.tensor.Tensor;

/** A stateless test module (elementwise relu) that supports both step modes, like a plain activation. */
final class ReluModule extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
