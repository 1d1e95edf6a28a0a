package io.matterhorn.snn.synapse;

import io.matterhorn.snn.InputChecks;
import io.matterhorn.snn.InputShape;
import io.matterhorn.tensor.ConvSpec;
import io.matterhorn.tensor.Convolution;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shared part of the convolution synapses ({@link Conv1d}, {@link Conv2d}, {@link Conv3d} and the transposed
 * {@link ConvTranspose1d}, {@link ConvTranspose2d}, {@link ConvTranspose3d}): parameters, PyTorch's
 * initialisation, input checks and printing. Input per step is {@code [B, C_in, *spatial]}; in multi-step mode
 * {@code [T, B, C_in, *spatial]} with time folded into the batch. Only zero padding exists (PyTorch's
 * {@code padding_mode="zeros"}).
 *
 * <p>Initialisation: weight and bias uniform in {@code (-1/sqrt(fanIn), 1/sqrt(fanIn))} with
 * {@code fanIn = weight.size(1) * prod(kernel)}, as PyTorch computes it for both kinds.
 */
public abstract class ConvBase extends Synapse {
    private final String kind;
    private final int dims;
    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private final ConvSpec spec;
    private final boolean transposed;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * @param kind class name for messages, e.g. "Conv2d"
     * @param dims number of spatial dimensions
     * @param b the options
     * @param transposed whether the weight is laid out [C_in, C_out/groups, *kernel] (transposed convolution)
     *     instead of [C_out, C_in/groups, *kernel]
     */
    ConvBase(String kind, int dims, ConvBuilder<?> b, boolean transposed) {
        super(b.multiStep);
        this.kind = kind;
        this.dims = dims;
        this.transposed = transposed;
        this.inChannels = b.inChannels;
        this.outChannels = b.outChannels;
        if (b.kernel.length != 1 && b.kernel.length != dims) {
            throw new IllegalArgumentException(kind + ": kernel_size needs 1 or " + dims + " values, got "
                    + Arrays.toString(b.kernel));
        }
        this.kernel = new int[dims];
        for (int d = 0; d < dims; d++) {
            kernel[d] = b.kernel.length == 1 ? b.kernel[0] : b.kernel[d];
            if (kernel[d] < 1) {
                throw new IllegalArgumentException(kind + ": kernel_size must be positive, got "
                        + Arrays.toString(b.kernel));
            }
        }
        try {
            this.spec = b.spec();
        } catch (IllegalArgumentException e) {
            throw InputShape.wrap(kind, e);
        }
        int groups = spec.groups();
        if (inChannels <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException(kind + ": in_channels and out_channels must be positive, got "
                    + inChannels + " and " + outChannels);
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(kind + ": in_channels " + inChannels + " and out_channels "
                    + outChannels + " must be divisible by groups " + groups);
        }
        if (transposed && spec.paddingMode() != null) {
            throw new IllegalArgumentException(kind + ": padding=\"" + spec.paddingMode() + "\" is only supported by "
                    + "convolutions; give integer padding");
        }
        if ("same".equals(spec.paddingMode()) && Arrays.stream(spec.stride()).anyMatch(s -> s != 1)) {
            throw new IllegalArgumentException(kind + ": padding=\"same\" is not supported for strided convolutions");
        }
        long[] wShape = new long[dims + 2];
        wShape[0] = transposed ? inChannels : outChannels;
        wShape[1] = transposed ? outChannels / groups : inChannels / groups;
        long fanIn = wShape[1];
        for (int d = 0; d < dims; d++) {
            wShape[2 + d] = kernel[d];
            fanIn *= kernel[d];
        }
        Random random = b.random;
        InputChecks.elementCount(kind + "(" + inChannels + ", " + outChannels + ")", "weight", wShape);
        this.weight = registerParameter("weight", Tensor.parameter(UniformInit.uniform(random, fanIn, wShape), true));
        this.bias = b.bias ? registerParameter("bias", Tensor.parameter(UniformInit.uniform(random, fanIn,
                outChannels), true)) : null;
    }

    /** @return the weight: [C_out, C_in/groups, *kernel], or [C_in, C_out/groups, *kernel] when transposed */
    public Tensor weight() {
        return weight;
    }

    /** @return the bias [C_out], or null */
    public Tensor bias() {
        return bias;
    }

    /** @return the options (stride, padding, dilation, groups, output padding) */
    public ConvSpec spec() {
        return spec;
    }

    /** @return kernel size per spatial dimension (a copy) */
    public int[] kernelSize() {
        return kernel.clone();
    }

    /** @return input channels */
    public int inChannels() {
        return inChannels;
    }

    /** @return output channels */
    public int outChannels() {
        return outChannels;
    }

    /**
     * Copies values into the weight (and bias).
     *
     * @param w weight values, the shape of {@link #weight()}
     * @param b bias values [C_out], or null to leave the bias unchanged
     */
    public void load(INDArray w, INDArray b) {
        if (!Arrays.equals(w.shape(), weight.shape())) {
            throw new IllegalArgumentException(name() + ".load: weight shape " + Arrays.toString(w.shape())
                    + ", expected " + Arrays.toString(weight.shape()));
        }
        if (b != null && (bias == null || !Arrays.equals(b.shape(), bias.shape()))) {
            throw new IllegalArgumentException(name() + ".load: bias shape " + Arrays.toString(b.shape())
                    + ", expected " + (bias == null ? "none (no bias)" : Arrays.toString(bias.shape())));
        }
        weight.value().assign(w);
        if (b != null) {
            bias.value().assign(b);
        }
    }

    /** @return short name for messages, e.g. {@code Conv2d(2, 64, k=3)} */
    protected String name() {
        boolean square = Arrays.stream(kernel).allMatch(k -> k == kernel[0]);
        String k = square ? Integer.toString(kernel[0]) : ConvSpec.tuple(kernel);
        return kind + "(" + inChannels + ", " + outChannels + ", k=" + k + ")";
    }

    @Override
    public Tensor forward(Tensor x) {
        int rank = (isMultiStep() ? 2 : 1) + 1 + dims;
        int channelAxis = isMultiStep() ? 2 : 1;
        if (x.rank() != rank || x.size(channelAxis) != inChannels) {
            String[] perSample = new String[1 + dims];
            perSample[0] = Integer.toString(inChannels);
            System.arraycopy(Convolution.spatialNames(dims).split(", "), 0, perSample, 1, dims);
            throw InputShape.mismatch(name(), InputShape.pattern(isMultiStep(), perSample), x);
        }
        InputChecks.requireInput(name(), x, weight.dataType());
        return super.forward(x);
    }

    @Override
    protected Tensor forwardStep(Tensor x) {
        try {
            return transposed ? Convolution.convTranspose(x, weight, bias, spec)
                    : Convolution.conv(x, weight, bias, spec);
        } catch (IllegalArgumentException e) {
            throw InputShape.wrap(name(), e);
        }
    }

    @Override
    protected String describe() {
        String options = spec.describe();
        return kind + "(" + inChannels + ", " + outChannels + ", kernel_size=" + ConvSpec.tuple(kernel)
                + (options.isEmpty() ? "" : ", " + options) + (bias == null ? ", bias=False" : "") + ")";
    }
}
