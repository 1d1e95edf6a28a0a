/**
 * Mini-batch loading: {@link io.matterhorn.data.loader.BatchLoader} groups the samples of a
 * {@link io.matterhorn.data.Dataset} into {@link io.matterhorn.data.loader.Batch}es of ND4J arrays in the layout a
 * model takes (batch-major {@code [B, ...]} or time-major {@code [T, B, ...]}), optionally in a reproducible
 * per-epoch shuffled order and built ahead by a background thread ({@link io.matterhorn.data.loader.EpochStream}).
 * A loader is an {@link io.matterhorn.train.BatchSource} and its batches are
 * {@link io.matterhorn.train.LabeledBatch}es, so they feed {@link io.matterhorn.train.Trainer} directly.
 */
package io.matterhorn.data.loader;
