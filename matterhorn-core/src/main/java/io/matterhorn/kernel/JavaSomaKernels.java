package io.matterhorn.kernel;

import io.matterhorn.snn.soma.SomaSequenceKernel;
import java.nio.FloatBuffer;

/**
 * Pure-Java {@link SomaKernels}: the fused {@link SomaSequenceKernel} with the {@link NeuronKind} dynamics and
 * the spec's surrogate. This is the reference the native and CUDA kernels are tested against.
 */
public final class JavaSomaKernels implements SomaKernels {

    @Override
    public void forward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, int steps, int neurons,
            FloatBuffer spikes, float[] u, float[] hLast) {
        SomaArgs.checkForward(spec, x, xOff, h0, steps, neurons, spikes, u, hLast);
        SomaSequenceKernel.forward(config(spec), x, xOff, h0, steps, neurons, spikes, u, hLast);
    }

    @Override
    public double[] backward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u, FloatBuffer gradSpikes,
            int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX, float[] gradH0) {
        SomaArgs.checkBackward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0);
        return SomaSequenceKernel.backward(config(spec), x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons,
                gradX, gradH0);
    }

    /** Skips the parameter-gradient accumulation (every parameter frozen). */
    @Override
    public void backwardInputs(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u,
            FloatBuffer gradSpikes, int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX,
            float[] gradH0) {
        SomaArgs.checkBackward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0);
        SomaSequenceKernel.backward(config(spec).withoutParameterGradients(), x, xOff, h0, u, gradSpikes, gOff,
                gradHLast, steps, neurons, gradX, gradH0);
    }

    private static SomaSequenceKernel.Config config(SomaSpec spec) {
        return new SomaSequenceKernel.Config(spec.kind().dynamics(spec.params(), spec.uRest()), spec.surrogate(),
                spec.uThreshold(), spec.uRest(), spec.hardReset());
    }
}
