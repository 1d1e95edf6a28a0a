package io.matterhorn.snn.learning;

import io.matterhorn.tensor.Layout;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of activity read into Java for STDP: the values binarised ({@code 1} where non-zero) and whether
 * they already were 0/1. Rejects NaN, which would otherwise count as a spike.
 *
 * @param spikes binarised values, flat row-major, or null when not requested
 * @param binary whether every value was exactly 0 or 1
 */
record SpikeFrame(float[] spikes, boolean binary) {

    /**
     * @param values one step, any shape (row-major order is used)
     * @param keep whether to return the binarised values (else only the checks run)
     * @param owner module and argument for error messages, e.g. "STDPLinear(784, 100) input"
     * @return the frame
     * @throws IllegalArgumentException if a value is NaN
     */
    static SpikeFrame read(INDArray values, boolean keep, String owner) {
        int n = Math.toIntExact(values.length());
        float[] out = keep ? new float[n] : null;
        boolean binary = true;
        if (values.dataType() == DataType.FLOAT) {
            INDArray c = Layout.contiguous(values);
            FloatBuffer b = Layout.floats(c);
            int off = Layout.offset(c);
            for (int k = 0; k < n; k++) {
                float v = b.get(off + k);
                if (v != 0f) {
                    if (v != 1f) {
                        binary = false;
                        if (Float.isNaN(v)) {
                            throw nan(owner, k);
                        }
                    }
                    if (out != null) {
                        out[k] = 1f;
                    }
                }
            }
        } else {
            double[] d = values.dup('c').data().asDouble();
            for (int k = 0; k < n; k++) {
                double v = d[k];
                if (v != 0.0) {
                    if (v != 1.0) {
                        binary = false;
                        if (Double.isNaN(v)) {
                            throw nan(owner, k);
                        }
                    }
                    if (out != null) {
                        out[k] = 1f;
                    }
                }
            }
        }
        return new SpikeFrame(out, binary);
    }

    private static IllegalArgumentException nan(String owner, int k) {
        return new IllegalArgumentException(owner + " contains NaN (flat index " + k + ")");
    }
}
