/**
 * Data sets and data loading for Matterhorn.
 *
 * <p>The {@link io.matterhorn.data.Dataset} interface describes an indexed collection of labelled samples. Readers
 * for concrete formats live in sub-packages ({@code idx}, {@code mnist}) and batching lives in {@code loader}. This
 * module deliberately does not depend on the tensor classes of {@code matterhorn-core}: its outputs are ND4J
 * {@code INDArray}s and plain Java arrays.
 */
package io.matterhorn.data;
