package io.matterhorn.jni;

import io.matterhorn.numeric.ChannelSums;
import java.nio.FloatBuffer;

/**
 * The per-channel sums in the CPU library ({@link NativeBridge#channelSums}), installed into {@link ChannelSums}
 * when a native backend is selected; same order of additions as {@link ChannelSums#sumsInJava}, so the same
 * results. Thread-safe.
 */
final class BridgeChannelSums implements ChannelSums.Accelerator {

    @Override
    public double[] sums(FloatBuffer g, int off, int n, int channels, int plane) {
        BufferArg ga = BufferArg.input(g, off, Math.multiplyExact(Math.multiplyExact(n, channels), plane));
        double[] sums = new double[channels];
        NativeBridge.channelSums(ga.target(), ga.offset(), n, channels, plane, sums);
        return sums;
    }
}
