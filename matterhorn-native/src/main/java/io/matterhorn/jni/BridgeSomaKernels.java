package io.matterhorn.jni;

import io.matterhorn.kernel.SomaArgs;
import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import java.nio.FloatBuffer;

/**
 * {@link SomaKernels} backed by a native library (CPU or CUDA). Arguments are checked in Java with
 * {@link SomaArgs} (same messages as the Java backend) and again in the library.
 */
final class BridgeSomaKernels implements SomaKernels {
    private final SomaEntryPoints lib;

    /** @param lib the library's entry points */
    BridgeSomaKernels(SomaEntryPoints lib) {
        this.lib = lib;
    }

    @Override
    public void forward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, int steps, int neurons,
            FloatBuffer spikes, float[] u, float[] hLast) {
        SomaArgs.checkForward(spec, x, xOff, h0, steps, neurons, spikes, u, hLast);
        int total = steps * neurons;
        BufferArg xa = BufferArg.input(x, xOff, total);
        BufferArg sa = BufferArg.output(spikes, total);
        lib.somaForward(spec.kind().nativeId(), spec.params(), spec.surrogateId(), spec.surrogateA(),
                spec.uThreshold(), spec.uRest(), spec.hardReset(), xa.target(), xa.offset(), h0, steps, neurons,
                sa.target(), u, hLast);
        sa.finish();
    }

    @Override
    public double[] backward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u, FloatBuffer gradSpikes,
            int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX, float[] gradH0) {
        SomaArgs.checkBackward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0);
        int total = steps * neurons;
        BufferArg xa = BufferArg.input(x, xOff, total);
        BufferArg ga = BufferArg.input(gradSpikes, gOff, total);
        BufferArg gxa = BufferArg.output(gradX, total);
        double[] dp = new double[spec.kind().paramCount()];
        lib.somaBackward(spec.kind().nativeId(), spec.params(), spec.surrogateId(), spec.surrogateA(),
                spec.uThreshold(), spec.uRest(), spec.hardReset(), xa.target(), xa.offset(), h0, u, ga.target(),
                ga.offset(), gradHLast, steps, neurons, gxa.target(), gradH0, dp);
        gxa.finish();
        return dp;
    }
}
