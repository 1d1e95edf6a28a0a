package io.matterhorn.kernel.jvm;

import io.matterhorn.kernel.SomaKernels;
import io.matterhorn.kernel.SomaSpec;
import io.matterhorn.kernel.SomaArgs;

import io.matterhorn.neuron.NeuronSequences;
import io.matterhorn.neuron.SomaNeuron;

import java.nio.FloatBuffer;

/**
 * Pure-Java {@link SomaKernels}: the one loop {@link NeuronSequences} over the spec's {@link SomaNeuron} (the
 * {@link NeuronKind} dynamics and the spec's surrogate, {@link SomaSpec#javaNeuron()}). This is the reference the
 * native and CUDA kernels are
 * tested against, and the kernel every backend uses for a custom surrogate. Thread-safe.
 */
public final class JavaSomaKernels implements SomaKernels {

    @Override
    public void forward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, int steps, int neurons,
            FloatBuffer spikes, float[] u, float[] hLast) {
        SomaArgs.checkForward(spec, x, xOff, h0, steps, neurons, spikes, u, hLast);
        NeuronSequences.forward(spec.javaNeuron(), x, xOff, null, h0, steps, neurons, spikes, u, null, null, hLast);
    }

    @Override
    public double[] backward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u, FloatBuffer gradSpikes,
            int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX, float[] gradH0) {
        SomaArgs.checkBackward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0);
        return NeuronSequences.backward(spec.javaNeuron(), x, xOff, null, h0, u, null, gradSpikes, gOff, null,
                gradHLast, steps, neurons, gradX, null, gradH0, true);
    }

    /** Skips the parameter-gradient accumulation (every parameter frozen). */
    @Override
    public void backwardInputs(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u,
            FloatBuffer gradSpikes, int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX,
            float[] gradH0) {
        SomaArgs.checkBackward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0);
        NeuronSequences.backward(spec.javaNeuron(), x, xOff, null, h0, u, null, gradSpikes, gOff, null, gradHLast,
                steps, neurons, gradX, null, gradH0, false);
    }
}
