package io.matterhorn.spark;

/**
 * How {@link SparkTrainer} spreads training over the partitions.
 */
public enum TrainingMode {
    /**
     * Every global step: broadcast the parameters, each partition computes the gradient of its share of the global
     * batch, a tree aggregation sums them and the driver applies the optimiser. For a model without batch
     * statistics this is the single-process computation (up to float32 summation order); it costs one Spark job
     * and one parameter broadcast per step.
     */
    SYNCHRONOUS,
    /**
     * Every K global steps: each partition starts from the broadcast parameters and optimiser state, takes K local
     * optimiser steps on its share of those K global batches, and the driver averages parameters and optimiser
     * state weighted by samples. K times fewer jobs and broadcasts, but the partitions' models drift apart between
     * averages, so the result differs from single-process training (more so with larger K and learning rate).
     */
    PARAMETER_AVERAGING
}
