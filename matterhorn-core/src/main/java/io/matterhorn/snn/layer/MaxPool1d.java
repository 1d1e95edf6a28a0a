package io.matterhorn.snn.layer;

import io.matterhorn.tensor.PoolSpec;

/**
 * 1-d max pooling layer, PyTorch's {@code MaxPool1d(kernel_size, stride=None, padding=0, dilation=1,
 * ceil_mode=False)} (no {@code return_indices}): input {@code [B, C, L]} per step, {@code [T, B, C, L]} in
 * multi-step mode,
 *
 * <pre>
 *   y[b, c, o] = max over the window of x (padding counts as -infinity),   then   y = (y &gt;= 0.5 ? 1 : 0)
 * </pre>
 *
 * <p><b>THE OUTPUT IS BINARISED AT 0.5</b> (straight-through gradient), as in matterhorn 1.0.1: harmless on spikes,
 * destroys analog values. The gradient goes to the first maximum of each window. Stride defaults to the kernel size.
 * Per-dimension options: {@code new MaxPool1d(PoolSpec.of(1, ...).stride(...))}. See {@link PoolBase}.
 */
public class MaxPool1d extends PoolBase {
    /**
     * @param kernelSize window size in every dimension; stride = kernelSize
     */
    public MaxPool1d(int kernelSize) {
        this(PoolSpec.of(1, kernelSize));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     */
    public MaxPool1d(int kernelSize, int stride) {
        this(PoolSpec.of(1, kernelSize).stride(stride));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     * @param padding implicit -infinity padding on both sides, at most kernelSize/2
     */
    public MaxPool1d(int kernelSize, int stride, int padding) {
        this(PoolSpec.of(1, kernelSize).stride(stride).padding(padding));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     * @param padding implicit -infinity padding on both sides, at most kernelSize/2
     * @param dilation spacing between window taps
     * @param ceilMode round the output size up instead of down
     */
    public MaxPool1d(int kernelSize, int stride, int padding, int dilation, boolean ceilMode) {
        this(PoolSpec.of(1, kernelSize).stride(stride).padding(padding).dilation(dilation).ceilMode(ceilMode));
    }

    /**
     * @param spec window options with {@code spec.dims() == 1}
     */
    public MaxPool1d(PoolSpec spec) {
        this(spec, false);
    }

    /**
     * @param spec window options with {@code spec.dims() == 1}
     * @param multiStep initial mode
     */
    public MaxPool1d(PoolSpec spec, boolean multiStep) {
        super("MaxPool1d", checked(spec), true, multiStep);
    }

    private static PoolSpec checked(PoolSpec spec) {
        if (spec == null || spec.dims() != 1) {
            throw new IllegalArgumentException("MaxPool1d: needs a 1-d PoolSpec, got " + spec);
        }
        return spec;
    }
}
