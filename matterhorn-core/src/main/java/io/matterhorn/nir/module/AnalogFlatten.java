package io.matterhorn.nir.module;

import io.matterhorn.snn.synapse.Synapse;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/**
 * Flattens dimensions {@code startDim..endDim} of each sample (dimensions count from the first one after the
 * batch; negative ones from the end), WITHOUT the 0.5 binarisation of {@code io.matterhorn.snn.layer.Flatten}: the
 * values pass unchanged (NIR {@code Flatten}, where they may be spike counts or potentials). Per step
 * {@code [B, ...] -> [B, ...]}; {@code [T, B, ...]} in multi-step mode. Thread-safe (no state).
 */
public class AnalogFlatten extends Synapse {
    private final int startDim;
    private final int endDim;

    /**
     * @param startDim first per-sample dimension to flatten
     * @param endDim last per-sample dimension to flatten, negative counts from the end
     */
    public AnalogFlatten(int startDim, int endDim) {
        super(false);
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** @return first flattened per-sample dimension */
    public int startDim() {
        return startDim;
    }

    /** @return last flattened per-sample dimension (negative counts from the end) */
    public int endDim() {
        return endDim;
    }

    @Override
    protected Tensor forwardStep(Tensor x) {
        long[] shape = x.shape();
        int r = shape.length - 1;
        int s = startDim < 0 ? startDim + r : startDim;
        int e = endDim < 0 ? endDim + r : endDim;
        if (r < 1 || s < 0 || e >= r || s > e) {
            throw new IllegalArgumentException("AnalogFlatten(" + startDim + ", " + endDim + "): invalid for input "
                    + Arrays.toString(shape) + " [B, ...]");
        }
        long[] out = new long[shape.length - (e - s)];
        int k = 0;
        out[k++] = shape[0];
        for (int i = 0; i < s; i++) {
            out[k++] = shape[1 + i];
        }
        long prod = 1;
        for (int i = s; i <= e; i++) {
            prod *= shape[1 + i];
        }
        out[k++] = prod;
        for (int i = e + 1; i < r; i++) {
            out[k++] = shape[1 + i];
        }
        return x.reshape(out);
    }

    @Override
    protected String describe() {
        return "AnalogFlatten(start_dim=" + startDim + ", end_dim=" + endDim + ")";
    }
}
