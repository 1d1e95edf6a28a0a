package io.matterhorn.optim;

import io.matterhorn.tensor.Tensor;
import java.util.List;

/**
 * The settings every built-in optimiser shares, written once: the parameters, the learning rate and the weight
 * decay; each optimiser's builder extends this class with its own hyperparameters
 * ({@code Adam.builder(model.trainableParameters()).learningRate(1e-3).amsgrad(true).build()}). Defaults are
 * PyTorch's and are listed on each optimiser's {@code builder}. The setters only record values; {@link #build()}
 * checks them all and throws an {@link IllegalArgumentException} that names the optimiser and the bad setting.
 * Not thread-safe.
 *
 * @param <O> the optimiser built
 * @param <B> the concrete builder (returned by every setter)
 */
public abstract class OptimizerBuilder<O extends Optimizer, B extends OptimizerBuilder<O, B>> {
    private final List<Tensor> params;
    private double learningRate;
    private double weightDecay;

    /**
     * @param params the parameters to optimise (checked by {@link #build()})
     * @param learningRate the default learning rate
     * @param weightDecay the default weight decay
     */
    OptimizerBuilder(List<Tensor> params, double learningRate, double weightDecay) {
        this.params = params;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    /**
     * @param v learning rate of the first parameter group, non-negative and finite
     * @return this builder
     */
    public final B learningRate(double v) {
        learningRate = v;
        return self();
    }

    /**
     * @param v weight decay of the first parameter group, non-negative and finite (L2 penalty added to the
     *     gradient, or decoupled decay for {@link AdamW})
     * @return this builder
     */
    public final B weightDecay(double v) {
        weightDecay = v;
        return self();
    }

    /** @return the parameters */
    final List<Tensor> params() {
        return params;
    }

    /** @return the learning rate set (or the default) */
    final double learningRate() {
        return learningRate;
    }

    /** @return the weight decay set (or the default) */
    final double weightDecay() {
        return weightDecay;
    }

    /**
     * @return a new optimiser with the values set so far
     * @throws IllegalArgumentException naming the optimiser and the setting when a value is out of range
     */
    public abstract O build();

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
