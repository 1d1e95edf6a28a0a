/**
 * Mini-batch loading: {@link io.matterhorn.data.loader.BatchLoader} groups the samples of a
 * {@link io.matterhorn.data.Dataset} into {@link io.matterhorn.data.loader.Batch}es of ND4J arrays, optionally in a
 * reproducible per-epoch shuffled order. {@link io.matterhorn.data.loader.SequenceLoader} does the same for sequence
 * data (the event data sets) with time-major {@link io.matterhorn.data.loader.SequenceBatch}es {@code [T, B, ...]},
 * built ahead by a background thread ({@link io.matterhorn.data.loader.EpochStream}).
 */
package io.matterhorn.data.loader;
