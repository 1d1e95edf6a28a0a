package io.matterhorn.spark;

import io.matterhorn.optim.Optimizer;
import io.matterhorn.snn.Module;
import java.io.Serializable;

/**
 * Builds the optimiser of a model; serialisable so that executors can build their own (parameter averaging).
 * Typical: {@code model -> new Adam(model.trainableParameters(), 1e-3)}.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {
    /**
     * @param model the model to optimise
     * @return a new optimiser over its trainable parameters
     */
    Optimizer create(Module model);
}
