package io.matterhorn.optim;

import io.matterhorn.tensor.Tensor;
import java.util.List;

/**
 * A set of parameters that an {@link Optimizer} updates with its own learning rate and weight decay (PyTorch's
 * {@code param_groups}). Groups are created by the optimiser ({@link Optimizer#addParamGroup}); schedules change
 * their learning rates. Not thread-safe: drive an optimiser from one thread.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final double weightDecay;
    private double learningRate;

    ParamGroup(List<Tensor> params, double learningRate, double weightDecay) {
        Optimizer.requireRate(learningRate);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be non-negative and finite, got " + weightDecay);
        }
        this.params = List.copyOf(params);
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    /** @return the group's parameters, in the order given */
    public List<Tensor> parameters() {
        return params;
    }

    /** @return the group's current learning rate */
    public double learningRate() {
        return learningRate;
    }

    /** @param lr the new learning rate, non-negative and finite */
    public void setLearningRate(double lr) {
        Optimizer.requireRate(lr);
        learningRate = lr;
    }

    /** @return the group's weight decay (L2 penalty, or the decoupled decay of {@link AdamW}) */
    public double weightDecay() {
        return weightDecay;
    }
}
