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
        this(builder(params).learningRate(learningRate));
    }

    private Adam(Builder b) {
        super(b, false);
    }

    /**
     * @param params parameters, not empty (checked by {@link Builder#build()})
     * @return a builder with PyTorch's defaults: learning rate 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay,
     *     no AMSGrad
     */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    /** Builder for {@link Adam}; the setters are those of {@link MomentsBuilder}. Not thread-safe. */
    public static final class Builder extends MomentsBuilder<Adam, Builder> {
        private Builder(List<Tensor> params) {
            super(params, 1e-3, 0.0);
        }

        /** @return the optimiser */
        @Override
        public Adam build() {
            return new Adam(this);
        }
    }
}
