package io.matterhorn.optim;

import io.matterhorn.tensor.Tensor;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, {@code p = p (1 - lr * wd)} before the Adam
 * step, and optional AMSGrad; PyTorch's {@code torch.optim.AdamW}. The rule is in {@link AdaptiveMoments}.
 * Not thread-safe.
 */
public final class AdamW extends AdaptiveMoments {

    /**
     * AdamW with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01.
     *
     * @param params parameters
     * @param learningRate learning rate (PyTorch default 1e-3)
     */
    public AdamW(List<Tensor> params, double learningRate) {
        this(params, learningRate, 0.9, 0.999, 1e-8, 0.01, false);
    }

    /**
     * @param params parameters
     * @param learningRate learning rate
     * @param weightDecay decoupled decay, non-negative
     */
    public AdamW(List<Tensor> params, double learningRate, double weightDecay) {
        this(params, learningRate, 0.9, 0.999, 1e-8, weightDecay, false);
    }

    /**
     * @param params parameters
     * @param learningRate learning rate
     * @param beta1 first-moment decay in [0, 1)
     * @param beta2 second-moment decay in [0, 1)
     * @param eps denominator offset, positive
     * @param weightDecay decoupled decay, non-negative
     * @param amsgrad use the running maximum of the second moment (AMSGrad)
     */
    public AdamW(List<Tensor> params, double learningRate, double beta1, double beta2, double eps,
            double weightDecay, boolean amsgrad) {
        super(params, learningRate, beta1, beta2, eps, weightDecay, amsgrad, true);
    }
}
