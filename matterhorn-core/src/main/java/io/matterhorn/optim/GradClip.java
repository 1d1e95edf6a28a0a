package io.matterhorn.optim;

import io.matterhorn.tensor.Tensor;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient clipping (PyTorch's {@code clip_grad_norm_} and {@code clip_grad_value_}), in place on the gradients
 * of the given parameters; parameters without a gradient are ignored. Not thread-safe with a concurrent
 * backward pass over the same parameters.
 */
public final class GradClip {
    private static final double EPS = 1e-6;

    private GradClip() {
    }

    /**
     * Scales all gradients together so that their global L2 norm is at most {@code maxNorm}:
     *
     * <pre>
     *   norm = sqrt(sum over parameters and elements of g^2)
     *   g = g * min(1, maxNorm / (norm + 1e-6))
     * </pre>
     *
     * @param params parameters whose gradients are clipped
     * @param maxNorm largest allowed norm, positive
     * @return the global norm before clipping (NaN or infinite when a gradient holds NaN or infinity; then the
     *     gradients are left as they are)
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipGradNorm maxNorm must be positive, got " + maxNorm);
        }
        double sq = 0;
        for (Tensor p : params) {
            INDArray g = p.grad();
            if (g != null) {
                double n = g.norm2Number().doubleValue();
                sq += n * n;
            }
        }
        double norm = Math.sqrt(sq);
        if (!Double.isFinite(norm)) {
            return norm;
        }
        double scale = maxNorm / (norm + EPS);
        if (scale < 1) {
            for (Tensor p : params) {
                INDArray g = p.grad();
                if (g != null) {
                    g.muli(scale);
                }
            }
        }
        return norm;
    }

    /**
     * Clamps every gradient element into {@code [-clipValue, clipValue]}.
     *
     * @param params parameters whose gradients are clipped
     * @param clipValue bound, positive
     * @return the global L2 norm of the gradients before clipping
     */
    public static double clipGradValue(List<Tensor> params, double clipValue) {
        if (!(clipValue > 0)) {
            throw new IllegalArgumentException("clipGradValue clipValue must be positive, got " + clipValue);
        }
        double sq = 0;
        for (Tensor p : params) {
            INDArray g = p.grad();
            if (g != null) {
                double n = g.norm2Number().doubleValue();
                sq += n * n;
                org.nd4j.linalg.ops.transforms.Transforms.min(g, clipValue, false);
                org.nd4j.linalg.ops.transforms.Transforms.max(g, -clipValue, false);
            }
        }
        return Math.sqrt(sq);
    }
}
