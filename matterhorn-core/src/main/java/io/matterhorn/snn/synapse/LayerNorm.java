package io.matterhorn.snn.synapse;

import io.matterhorn.snn.InputShape;
import io.matterhorn.tensor.ConvSpec;
import io.matterhorn.tensor.Normalization;
import io.matterhorn.tensor.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Layer normalisation, PyTorch's {@code LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True)}: every
 * sample is normalised over its trailing {@code normalizedShape} dimensions with its own mean and biased variance,
 *
 * <pre>
 *   y = (x - mean) / sqrt(var + eps) * weight + bias      (weight, bias of shape normalizedShape)
 * </pre>
 *
 * Input {@code [B, ..., normalizedShape]} per step, {@code [T, B, ..., normalizedShape]} in multi-step mode (each
 * time step of each sample is normalised on its own). {@code weight} starts at 1, {@code bias} at 0; both are
 * trainable when {@code elementwiseAffine}. No state, so train and evaluation modes behave the same.
 */
public class LayerNorm extends Synapse {
    private final long[] normalizedShape;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * eps 1e-5, element-wise affine.
     *
     * @param normalizedShape trailing shape to normalise over, e.g. {@code 4} or {@code 3, 4}
     */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /**
     * @param normalizedShape trailing shape to normalise over, each size positive
     * @param eps added to the variance, positive
     * @param elementwiseAffine whether to learn a per-element scale and shift
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        this(normalizedShape, eps, elementwiseAffine, false);
    }

    /**
     * @param normalizedShape trailing shape to normalise over, each size positive
     * @param eps added to the variance, positive
     * @param elementwiseAffine whether to learn a per-element scale and shift
     * @param multiStep initial mode
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine, boolean multiStep) {
        super(multiStep);
        if (normalizedShape == null || normalizedShape.length == 0 || Arrays.stream(normalizedShape)
                .anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("LayerNorm: normalized_shape must be non-empty with positive sizes, got "
                    + Arrays.toString(normalizedShape));
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm: eps must be positive, got " + eps);
        }
        this.normalizedShape = Arrays.stream(normalizedShape).asLongStream().toArray();
        this.eps = eps;
        this.weight = elementwiseAffine ? registerParameter("weight", Tensor.parameter(Nd4j.ones(DataType.FLOAT,
                this.normalizedShape), true)) : null;
        this.bias = elementwiseAffine ? registerParameter("bias", Tensor.parameter(Nd4j.zeros(DataType.FLOAT,
                this.normalizedShape), true)) : null;
    }

    /** @return the scale, shape normalizedShape, or null without affine */
    public Tensor weight() {
        return weight;
    }

    /** @return the shift, shape normalizedShape, or null without affine */
    public Tensor bias() {
        return bias;
    }

    /** @return the normalised trailing shape (a copy) */
    public long[] normalizedShape() {
        return normalizedShape.clone();
    }

    /**
     * Copies values into the scale and shift.
     *
     * @param w shape normalizedShape, or null to keep
     * @param b shape normalizedShape, or null to keep
     */
    public void load(INDArray w, INDArray b) {
        for (Object[] pair : new Object[][] {{"weight", weight, w}, {"bias", bias, b}}) {
            Tensor target = (Tensor) pair[1];
            INDArray values = (INDArray) pair[2];
            if (values == null) {
                continue;
            }
            if (target == null || !Arrays.equals(values.shape(), normalizedShape)) {
                throw new IllegalArgumentException(name() + ".load: " + pair[0] + " shape "
                        + Arrays.toString(values.shape()) + ", expected " + (target == null ? "none (no affine)"
                        : Arrays.toString(normalizedShape)));
            }
            target.value().assign(values);
        }
    }

    private String name() {
        return "LayerNorm(" + shapeText() + ")";
    }

    private String shapeText() {
        return ConvSpec.tuple(Arrays.stream(normalizedShape).mapToInt(d -> (int) d).toArray());
    }

    @Override
    public Tensor forward(Tensor x) {
        int lead = isMultiStep() ? 2 : 1;
        int k = normalizedShape.length;
        long[] s = x.shape();
        if (s.length < lead + k || !Arrays.equals(Arrays.copyOfRange(s, s.length - k, s.length), normalizedShape)) {
            String[] perSample = new String[k + 1];
            perSample[0] = "...";
            for (int i = 0; i < k; i++) {
                perSample[1 + i] = Long.toString(normalizedShape[i]);
            }
            throw InputShape.mismatch(name(), InputShape.pattern(isMultiStep(), perSample), x);
        }
        return super.forward(x);
    }

    @Override
    protected Tensor forwardStep(Tensor x) {
        try {
            return Normalization.layerNorm(x, normalizedShape, weight, bias, eps);
        } catch (IllegalArgumentException e) {
            throw InputShape.wrap(name(), e);
        }
    }

    @Override
    protected String describe() {
        return "LayerNorm(" + shapeText() + ", eps=" + eps + ", elementwise_affine=" + (weight != null ? "True"
                : "False") + ")";
    }

    /** @return the value added to the variance */
    public double eps() {
        return eps;
    }

    /** @return whether a per-element scale and shift are learnt */
    public boolean elementwiseAffine() {
        return weight != null;
    }
}
