package io.matterhorn.jni;

import io.matterhorn.kernel.StdpKernels;

/** {@link StdpKernels} backed by a native library (CPU or CUDA); checked in Java and again in the library. */
final class BridgeStdpKernels implements StdpKernels {
    private final SomaEntryPoints lib;

    /** @param lib the library's entry points */
    BridgeStdpKernels(SomaEntryPoints lib) {
        this.lib = lib;
    }

    @Override
    public float[] deltaWeight(float[] inputSpikes, float[] outputSpikes, int steps, int batch, int in, int out,
            double aPos, double tauPos, double aNeg, double tauNeg) {
        StdpKernels.check(inputSpikes, outputSpikes, steps, batch, in, out, aPos, tauPos, aNeg, tauNeg);
        float[] dw = new float[out * in];
        lib.stdpDeltaWeight(inputSpikes, outputSpikes, steps, batch, in, out, aPos, tauPos, aNeg, tauNeg, dw);
        return dw;
    }
}
