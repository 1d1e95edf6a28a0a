package io.matterhorn.snn.layer;

import io.matterhorn.tensor.PoolSpec;

/**
 * 3-d average pooling layer, PyTorch's {@code AvgPool3d(kernel_size, stride=None, padding=0, ceil_mode=False,
 * count_include_pad=True, divisor_override=None)}:
 * input {@code [B, C, D, H, W]} per step, {@code [T, B, C, D, H, W]} in multi-step mode,
 *
 * <pre>
 *   y[b, c, o] = (sum over the window of x) / divisor,   then   y = (y &gt;= 0.5 ? 1 : 0)
 * </pre>
 *
 * with divisor = window size (with or without padding, {@code count_include_pad}) or {@code divisorOverride}
 * when non-zero.
 *
 * <p><b>THE OUTPUT IS BINARISED AT 0.5</b> (straight-through gradient), as in matterhorn 1.0.1: on spikes the layer
 * outputs 1 where at least half of the window spiked (a tie counts: 2 of 4 gives 1). Stride defaults to the kernel
 * size. Per-dimension options: {@code new AvgPool3d(PoolSpec.of(3, ...).stride(...))}. See {@link PoolBase}.
 */
public class AvgPool3d extends PoolBase {
    /**
     * @param kernelSize window size in every dimension; stride = kernelSize
     */
    public AvgPool3d(int kernelSize) {
        this(PoolSpec.of(3, kernelSize));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     */
    public AvgPool3d(int kernelSize, int stride) {
        this(PoolSpec.of(3, kernelSize).stride(stride));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     * @param padding implicit zero padding on both sides, at most kernelSize/2
     */
    public AvgPool3d(int kernelSize, int stride, int padding) {
        this(PoolSpec.of(3, kernelSize).stride(stride).padding(padding));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     * @param padding implicit zero padding on both sides, at most kernelSize/2
     * @param ceilMode round the output size up instead of down
     * @param countIncludePad whether padding counts in the divisor
     */
    public AvgPool3d(int kernelSize, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        this(PoolSpec.of(3, kernelSize).stride(stride).padding(padding).ceilMode(ceilMode)
                .countIncludePad(countIncludePad));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     * @param padding implicit zero padding on both sides, at most kernelSize/2
     * @param ceilMode round the output size up instead of down
     * @param countIncludePad whether padding counts in the divisor
     * @param divisorOverride divisor of every window instead of its size (non-zero), 0 for none
     */
    public AvgPool3d(int kernelSize, int stride, int padding, boolean ceilMode, boolean countIncludePad,
            int divisorOverride) {
        this(PoolSpec.of(3, kernelSize).stride(stride).padding(padding).ceilMode(ceilMode)
                .countIncludePad(countIncludePad).divisorOverride(divisorOverride));
    }

    /**
     * @param spec window options with {@code spec.dims() == 3}
     */
    public AvgPool3d(PoolSpec spec) {
        this(spec, false);
    }

    /**
     * @param spec window options with {@code spec.dims() == 3}
     * @param multiStep initial mode
     */
    public AvgPool3d(PoolSpec spec, boolean multiStep) {
        super("AvgPool3d", checked(spec), false, multiStep);
    }

    private static PoolSpec checked(PoolSpec spec) {
        if (spec == null || spec.dims() != 3) {
            throw new IllegalArgumentException("AvgPool3d: needs a 3-d PoolSpec, got " + spec);
        }
        return spec;
    }
}
