package io.matterhorn.nir.module;

import io.matterhorn.snn.synapse.Synapse;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Elementwise scaling by a per-feature array (NIR {@code Scale}): {@code y = s * x} with {@code s} of the
 * per-sample shape, input {@code [B, ...shape]} per step ({@code [T, B, ...shape]} in multi-step mode). The
 * parameter {@code scale} is trainable. No binarisation. Not thread-safe.
 */
public class Scale extends Synapse {
    private final long[] featureShape;
    private final Tensor scale;

    /**
     * @param featureShape per-sample shape; {@code scale} starts at 1
     */
    public Scale(long[] featureShape) {
        super(false);
        if (featureShape == null || featureShape.length == 0 || Arrays.stream(featureShape).anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("Scale: feature shape must be positive, got "
                    + Arrays.toString(featureShape));
        }
        this.featureShape = featureShape.clone();
        this.scale = registerParameter("scale", Tensor.parameter(Nd4j.ones(featureShape), true));
    }

    /** @return the per-sample shape (a copy) */
    public long[] featureShape() {
        return featureShape.clone();
    }

    /** @return the scale parameter, shape {@code featureShape} */
    public Tensor scale() {
        return scale;
    }

    @Override
    protected Tensor forwardStep(Tensor x) {
        long[] shape = x.shape();
        long n = scale.length();
        if (shape.length != featureShape.length + 1
                || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), featureShape)) {
            throw new IllegalArgumentException("Scale: expected [B, " + Arrays.toString(featureShape)
                    .replaceAll("[\\[\\]]", "") + "], got " + Arrays.toString(shape));
        }
        return x.reshape(shape[0], n).mul(scale.reshape(n)).reshape(shape);
    }

    @Override
    protected String describe() {
        return "Scale(shape=" + Arrays.toString(featureShape) + ")";
    }
}
