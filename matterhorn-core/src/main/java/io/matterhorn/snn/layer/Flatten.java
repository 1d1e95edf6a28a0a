package io.matterhorn.snn.layer;

import io.matterhorn.tensor.Tensor;
import java.util.Arrays;

/**
 * Flattens dimensions {@code startDim..endDim} of each step's tensor {@code [B, ...]} (in multi-step mode
 * dimension 0 is the folded T*B). Defaults {@code startDim = 1}, {@code endDim = -1}: {@code [T, B, C, H, W]}
 * becomes {@code [T, B, C*H*W]}. Output binarised at 0.5 like every {@link Layer}.
 */
public class Flatten extends Layer {
    private final int startDim;
    private final int endDim;

    /** Flattens everything after the batch dimension. */
    public Flatten() {
        this(1, -1, false);
    }

    /**
     * @param startDim first dimension to flatten (of the per-step tensor)
     * @param endDim last dimension to flatten, negative counts from the end
     * @param multiStep initial mode
     */
    public Flatten(int startDim, int endDim, boolean multiStep) {
        super(multiStep);
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** @return the first flattened dimension of the per-step tensor */
    public int startDim() {
        return startDim;
    }

    /** @return the last flattened dimension (negative counts from the end) */
    public int endDim() {
        return endDim;
    }

    @Override
    protected Tensor forwardStep(Tensor x) {
        int r = x.rank();
        int s = startDim < 0 ? startDim + r : startDim;
        int e = endDim < 0 ? endDim + r : endDim;
        if (s < 0 || e >= r || s > e) {
            throw new IllegalArgumentException("Flatten(" + startDim + ", " + endDim + "): invalid for per-step input "
                    + Arrays.toString(x.shape()));
        }
        long[] shape = x.shape();
        long[] out = new long[r - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) {
            out[k++] = shape[i];
        }
        long prod = 1;
        for (int i = s; i <= e; i++) {
            prod *= shape[i];
        }
        out[k++] = prod;
        for (int i = e + 1; i < r; i++) {
            out[k++] = shape[i];
        }
        return x.reshape(out);
    }

    @Override
    protected String describe() {
        return "Flatten(start_dim=" + startDim + ", end_dim=" + endDim + ")";
    }
}
