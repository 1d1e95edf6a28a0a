/**
 * Mini-batch loading: {@link io.matterhorn.data.loader.BatchLoader} groups the samples of a
 * {@link io.matterhorn.data.Dataset} into {@link io.matterhorn.data.loader.Batch}es of ND4J arrays, optionally in a
 * reproducible per-epoch shuffled order.
 */
package io.matterhorn.data.loader;
