package io.matterhorn.snn.synapse;

/**
 * 3-d transposed convolution synapse, PyTorch's {@code ConvTranspose3d(in_channels, out_channels, kernel_size,
 * stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1)} (note the positional order: groups, bias,
 * dilation): input {@code [B, C_in, D, H, W]} per step ({@code [T, B, C_in, D, H, W]} in multi-step mode), weight
 * {@code [C_in, C_out/groups, kD, kH, kW]}, bias {@code [C_out]}. Each input element spreads onto the output,
 *
 * <pre>
 *   y[b, g*C_out/groups + co, i*stride - pad + k*dilation] += x[b, ci, i] * weight[ci, co, k],   y += bias
 * </pre>
 *
 * output size {@code (in - 1)*stride - 2*pad + dilation*(k - 1) + output_padding + 1} (see
 * {@link io.matterhorn.tensor.Convolution#convTranspose}). Weight and bias start uniform in
 * {@code (-1/sqrt(fanIn), 1/sqrt(fanIn))} with {@code fanIn = C_out/groups * kD * kH * kW} (PyTorch takes the
 * fan-in from weight dimension 1). For options per dimension or by name use {@link #builder}.
 */
public class ConvTranspose3d extends ConvBase {
    /**
     * Stride 1, no padding, bias.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize kernel size in every dimension
     */
    public ConvTranspose3d(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize kernel size in every dimension
     * @param stride stride in every dimension
     * @param padding padding removed from both sides of the output
     */
    public ConvTranspose3d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding));
    }

    /**
     * All positional arguments of PyTorch's constructor, in its order.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize kernel size in every dimension
     * @param stride stride in every dimension
     * @param padding padding removed from both sides of the output
     * @param outputPadding size added to one side of the output (smaller than stride or dilation)
     * @param groups channel groups (divides both channel counts)
     * @param bias whether to add a bias
     * @param dilation spacing between kernel taps
     */
    public ConvTranspose3d(int inChannels, int outChannels, int kernelSize, int stride, int padding,
            int outputPadding, int groups, boolean bias, int dilation) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding).outputPadding(outputPadding)
                .groups(groups).bias(bias).dilation(dilation));
    }

    private ConvTranspose3d(ConvBuilder<ConvTranspose3d> b) {
        super("ConvTranspose3d", 3, b, true);
    }

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize kernel size, one value or 3
     * @return a builder for the other options
     */
    public static ConvBuilder<ConvTranspose3d> builder(int inChannels, int outChannels, int... kernelSize) {
        return new ConvBuilder<>(3, inChannels, outChannels, kernelSize, ConvTranspose3d::new);
    }
}
