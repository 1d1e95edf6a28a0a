package io.matterhorn.snn.synapse;

/**
 * 1-d convolution synapse, PyTorch's {@code Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0,
 * dilation=1, groups=1, bias=True)}: input {@code [B, C_in, L]} per step ({@code [T, B, C_in, L]} in
 * multi-step mode, time folded into the batch), weight {@code [C_out, C_in/groups, kL]}, bias {@code [C_out]},
 *
 * <pre>
 *   y[b, co, o] = bias[co] + sum over ci, k of weight[co, ci, k] * x[b, g*C_in/groups + ci, o*s - pad + k*dil]
 * </pre>
 *
 * with {@code g} the group of {@code co} (see {@link io.matterhorn.tensor.Convolution}). Padding may also be
 * {@code "same"} (stride 1) or {@code "valid"}.
 * Weight and bias start uniform in {@code (-1/sqrt(fanIn), 1/sqrt(fanIn))}, {@code fanIn = C_in/groups * kL}.
 * For options per dimension or by name use {@link #builder}.
 */
public class Conv1d extends ConvBase {
    /**
     * Stride 1, no padding, bias.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize kernel size in every dimension
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize kernel size in every dimension
     * @param stride stride in every dimension
     * @param padding zero padding on both sides in every dimension
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding));
    }

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize kernel size in every dimension
     * @param stride stride in every dimension (must be 1 for "same")
     * @param padding {@code "same"} or {@code "valid"}
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, String padding) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding));
    }

    /**
     * All positional arguments of PyTorch's constructor.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize kernel size in every dimension
     * @param stride stride in every dimension
     * @param padding zero padding on both sides in every dimension
     * @param dilation spacing between kernel taps
     * @param groups channel groups (divides both channel counts)
     * @param bias whether to add a bias
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation,
            int groups, boolean bias) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding).dilation(dilation)
                .groups(groups).bias(bias));
    }

    private Conv1d(ConvBuilder<Conv1d> b) {
        super("Conv1d", 1, b, false);
    }

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize kernel size, one value or 1
     * @return a builder for the other options
     */
    public static ConvBuilder<Conv1d> builder(int inChannels, int outChannels, int... kernelSize) {
        return new ConvBuilder<>(1, inChannels, outChannels, kernelSize, Conv1d::new);
    }
}
