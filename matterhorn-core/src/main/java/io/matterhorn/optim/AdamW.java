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
        this(builder(params).learningRate(learningRate));
    }

    /**
     * @param params parameters
     * @param learningRate learning rate
     * @param weightDecay decoupled decay, non-negative
     */
    public AdamW(List<Tensor> params, double learningRate, double weightDecay) {
        this(builder(params).learningRate(learningRate).weightDecay(weightDecay));
    }

    private AdamW(Builder b) {
        super(b, true);
    }

    /**
     * @param params parameters, not empty (checked by {@link Builder#build()})
     * @return a builder with PyTorch's defaults: learning rate 1e-3, betas (0.9, 0.999), eps 1e-8, decoupled weight
     *     decay 0.01, no AMSGrad
     */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    /** Builder for {@link AdamW}; the setters are those of {@link MomentsBuilder}. Not thread-safe. */
    public static final class Builder extends MomentsBuilder<AdamW, Builder> {
        private Builder(List<Tensor> params) {
            super(params, 1e-3, 0.01);
        }

        /** @return the optimiser */
        @Override
        public AdamW build() {
            return new AdamW(this);
        }
    }
}
