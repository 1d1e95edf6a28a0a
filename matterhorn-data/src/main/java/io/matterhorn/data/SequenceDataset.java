package io.matterhorn.data;

import java.nio.FloatBuffer;

/**
 * A {@link Dataset} whose samples are sequences: the first dimension of {@link #sampleShape()} is time, so a
 * sample is {@code [T, ...stepShape]}. A loader can then write each sample straight into a time-major batch
 * {@code [T, B, ...stepShape]} with {@link #copyFeatures(int, float[], int, int)}.
 */
public interface SequenceDataset extends Dataset {

    /**
     * Returns the number of time steps of every sample.
     *
     * @return {@code sampleShape()[0]}
     */
    default int timeSteps() {
        return Math.toIntExact(sampleShape()[0]);
    }

    /**
     * Returns the number of values in one time step of a sample.
     *
     * @return {@code featureSize() / timeSteps()}
     */
    default int stepSize() {
        return featureSize() / timeSteps();
    }

    /**
     * Writes one sample with a stride between time steps: step {@code k} goes to
     * {@code dst[offset + k * timeStride ... + stepSize())}. With {@code timeStride == stepSize()} this is
     * {@link #copyFeatures(int, float[], int)}; with {@code timeStride == B * stepSize()} and
     * {@code offset == b * stepSize()} it fills sample {@code b} of a {@code [T, B, ...]} batch.
     *
     * <p>The default implementation copies through a temporary array; implementations override it to write in
     * place.
     *
     * @param index      the sample index, in {@code [0, size())}
     * @param dst        the destination
     * @param offset     index of the first value of time step 0
     * @param timeStride distance between consecutive time steps, {@code >= stepSize()}
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException  if the destination is too small or {@code timeStride < stepSize()}
     */
    default void copyFeatures(int index, float[] dst, int offset, int timeStride) {
        int steps = timeSteps();
        int block = stepSize();
        if (timeStride < block) {
            throw new IllegalArgumentException("timeStride " + timeStride + " < stepSize " + block);
        }
        if (offset < 0 || (long) offset + (long) (steps - 1) * timeStride + block > dst.length) {
            throw new IllegalArgumentException("dst of length " + dst.length + " has no room for " + steps
                    + " steps of " + block + " values at offset " + offset + " with stride " + timeStride);
        }
        float[] sample = new float[steps * block];
        copyFeatures(index, sample, 0);
        for (int k = 0; k < steps; k++) {
            System.arraycopy(sample, k * block, dst, offset + k * timeStride, block);
        }
    }

    /**
     * Writes one sample into a direct buffer (for example the memory of an ND4J array) with the layout of
     * {@link #copyFeatures(int, float[], int, int)}. Only absolute {@code get}/{@code put} are used, so several
     * threads may fill disjoint samples of one buffer.
     *
     * <p>The default implementation copies through a temporary array; implementations override it to write in
     * place.
     *
     * @param index      the sample index, in {@code [0, size())}
     * @param dst        the destination
     * @param offset     index of the first value of time step 0
     * @param timeStride distance between consecutive time steps, {@code >= stepSize()}
     * @param zeroed     {@code true} if the sample's blocks of {@code dst} already hold zeros
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException  if the destination is too small or {@code timeStride < stepSize()}
     */
    default void copyFeatures(int index, FloatBuffer dst, int offset, int timeStride, boolean zeroed) {
        int steps = timeSteps();
        int block = stepSize();
        if (timeStride < block) {
            throw new IllegalArgumentException("timeStride " + timeStride + " < stepSize " + block);
        }
        if (offset < 0 || (long) offset + (long) (steps - 1) * timeStride + block > dst.limit()) {
            throw new IllegalArgumentException("dst of length " + dst.limit() + " has no room for " + steps
                    + " steps of " + block + " values at offset " + offset + " with stride " + timeStride);
        }
        float[] sample = new float[steps * block];
        copyFeatures(index, sample, 0);
        for (int k = 0; k < steps; k++) {
            dst.put(offset + k * timeStride, sample, k * block, block);
        }
    }

    /**
     * Writes one sample as it is seen in epoch {@code epoch}, with the layout of
     * {@link #copyFeatures(int, FloatBuffer, int, int, boolean)}. Data sets with random transforms (the event data
     * sets) draw the sample's random numbers from their seed, the epoch and the index, so each epoch sees a new
     * augmentation and a sample's result does not depend on the thread that builds it. The default ignores the
     * epoch. {@link io.matterhorn.data.loader.BatchLoader} calls this method.
     *
     * @param index      the sample index, in {@code [0, size())}
     * @param epoch      the epoch, {@code >= 0}
     * @param dst        the destination
     * @param offset     index of the first value of time step 0
     * @param timeStride distance between consecutive time steps, {@code >= stepSize()}
     * @param zeroed     {@code true} if the sample's blocks of {@code dst} already hold zeros
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException  if the destination is too small or {@code timeStride < stepSize()}
     */
    default void copyFeaturesForEpoch(int index, long epoch, FloatBuffer dst, int offset, int timeStride,
                                      boolean zeroed) {
        copyFeatures(index, dst, offset, timeStride, zeroed);
    }
}
