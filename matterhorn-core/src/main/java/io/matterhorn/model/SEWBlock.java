package io.matterhorn.model;

import io.matterhorn.snn.Module;
import io.matterhorn.snn.StepMode;
import io.matterhorn.snn.soma.LIF;
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
 * with {@code g} one of {@link ResidualConnection} (ADD by default). Input and output {@code [T, B, C, H, W]}. Made
 * by {@link #builder(int, int)}.
 */
public final class SEWBlock extends Module {
    private final Module conv1;
    private final Module conv2;
    private final Module shortcut;
    private final ResidualConnection connection;
    private final int inChannels;
    private final int outChannels;
    private final boolean downSampling;

    private SEWBlock(Builder b) {
        if (b.connection == null) {
            throw new IllegalArgumentException("SEWBlock: residual connection must not be null");
        }
        if (b.soma == null) {
            throw new IllegalArgumentException("SEWBlock: soma builder must not be null");
        }
        this.conv1 = registerChild("conv1", ConvLIF.of(b.inChannels, b.outChannels, 3, b.downSampling ? 2 : 1,
                b.soma));
        this.conv2 = registerChild("conv2", ConvLIF.of(b.outChannels, b.outChannels, 3, 1, b.soma));
        if (b.downSampling) {
            this.shortcut = registerChild("shortcut", ConvLIF.of(b.inChannels, b.outChannels, 1, 2, b.soma));
        } else if (b.inChannels != b.outChannels) {
            this.shortcut = registerChild("shortcut", ConvLIF.of(b.inChannels, b.outChannels, 1, 1, b.soma));
        } else {
            this.shortcut = null;
        }
        this.connection = b.connection;
        this.inChannels = b.inChannels;
        this.outChannels = b.outChannels;
        this.downSampling = b.downSampling;
        forceStepMode(StepMode.MULTI);
    }

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @return a builder with the LIF defaults (tau_m = 2, Rectangular(2), not trainable), connection ADD and no
     *     down-sampling
     */
    public static Builder builder(int inChannels, int outChannels) {
        return new Builder(inChannels, outChannels);
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

    /** Builder for {@link SEWBlock}; not thread-safe. */
    public static final class Builder {
        private final int inChannels;
        private final int outChannels;
        private LIF.Builder soma = LIF.builder();
        private ResidualConnection connection = ResidualConnection.ADD;
        private boolean downSampling;

        private Builder(int inChannels, int outChannels) {
            this.inChannels = inChannels;
            this.outChannels = outChannels;
        }

        /**
         * @param v the settings of every LIF of the block (tau_m, spiking function, trainable, ...), not null
         *     (default {@code LIF.builder()}); read when {@link #build()} is called
         * @return this builder
         */
        public Builder soma(LIF.Builder v) {
            soma = v;
            return this;
        }

        /**
         * @param v element-wise connection g, not null (default ADD)
         * @return this builder
         */
        public Builder connection(ResidualConnection v) {
            connection = v;
            return this;
        }

        /**
         * @param v whether the block halves the spatial size (stride 2 and a 1x1 shortcut; default false)
         * @return this builder
         */
        public Builder downSampling(boolean v) {
            downSampling = v;
            return this;
        }

        /**
         * @return the block
         * @throws IllegalArgumentException when the soma or the connection is null
         */
        public SEWBlock build() {
            return new SEWBlock(this);
        }
    }
}
