package io.matterhorn.model;

import io.matterhorn.snn.container.Sequential;
import io.matterhorn.snn.soma.LIF;
import io.matterhorn.snn.synapse.BatchNorm2d;
import io.matterhorn.snn.synapse.Conv2d;

/**
 * The convolution unit of SEW-ResNet, as 1.0.1's {@code ConvLIF}:
 * {@code Sequential(Conv2d(in, out, k, stride, padding = k/2, bias), BatchNorm2d(out), LIF)} on
 * {@code [T, B, C, H, W]}, the LIF built from the given {@link LIF.Builder} (1.0.1: u_th = 1, u_rest = 0, hard
 * reset; tau_m, spiking function and trainable as set).
 */
public final class ConvLIF {
    private ConvLIF() {
    }

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize square kernel size
     * @param stride stride
     * @param soma the LIF's settings (tau_m, spiking function, trainable, ...); a new LIF is built from it
     * @return the unit, a multi-step {@link Sequential}
     */
    public static Sequential of(int inChannels, int outChannels, int kernelSize, int stride, LIF.Builder soma) {
        if (soma == null) {
            throw new IllegalArgumentException("ConvLIF: soma builder must not be null");
        }
        return new Sequential(
                new Conv2d(inChannels, outChannels, kernelSize, stride, kernelSize / 2, 1, 1, true),
                new BatchNorm2d(outChannels),
                soma.build());
    }
}
