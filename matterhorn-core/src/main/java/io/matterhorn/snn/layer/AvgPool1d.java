package io.matterhorn.snn.layer;

import io.matterhorn.tensor.PoolSpec;

/**
 * 1-d average pooling layer, PyTorch's {@code AvgPool1d(kernel_size, stride=None, padding=0, ceil_mode=False,
 * count_include_pad=True)}:
 * input {@code [B, C, L]} per step, {@code [T, B, C, L]} in multi-step mode,
 *
 * <pre>
 *   y[b, c, o] = (sum over the window of x) / divisor,   then   y = (y &gt;= 0.5 ? 1 : 0)
 * </pre>
 *
 * with divisor = window size (with or without padding, {@code count_include_pad}).
 *
 * <p><b>THE OUTPUT IS BINARISED AT 0.5</b> (straight-through gradient), as in matterhorn 1.0.1: on spikes the layer
 * outputs 1 where at least half of the window spiked (a tie counts: 2 of 4 gives 1). Stride defaults to the kernel
 * size. Per-dimension options: {@code new AvgPool1d(PoolSpec.of(1, ...).stride(...))}. See {@link PoolBase}.
 */
public class AvgPool1d extends PoolBase {
    /**
     * @param kernelSize window size in every dimension; stride = kernelSize
     */
    public AvgPool1d(int kernelSize) {
        this(PoolSpec.of(1, kernelSize));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     */
    public AvgPool1d(int kernelSize, int stride) {
        this(PoolSpec.of(1, kernelSize).stride(stride));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     * @param padding implicit zero padding on both sides, at most kernelSize/2
     */
    public AvgPool1d(int kernelSize, int stride, int padding) {
        this(PoolSpec.of(1, kernelSize).stride(stride).padding(padding));
    }

    /**
     * @param kernelSize window size in every dimension
     * @param stride stride in every dimension
     * @param padding implicit zero padding on both sides, at most kernelSize/2
     * @param ceilMode round the output size up instead of down
     * @param countIncludePad whether padding counts in the divisor
     */
    public AvgPool1d(int kernelSize, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        this(PoolSpec.of(1, kernelSize).stride(stride).padding(padding).ceilMode(ceilMode)
                .countIncludePad(countIncludePad));
    }

    /**
     * @param spec window options with {@code spec.dims() == 1}
     */
    public AvgPool1d(PoolSpec spec) {
        this(spec, false);
    }

    /**
     * @param spec window options with {@code spec.dims() == 1}
     * @param multiStep initial mode
     */
    public AvgPool1d(PoolSpec spec, boolean multiStep) {
        super("AvgPool1d", checked(spec), false, multiStep);
    }

    private static PoolSpec checked(PoolSpec spec) {
        if (spec == null || spec.dims() != 1) {
            throw new IllegalArgumentException("AvgPool1d: needs a 1-d PoolSpec, got " + spec);
        }
        if (spec.divisorOverride() != 0) {
            throw new IllegalArgumentException("AvgPool1d: divisor_override exists only for AvgPool2d and AvgPool3d");
        }
        return spec;
    }
}
