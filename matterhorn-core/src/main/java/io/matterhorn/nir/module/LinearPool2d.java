package io.matterhorn.nir.module;

import io.matterhorn.snn.synapse.Synapse;
import io.matterhorn.tensor.PoolSpec;
import io.matterhorn.tensor.Pooling;
import io.matterhorn.tensor.Tensor;

/**
 * Sum or mean over 2-d windows WITHOUT the 0.5 binarisation of {@code io.matterhorn.snn.layer.AvgPool2d} (NIR
 * {@code SumPool2d} and {@code AvgPool2d}):
 *
 * <pre>
 *   sum : y[b, c, o] = sum over the window of x          (zero padding)
 *   mean: y[b, c, o] = (sum over the window of x) / (kH kW)   (padding counted)
 * </pre>
 *
 * Input {@code [B, C, H, W]} per step, {@code [T, B, C, H, W]} in multi-step mode. Thread-safe (no state).
 */
public class LinearPool2d extends Synapse {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final boolean sum;
    private final PoolSpec spec;

    /**
     * @param kernel window [kH, kW]
     * @param stride [sH, sW]
     * @param padding [pH, pW]
     * @param sum true for the sum, false for the mean
     */
    protected LinearPool2d(int[] kernel, int[] stride, int[] padding, boolean sum) {
        super(false);
        PoolSpec s = PoolSpec.of(2, kernel).stride(stride).padding(padding).countIncludePad(true);
        this.spec = sum ? s.divisorOverride(1) : s;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.sum = sum;
    }

    /**
     * The window sum (NIR {@code SumPool2d}).
     *
     * @param kernel window [kH, kW]
     * @param stride [sH, sW]
     * @param padding [pH, pW]
     * @return the layer
     */
    public static LinearPool2d sum(int[] kernel, int[] stride, int[] padding) {
        return new LinearPool2d(kernel, stride, padding, true);
    }

    /**
     * The window mean, padding counted (NIR {@code AvgPool2d}).
     *
     * @param kernel window [kH, kW]
     * @param stride [sH, sW]
     * @param padding [pH, pW]
     * @return the layer
     */
    public static LinearPool2d mean(int[] kernel, int[] stride, int[] padding) {
        return new LinearPool2d(kernel, stride, padding, false);
    }

    /** @return the window (a copy) */
    public int[] kernel() {
        return kernel.clone();
    }

    /** @return the stride (a copy) */
    public int[] stride() {
        return stride.clone();
    }

    /** @return the padding (a copy) */
    public int[] padding() {
        return padding.clone();
    }

    /** @return true for the sum, false for the mean */
    public boolean isSum() {
        return sum;
    }

    @Override
    protected Tensor forwardStep(Tensor x) {
        return Pooling.avgPool(x, spec);
    }

    @Override
    protected String describe() {
        return (sum ? "SumPool2d(" : "AvgPool2d(") + spec.describe() + ", no binarisation)";
    }
}
