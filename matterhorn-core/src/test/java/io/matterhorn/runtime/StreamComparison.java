package io.matterhorn.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The comparison both streaming equivalence tests make: every sample of a {@code [T, B, ...]} input is its own
 * stream, the streams are stepped interleaved (step t of every stream before step t + 1), and each step's output
 * must equal the training graph's (spikes exactly, analog values within 1e-5 relative); the outputs must hold at
 * least one spike, or the comparison could not see a wrong one.
 */
final class StreamComparison {
    private StreamComparison() {
    }

    /**
     * @param net the compiled network
     * @param xs the input, time-major {@code [T, B, inputSize]}, flattened
     * @param ys the training graph's output, time-major {@code [T, B, outputSize]}, flattened
     * @param steps T
     * @param batch B
     * @return the B streams after the T steps
     */
    static StreamState[] assertStepsEqual(StreamingNetwork net, float[] xs, float[] ys, int steps, int batch) {
        int per = net.inputSize();
        int out = net.outputSize();
        assertEquals(ys.length / (steps * batch), out, "output size");
        StreamState[] streams = new StreamState[batch];
        for (int b = 0; b < batch; b++) {
            streams[b] = net.newState();
        }
        float[] step = new float[per];
        float[] got = new float[out];
        int ones = 0;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(xs, (t * batch + b) * per, step, 0, per);
                net.step(step, streams[b], got);
                for (int j = 0; j < out; j++) {
                    float want = ys[(t * batch + b) * out + j];
                    assertEquals(want, got[j], 1e-5 * Math.max(1, Math.abs(want)),
                            net + " t=" + t + " b=" + b + " j=" + j);
                    ones += want == 1f ? 1 : 0;
                }
            }
        }
        assertTrue(ones > 0, net + ": the output never fired; the test would not see a wrong spike");
        return streams;
    }
}
