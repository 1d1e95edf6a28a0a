package io.matterhorn.snn.learning;

import io.matterhorn.kernel.Backends;
import java.util.ArrayList;
import java.util.List;

/**
 * The spike history an STDP layer learns from: binarised input frames {@code [B, in]} and output frames
 * {@code [B, out]}, one pair per recorded step, plus the decaying traces carried over from earlier chunks of the
 * same stream. {@link #consume(StdpWindow)} turns the recorded steps into one weight change and drops them; the
 * carried traces keep pairs that span two chunks, so the changes of consecutive chunks add up to the change of
 * the whole stream (each pair is counted once). {@link #reset()} starts a new stream.
 */
final class StdpHistory {
    private final int nIn;
    private final int nOut;
    private final List<float[]> inputs = new ArrayList<>();
    private final List<float[]> outputs = new ArrayList<>();
    private int batch = -1;
    private double[] preCarry;
    private double[] postCarry;
    /** A chunk whose update ran on an accelerated backend; its traces are rebuilt only if the stream goes on. */
    private float[][] pendingChunk;
    private int pendingSteps;

    /**
     * @param nIn input neurons
     * @param nOut output neurons
     */
    StdpHistory(int nIn, int nOut) {
        this.nIn = nIn;
        this.nOut = nOut;
    }

    /**
     * Records one step.
     *
     * @param input binarised input spikes of the step, flat [B, in]; kept, not copied
     * @param output binarised output spikes, flat [B, out]; kept, not copied
     * @param batchSize B
     * @param owner module description for error messages
     * @throws IllegalStateException if B differs from the steps recorded since the last {@link #reset()}
     */
    void record(float[] input, float[] output, int batchSize, String owner) {
        if (batch >= 0 && batchSize != batch) {
            throw new IllegalStateException(owner + ": batch size " + batchSize + " does not match the recorded "
                    + "spikes (batch " + batch + "); call reset() before feeding a different batch size");
        }
        batch = batchSize;
        inputs.add(input);
        outputs.add(output);
    }

    /** @return number of steps recorded and not yet consumed */
    int steps() {
        return inputs.size();
    }

    /**
     * The weight change of the recorded steps (pairs with their later spike in these steps); drops the steps.
     *
     * @param window the STDP window
     * @return dW, flat row-major [out, in], or null when nothing is recorded
     */
    double[] consume(StdpWindow window) {
        int steps = inputs.size();
        if (steps == 0) {
            return null;
        }
        float[] in = concat(inputs, batch * nIn);
        float[] out = concat(outputs, batch * nOut);
        inputs.clear();
        outputs.clear();
        if (preCarry == null && pendingChunk == null && accelerated()) {
            // First chunk of a stream (the usual case: Temporal resets after every sequence): no carried traces
            // are involved, so the selected native kernel computes the whole update.
            float[] dw = Backends.stdp().deltaWeight(in, out, steps, batch, nIn, nOut, window.aPos(),
                    window.tauPos(), window.aNeg(), window.tauNeg());
            pendingChunk = new float[][] {in, out};
            pendingSteps = steps;
            double[] result = new double[dw.length];
            for (int k = 0; k < dw.length; k++) {
                result[k] = dw[k];
            }
            return result;
        }
        if (preCarry == null) {
            preCarry = new double[batch * nIn];
            postCarry = new double[batch * nOut];
        }
        if (pendingChunk != null) {
            // The stream continues: rebuild the traces the accelerated chunk would have carried (its update is
            // already applied, so the result of this call is discarded).
            StdpTraceKernel.deltaWeight(window, pendingChunk[0], pendingChunk[1], pendingSteps, batch, nIn, nOut,
                    preCarry, postCarry);
            pendingChunk = null;
        }
        return StdpTraceKernel.deltaWeight(window, in, out, steps, batch, nIn, nOut, preCarry, postCarry);
    }

    /** @return whether the selected kernel backend is not the pure-Java one (whose trace form this class has) */
    private static boolean accelerated() {
        return !"java".equals(Backends.provider().name());
    }

    /** Forgets the recorded steps and the carried traces. */
    void reset() {
        inputs.clear();
        outputs.clear();
        batch = -1;
        preCarry = null;
        postCarry = null;
        pendingChunk = null;
    }

    private static float[] concat(List<float[]> frames, int width) {
        float[] all = new float[frames.size() * width];
        for (int t = 0; t < frames.size(); t++) {
            System.arraycopy(frames.get(t), 0, all, t * width, width);
        }
        return all;
    }
}
