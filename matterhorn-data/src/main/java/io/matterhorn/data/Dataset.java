package io.matterhorn.data;

/**
 * An indexed, read-only collection of labelled samples with a fixed sample shape.
 *
 * <p>Each sample is a block of {@link #featureSize()} float features laid out in C (row-major) order according to
 * {@link #sampleShape()}, plus an integer class label. Implementations must be safe to read from several threads at
 * once as long as nobody mutates them.
 */
public interface Dataset {

    /**
     * Returns the number of samples.
     *
     * @return the number of samples, {@code >= 0}
     */
    int size();

    /**
     * Returns the shape of one sample, without a batch dimension (for example {@code [1, 28, 28]} for MNIST).
     *
     * @return a fresh array of positive dimension sizes
     */
    long[] sampleShape();

    /**
     * Returns the number of float features in one sample, that is the product of {@link #sampleShape()}.
     *
     * @return the number of features per sample
     * @throws ArithmeticException if the product does not fit in an {@code int}
     */
    default int featureSize() {
        long product = 1;
        for (long d : sampleShape()) {
            product = Math.multiplyExact(product, d);
        }
        return Math.toIntExact(product);
    }

    /**
     * Writes the features of one sample into {@code dst}, starting at {@code offset}, in C order.
     *
     * @param index  the sample index, in {@code [0, size())}
     * @param dst    the destination array
     * @param offset where the first feature goes; {@code offset + featureSize()} must not exceed {@code dst.length}
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException  if {@code dst} is too small for the requested offset
     */
    void copyFeatures(int index, float[] dst, int offset);

    /**
     * Returns the class label of one sample.
     *
     * @param index the sample index, in {@code [0, size())}
     * @return the label, {@code >= 0}
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    int label(int index);
}
