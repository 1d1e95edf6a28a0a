package io.matterhorn.model;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.snn.surrogate.Surrogate;
import io.matterhorn.tensor.Tensor;

/**
 * Spike-element-wise residual block (Fang et al., NeurIPS 2021) as in 1.0.1:
 *
 * <pre>
 *   y = g(conv2(conv1(x)), shortcut(x))
 *   conv1 = ConvLIF(in, out, 3, stride = downSampling ? 2 : 1),  conv2 = ConvLIF(out, out, 3, 1)
 *   shortcut = ConvLIF(in, out, 1, 2) when down-sampling, ConvLIF(in, out, 1, 1) when in != out, else identity
 * </pre>
 *
 * with {@code g} one of {@link ResidualConnection} (ADD by default). Input and output {@code [T, B, C, H, W]}.
 */
public final class SEWBlock extends Module {
    private final Module conv1;
    private final Module conv2;
    private final Module shortcut;
    private final ResidualConnection connection;
    private final int inChannels;
    private final int outChannels;
    private final boolean downSampling;

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param tauM LIF time constant
     * @param surrogate spiking function
     * @param connection element-wise connection g
     * @param downSampling halve the spatial size
     * @param trainable whether tau_m is trained
     */
    public SEWBlock(int inChannels, int outChannels, double tauM, Surrogate surrogate, ResidualConnection connection,
            boolean downSampling, boolean trainable) {
        if (connection == null) {
            throw new IllegalArgumentException("SEWBlock: residual connection must not be null");
        }
        this.conv1 = registerChild("conv1", ConvLIF.of(inChannels, outChannels, 3, downSampling ? 2 : 1, tauM,
                surrogate, trainable));
        this.conv2 = registerChild("conv2", ConvLIF.of(outChannels, outChannels, 3, 1, tauM, surrogate, trainable));
        if (downSampling) {
            this.shortcut = registerChild("shortcut", ConvLIF.of(inChannels, outChannels, 1, 2, tauM, surrogate,
                    trainable));
        } else if (inChannels != outChannels) {
            this.shortcut = registerChild("shortcut", ConvLIF.of(inChannels, outChannels, 1, 1, tauM, surrogate,
                    trainable));
        } else {
            this.shortcut = null;
        }
        this.connection = connection;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.downSampling = downSampling;
        forceStepMode(StepMode.MULTI);
    }

    @Override
    public boolean supportsSingleStep() {
        return false;
    }

    /**
     * @param x spikes [T, B, in, H, W]
     * @return [T, B, out, H', W']
     */
    @Override
    public Tensor forward(Tensor x) {
        Tensor branch = conv2.forward(conv1.forward(x));
        Tensor skip = shortcut == null ? x : shortcut.forward(x);
        return connection.apply(branch, skip);
    }

    @Override
    protected String describe() {
        return "SEWBlock(connection=" + connection + ")";
    }

    /** @return the input channels */
    public int inChannels() {
        return inChannels;
    }

    /** @return the output channels */
    public int outChannels() {
        return outChannels;
    }

    /** @return whether the block halves the spatial size */
    public boolean downSampling() {
        return downSampling;
    }

    /** @return the element-wise connection g */
    public ResidualConnection connection() {
        return connection;
    }
}
