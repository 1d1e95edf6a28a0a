package io.matterhorn.data.transform;

import io.matterhorn.data.events.EventStream;
import java.nio.FloatBuffer;
import java.util.random.RandomGenerator;

/**
 * The path of one sample from stored events to frames: event transform, binning, frame transform, written with a
 * stride between time steps (see {@link io.matterhorn.data.SequenceDataset#copyFeatures(int, float[], int, int)}).
 * The random generator of sample {@code index} in epoch {@code epoch} is
 * {@link TransformSeeds#random(long, long, long) TransformSeeds.random(seed, epoch, index)}, so a sample's result
 * depends only on those three numbers. Immutable and thread-safe when its parts are.
 *
 * @param <E> the event type
 */
public final class SamplePipeline<E extends EventStream> {

    /**
     * Bins events into frames (one of the {@link io.matterhorn.data.events.FrameBinner} methods with a fixed spec).
     *
     * @param <E> the event type
     */
    public interface Binner<E> {
        /**
         * Bins into an array; every value of the sample's blocks is overwritten.
         *
         * @param events     the events
         * @param dst        the destination
         * @param offset     start of time step 0
         * @param timeStride distance between time steps
         */
        void bin(E events, float[] dst, int offset, int timeStride);

        /**
         * Bins into a buffer.
         *
         * @param events     the events
         * @param dst        the destination
         * @param offset     start of time step 0
         * @param timeStride distance between time steps
         * @param zeroed     whether the sample's blocks already hold zeros
         */
        void bin(E events, FloatBuffer dst, int offset, int timeStride, boolean zeroed);
    }

    /**
     * A transform of one sample's events with the sample's generator.
     *
     * @param <E> the event type
     */
    @FunctionalInterface
    public interface EventStep<E> {
        /**
         * Transforms the events.
         *
         * @param events the stored events
         * @param random the sample's generator
         * @return the events to bin
         */
        E apply(E events, RandomGenerator random);
    }

    private final EventStep<E> events;
    private final FrameTransform frames;
    private final long seed;

    /**
     * @param events the event step, or null for none
     * @param frames the frame transform, or null for none
     * @param seed   the seed of the random draws
     */
    public SamplePipeline(EventStep<E> events, FrameTransform frames, long seed) {
        this.events = events;
        this.frames = frames;
        this.seed = seed;
    }

    /**
     * Returns whether the pipeline changes anything.
     *
     * @return {@code false} when it has neither an event step nor a frame transform
     */
    public boolean transforms() {
        return events != null || frames != null;
    }

    /**
     * Returns the seed.
     *
     * @return the seed of the random draws
     */
    public long seed() {
        return seed;
    }

    /**
     * Applies the event step of one sample.
     *
     * @param stored the stored events
     * @param index  the sample index
     * @param epoch  the epoch
     * @return the events to bin (the stored ones when there is no event step)
     */
    public E events(E stored, int index, long epoch) {
        return events == null ? stored : events.apply(stored, TransformSeeds.random(seed, epoch, index));
    }

    /**
     * Writes one sample into an array.
     *
     * @param stored     the stored events
     * @param index      the sample index
     * @param epoch      the epoch
     * @param binner     the binning
     * @param shape      the sample shape {@code [T, ...]}
     * @param dst        the destination
     * @param offset     start of time step 0
     * @param timeStride distance between time steps
     */
    public void write(E stored, int index, long epoch, Binner<E> binner, long[] shape, float[] dst, int offset,
                      int timeStride) {
        RandomGenerator random = TransformSeeds.random(seed, epoch, index);
        E e = events == null ? stored : events.apply(stored, random);
        if (frames == null) {
            binner.bin(e, dst, offset, timeStride);
            return;
        }
        float[] sample = binFramed(e, binner, shape, random);
        int steps = (int) shape[0];
        int block = sample.length / steps;
        for (int k = 0; k < steps; k++) {
            System.arraycopy(sample, k * block, dst, offset + k * timeStride, block);
        }
    }

    /**
     * Writes one sample into a buffer.
     *
     * @param stored     the stored events
     * @param index      the sample index
     * @param epoch      the epoch
     * @param binner     the binning
     * @param shape      the sample shape {@code [T, ...]}
     * @param dst        the destination
     * @param offset     start of time step 0
     * @param timeStride distance between time steps
     * @param zeroed     whether the sample's blocks already hold zeros
     */
    public void write(E stored, int index, long epoch, Binner<E> binner, long[] shape, FloatBuffer dst, int offset,
                      int timeStride, boolean zeroed) {
        RandomGenerator random = TransformSeeds.random(seed, epoch, index);
        E e = events == null ? stored : events.apply(stored, random);
        if (frames == null) {
            binner.bin(e, dst, offset, timeStride, zeroed);
            return;
        }
        float[] sample = binFramed(e, binner, shape, random);
        int steps = (int) shape[0];
        int block = sample.length / steps;
        for (int k = 0; k < steps; k++) {
            dst.put(offset + k * timeStride, sample, k * block, block);
        }
    }

    private float[] binFramed(E e, Binner<E> binner, long[] shape, RandomGenerator random) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] sample = new float[Math.toIntExact(n)];
        binner.bin(e, sample, 0, (int) (n / shape[0]));
        frames.apply(sample, shape, random);
        return sample;
    }
}
