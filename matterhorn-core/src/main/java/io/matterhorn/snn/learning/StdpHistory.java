package io.matterhorn.snn.learning;

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
        if (preCarry == null) {
            preCarry = new double[batch * nIn];
            postCarry = new double[batch * nOut];
        }
        return Stdp.deltaWeight(window, in, out, steps, batch, nIn, nOut, preCarry, postCarry);
    }

    /** Forgets the recorded steps and the carried traces. */
    void reset() {
        inputs.clear();
        outputs.clear();
        batch = -1;
        preCarry = null;
        postCarry = null;
    }

    private static float[] concat(List<float[]> frames, int width) {
        float[] all = new float[frames.size() * width];
        for (int t = 0; t < frames.size(); t++) {
            System.arraycopy(frames.get(t), 0, all, t * width, width);
        }
        return all;
    }
}
