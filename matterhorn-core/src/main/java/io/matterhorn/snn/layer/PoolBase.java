package io.matterhorn.snn.layer;

import io.matterhorn.snn.InputShape;
import io.matterhorn.tensor.Convolution;
import io.matterhorn.tensor.PoolSpec;
import io.matterhorn.tensor.Pooling;
import io.matterhorn.tensor.Tensor;

/**
 * Shared part of the pooling layers ({@link MaxPool1d}, {@link MaxPool2d}, {@link MaxPool3d}, {@link AvgPool1d},
 * {@link AvgPool2d}, {@link AvgPool3d}): pools {@code [B, C, *spatial]} per step ({@code [T, B, C, *spatial]} in
 * multi-step mode, time folded into the batch) with {@link Pooling} and then, like every 1.0.1 {@link Layer},
 * <b>BINARISES THE RESULT AT 0.5</b> ({@code y = 1 if v >= 0.5 else 0}, straight-through gradient). Average
 * pooling over spikes therefore outputs 1 where at least half of the window spiked (2 of 4 gives 1); analog input
 * loses its values. Max pooling returns values only (PyTorch's {@code return_indices=True} is not offered: it breaks
 * 1.0.1's layers).
 */
public abstract class PoolBase extends Layer {
    private final String kind;
    private final PoolSpec spec;
    private final boolean max;

    /**
     * @param kind class name for messages
     * @param spec window options; its dimension count is the layer's
     * @param max max pooling when true, average pooling when false
     * @param multiStep initial mode
     */
    PoolBase(String kind, PoolSpec spec, boolean max, boolean multiStep) {
        super(multiStep);
        if (spec == null) {
            throw new IllegalArgumentException(kind + ": spec must not be null");
        }
        this.kind = kind;
        this.spec = spec;
        this.max = max;
    }

    /** @return the window options */
    public PoolSpec spec() {
        return spec;
    }

    /** @return short name for messages, e.g. {@code MaxPool2d(kernel_size=(2, 2), stride=(2, 2))} */
    protected String name() {
        return kind + "(" + spec.describe() + ")";
    }

    @Override
    public Tensor forward(Tensor x) {
        int dims = spec.dims();
        int rank = (isMultiStep() ? 2 : 1) + 1 + dims;
        if (x.rank() != rank) {
            String[] perSample = ("C, " + Convolution.spatialNames(dims)).split(", ");
            throw InputShape.mismatch(name(), InputShape.pattern(isMultiStep(), perSample), x);
        }
        return super.forward(x);
    }

    @Override
    protected Tensor forwardStep(Tensor x) {
        try {
            return max ? Pooling.maxPool(x, spec) : Pooling.avgPool(x, spec);
        } catch (IllegalArgumentException e) {
            throw InputShape.wrap(name(), e);
        }
    }

    @Override
    protected String describe() {
        return name();
    }
}
