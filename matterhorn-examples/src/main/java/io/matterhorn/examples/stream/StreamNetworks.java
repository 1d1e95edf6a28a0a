package io.matterhorn.examples.stream;

import io.matterhorn.examples.nmnist.NmnistConfig;
import io.matterhorn.examples.nmnist.NmnistExample;
import io.matterhorn.io.Models;
import io.matterhorn.runtime.StreamingNetwork;
import io.matterhorn.snn.Module;
import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.layer.Flatten;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.BatchNorm2d;
import io.matterhorn.snn.synapse.Conv2d;
import io.matterhorn.snn.synapse.Linear;
import java.io.IOException;
import java.util.Random;

/**
 * The networks of the streaming benchmark, as their training modules compiled by {@link Models#streaming}:
 * {@code mlp} and {@code conv} are exactly the networks of the PyTorch and ONNX Runtime references
 * ({@code torch_reference_stream.py}), {@code example4} is example 4's network with N-MNIST-sized input.
 */
enum StreamNetworks {
    /** Example 1's network: 784 -> 80 -> 10, LIF (tau 2, threshold 1, hard reset) after each Linear (no bias). */
    MLP(new int[] {784}, 0.13),
    /** [2, 34, 34] -> Conv2d(2, 8, 3, stride 2, padding 1) -> BatchNorm2d(8) -> LIF -> Flatten -> Linear(2312, 10)
     * -> LIF. */
    CONV(new int[] {2, 34, 34}, 0.05),
    /** Example 4's network (three Conv2d(., 64, 3, stride 2) + LIF, average decoder, Linear head), [2, 34, 34]. */
    EXAMPLE4(new int[] {2, 34, 34}, 0.05);

    private final int[] inputShape;
    private final double density;

    StreamNetworks(int[] inputShape, double density) {
        this.inputShape = inputShape;
        this.density = density;
    }

    int[] inputShape() {
        return inputShape.clone();
    }

    /** @return share of ones in the benchmark's random binary input, as in the references */
    double density() {
        return density;
    }

    /** @return the network as training modules with seeded random weights, in evaluation mode */
    Module model(long seed) {
        Random r = new Random(seed);
        Module m = switch (this) {
            case MLP -> new Sequential(new Linear(784, 80, false, false, r), LIF.builder().tauM(2.0).build(),
                    new Linear(80, 10, false, false, r), LIF.builder().tauM(2.0).build());
            case CONV -> new Sequential(Conv2d.builder(2, 8, 3).stride(2).padding(1).random(r).build(),
                    new BatchNorm2d(8), LIF.builder().tauM(2.0).build(), new Flatten(),
                    new Linear(8 * 17 * 17, 10, true, false, r), LIF.builder().tauM(2.0).build());
            case EXAMPLE4 -> NmnistExample.buildModel(NmnistConfig.defaults());
        };
        m.eval();
        return m;
    }

    /**
     * @param seed weight seed
     * @return the compiled network
     * @throws IOException when compiling fails
     */
    StreamingNetwork compile(long seed) throws IOException {
        return Models.streaming(model(seed), inputShape);
    }
}
