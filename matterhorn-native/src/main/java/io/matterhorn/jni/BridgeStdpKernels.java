package io.matterhorn.jni;

import io.matterhorn.kernel.StdpKernels;

/**
 * {@link StdpKernels} of one {@link NativeBridge} backend (CPU or CUDA); checked in Java and again in the
 * library. Thread-safe.
 */
final class BridgeStdpKernels implements StdpKernels {
    private final int backend;

    /** @param backend {@link NativeBridge#CPU} or {@link NativeBridge#CUDA} */
    BridgeStdpKernels(int backend) {
        this.backend = backend;
    }

    @Override
    public double[] deltaWeight(float[] inputSpikes, float[] outputSpikes, int steps, int batch, int in, int out,
            double aPos, double tauPos, double aNeg, double tauNeg, double[] preCarry, double[] postCarry) {
        StdpKernels.check(inputSpikes, outputSpikes, steps, batch, in, out, aPos, tauPos, aNeg, tauNeg, preCarry,
                postCarry);
        double[] dw = new double[out * in];
        NativeBridge.stdpDeltaWeight(backend, inputSpikes, outputSpikes, steps, batch, in, out, aPos, tauPos, aNeg,
                tauNeg, preCarry, postCarry, dw);
        return dw;
    }
}
