package io.matterhorn.snn.layer;

import io.matterhorn.tensor.PoolSpec;

/**
 * 2-d max pooling layer, PyTorch's {@code MaxPool2d(kernel_size, stride=None, padding=0, dilation=1,
 * ceil_mode=False)} (no {@code return_indices}): input {@code [B, C, H, W]} per step, {@code [T, B, C, H, W]} in
 * multi-step mode,
 *
 * <pre>
 *   y[b, c, o] = max over the window of x (padding counts as -infinity),   then   y = (y &gt;= 0.5 ? 1 : 0)
 * </pre>
 *
 * <p><b>THE OUTPUT IS BINARISED AT 0.5</b> (straight-through gradient), as in matterhorn 1.0.1: harmless on spikes,
 * destroys analog values. The gradient goes to the first maximum of each window. Stride defaults to the kernel size.
 * Per-dimension options: {@code new MaxPool2d(PoolSpec.of(2, ...).stride(...))}. See {@link PoolBase}.
 */
public class MaxPool2d extends PoolBase {
    /**
     * @param kernelSize window size in every dimension; stride = kernelSize
     */
    public MaxPool2d(int kernelSize) {
        this(PoolSpec.of(2, kernelSize));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     */
    public MaxPool2d(int kernelSize, int stride) {
        this(PoolSpec.of(2, kernelSize).stride(stride));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     * @param padding implicit -infinity padding on both sides, at most kernelSize/2
     */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(PoolSpec.of(2, kernelSize).stride(stride).padding(padding));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     * @param padding implicit -infinity padding on both sides, at most kernelSize/2
     * @param dilation spacing between window taps
     * @param ceilMode round the output size up instead of down
     */
    public MaxPool2d(int kernelSize, int stride, int padding, int dilation, boolean ceilMode) {
        this(PoolSpec.of(2, kernelSize).stride(stride).padding(padding).dilation(dilation).ceilMode(ceilMode));
    }

    /**
     * @param spec window options with {@code spec.dims() == 2}
     */
    public MaxPool2d(PoolSpec spec) {
        this(spec, false);
    }

    /**
     * @param spec window options with {@code spec.dims() == 2}
     * @param multiStep initial mode
     */
    public MaxPool2d(PoolSpec spec, boolean multiStep) {
        super("MaxPool2d", checked(spec), true, multiStep);
    }

    private static PoolSpec checked(PoolSpec spec) {
        if (spec == null || spec.dims() != 2) {
            throw new IllegalArgumentException("MaxPool2d: needs a 2-d PoolSpec, got " + spec);
        }
        return spec;
    }
}
