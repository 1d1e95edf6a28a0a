/**
 * Data sets and data loading for Matterhorn.
 *
 * <p>The {@link io.matterhorn.data.Dataset} interface describes an indexed collection of labelled samples. Readers
 * for concrete formats live in sub-packages ({@code idx}, {@code mnist}, {@code events} for event files,
 * {@code neuromorphic} for the event data sets, {@code download} for archives) and batching lives in
 * {@code loader}. {@link io.matterhorn.data.SequenceDataset} marks data sets whose samples are sequences
 * {@code [T, ...]}. This module does not use the autograd {@code Tensor} of {@code matterhorn-core} (only its
 * {@code Parallel} and {@code Layout} helpers): its outputs are ND4J {@code INDArray}s and plain Java arrays.
 */
package io.matterhorn.data;
