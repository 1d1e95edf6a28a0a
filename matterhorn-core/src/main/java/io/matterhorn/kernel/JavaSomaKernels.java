package io.matterhorn.kernel;

import java.nio.FloatBuffer;

/**
 * Pure-Java {@link SomaKernels}: the fused {@link SomaSequenceKernel} with the {@link NeuronKind} dynamics and
 * the spec's surrogate ({@link SomaSpec#javaConfig()}). This is the reference the native and CUDA kernels are
 * tested against, and the kernel every backend uses for a custom surrogate. Thread-safe.
 */
public final class JavaSomaKernels implements SomaKernels {

    @Override
    public void forward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, int steps, int neurons,
            FloatBuffer spikes, float[] u, float[] hLast) {
        SomaArgs.checkForward(spec, x, xOff, h0, steps, neurons, spikes, u, hLast);
        SomaSequenceKernel.forward(spec.javaConfig(), x, xOff, h0, steps, neurons, spikes, u, hLast);
    }

    @Override
    public double[] backward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u, FloatBuffer gradSpikes,
            int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX, float[] gradH0) {
        SomaArgs.checkBackward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0);
        return SomaSequenceKernel.backward(spec.javaConfig(), x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps,
                neurons, gradX, gradH0);
    }

    /** Skips the parameter-gradient accumulation (every parameter frozen). */
    @Override
    public void backwardInputs(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u,
            FloatBuffer gradSpikes, int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX,
            float[] gradH0) {
        SomaArgs.checkBackward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0);
        SomaSequenceKernel.backward(spec.javaConfig().withoutParameterGradients(), x, xOff, h0, u, gradSpikes, gOff,
                gradHLast, steps, neurons, gradX, gradH0);
    }
}
