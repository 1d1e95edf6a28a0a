package io.matterhorn.model;

import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.snn.synapse.BatchNorm2d;
import io.matterhorn.snn.synapse.Conv2d;

/**
 * The convolution unit of SEW-ResNet, as 1.0.1's {@code ConvLIF}:
 * {@code Sequential(Conv2d(in, out, k, stride, padding = k/2, bias), BatchNorm2d(out), LIF(tau_m, surrogate))}
 * on {@code [T, B, C, H, W]} (u_th = 1, u_rest = 0, hard reset).
 */
public final class ConvLIF {
    private ConvLIF() {
    }

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize square kernel size
     * @param stride stride
     * @param tauM LIF time constant
     * @param surrogate spiking function
     * @param trainable whether tau_m is trained
     * @return the unit, a multi-step {@link Sequential}
     */
    public static Sequential of(int inChannels, int outChannels, int kernelSize, int stride, double tauM,
            Surrogate surrogate, boolean trainable) {
        return new Sequential(
                new Conv2d(inChannels, outChannels, kernelSize, stride, kernelSize / 2, 1, 1, true),
                new BatchNorm2d(outChannels),
                LIF.builder().tauM(tauM).spikingFunction(surrogate).trainable(trainable).build());
    }
}
