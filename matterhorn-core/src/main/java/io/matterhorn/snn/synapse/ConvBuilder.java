package io.matterhorn.snn.synapse;

import io.matterhorn.Matterhorn;
import io.matterhorn.tensor.ConvSpec;
import java.util.Random;
import java.util.function.Function;

/**
 * Named-argument construction of the convolution synapses, for the options PyTorch passes by keyword:
 *
 * <pre>{@code
 * Conv2d c = Conv2d.builder(2, 64, 3).stride(2).padding(1).bias(false).build();
 * Conv2d same = Conv2d.builder(64, 64, 3).padding("same").dilation(2).build();
 * ConvTranspose2d up = ConvTranspose2d.builder(64, 32, 3).stride(2).padding(1).outputPadding(1).build();
 * }</pre>
 *
 * Every option takes one value (for every spatial dimension) or one value per dimension. Defaults as in PyTorch:
 * stride 1, padding 0, dilation 1, groups 1, bias on, output padding 0; the module starts in single-step mode
 * (a {@code Sequential} switches it to multi-step).
 *
 * @param <M> the module built
 */
public final class ConvBuilder<M> {
    final int inChannels;
    final int outChannels;
    final int[] kernel;
    private final int dims;
    private final Function<ConvBuilder<M>, M> factory;
    private int[] stride = {1};
    private int[] padding = {0};
    private String paddingMode;
    private int[] dilation = {1};
    private int[] outputPadding = {0};
    private int groups = 1;
    boolean bias = true;
    boolean multiStep;
    Random random = Matterhorn.random();

    ConvBuilder(int dims, int inChannels, int outChannels, int[] kernel, Function<ConvBuilder<M>, M> factory) {
        this.dims = dims;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel.clone();
        this.factory = factory;
    }

    /**
     * @param s stride
     * @return this builder
     */
    public ConvBuilder<M> stride(int... s) {
        stride = s.clone();
        return this;
    }

    /**
     * @param p zero padding on both sides
     * @return this builder
     */
    public ConvBuilder<M> padding(int... p) {
        padding = p.clone();
        paddingMode = null;
        return this;
    }

    /**
     * @param mode {@code "same"} (stride 1 only) or {@code "valid"}; convolutions only
     * @return this builder
     */
    public ConvBuilder<M> padding(String mode) {
        paddingMode = mode;
        return this;
    }

    /**
     * @param d spacing between kernel taps
     * @return this builder
     */
    public ConvBuilder<M> dilation(int... d) {
        dilation = d.clone();
        return this;
    }

    /**
     * @param p extra output size on one side; transposed convolutions only
     * @return this builder
     */
    public ConvBuilder<M> outputPadding(int... p) {
        outputPadding = p.clone();
        return this;
    }

    /**
     * @param g number of groups; both channel counts must be divisible by it
     * @return this builder
     */
    public ConvBuilder<M> groups(int g) {
        groups = g;
        return this;
    }

    /**
     * @param on whether to add a learnable bias
     * @return this builder
     */
    public ConvBuilder<M> bias(boolean on) {
        bias = on;
        return this;
    }

    /**
     * @param on start in multi-step mode ({@code [T, B, ...]} input)
     * @return this builder
     */
    public ConvBuilder<M> multiStep(boolean on) {
        multiStep = on;
        return this;
    }

    /**
     * @param r source of the initial weights (seed it for reproducible weights)
     * @return this builder
     */
    public ConvBuilder<M> random(Random r) {
        if (r == null) {
            throw new IllegalArgumentException("ConvBuilder: random must not be null");
        }
        random = r;
        return this;
    }

    /** @return the module */
    public M build() {
        return factory.apply(this);
    }

    /** @return the options as a {@link ConvSpec} (validated there) */
    ConvSpec spec() {
        ConvSpec s = ConvSpec.of(dims).stride(stride).dilation(dilation).outputPadding(outputPadding).groups(groups);
        return paddingMode != null ? s.padding(paddingMode) : s.padding(padding);
    }
}
