/**
 * The supervised training loop: {@link io.matterhorn.train.Trainer} runs epochs over a
 * {@link io.matterhorn.train.BatchSource} of {@link io.matterhorn.train.LabeledBatch}es, owns the memory scope of
 * every iteration, resets the model's temporal state at each scope boundary, evaluates without gradients and reports
 * progress and per-epoch figures to {@link io.matterhorn.train.TrainingListener}s.
 *
 * <p>The package defines the smallest batch contract the loop needs (an input tensor and class labels), so that
 * core does not depend on the data module; {@code io.matterhorn.data.loader.BatchLoader} implements it.
 */
package io.matterhorn.train;
