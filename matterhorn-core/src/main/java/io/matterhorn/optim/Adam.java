package io.matterhorn.optim;

import io.matterhorn.tensor.Tensor;
import java.util.List;

/**
 * Adam (Kingma and Ba) with L2 weight decay added to the gradient and optional AMSGrad, PyTorch's
 * {@code torch.optim.Adam}; the rule is in {@link AdaptiveMoments}. For decoupled decay use {@link AdamW}.
 * Not thread-safe.
 */
public final class Adam extends AdaptiveMoments {

    /**
     * Adam with betas (0.9, 0.999), eps 1e-8, no weight decay.
     *
     * @param params parameters
     * @param learningRate learning rate (PyTorch default 1e-3)
     */
    public Adam(List<Tensor> params, double learningRate) {
        this(params, learningRate, 0.9, 0.999, 1e-8, 0.0);
    }

    /**
     * @param params parameters
     * @param learningRate learning rate
     * @param beta1 first-moment decay in [0, 1)
     * @param beta2 second-moment decay in [0, 1)
     * @param eps denominator offset, positive
     * @param weightDecay L2 penalty, non-negative
     */
    public Adam(List<Tensor> params, double learningRate, double beta1, double beta2, double eps,
            double weightDecay) {
        this(params, learningRate, beta1, beta2, eps, weightDecay, false);
    }

    /**
     * @param params parameters
     * @param learningRate learning rate
     * @param beta1 first-moment decay in [0, 1)
     * @param beta2 second-moment decay in [0, 1)
     * @param eps denominator offset, positive
     * @param weightDecay L2 penalty, non-negative
     * @param amsgrad use the running maximum of the second moment (AMSGrad)
     */
    public Adam(List<Tensor> params, double learningRate, double beta1, double beta2, double eps,
            double weightDecay, boolean amsgrad) {
        super(params, learningRate, beta1, beta2, eps, weightDecay, amsgrad, false);
    }
}
