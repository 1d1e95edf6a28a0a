package io.matterhorn.data.neuromorphic;

import io.matterhorn.data.transform.EventTransform;
import java.nio.file.Path;

/**
 * Builder of the camera data sets (N-MNIST, CIFAR10-DVS, DVS128 Gesture): the common options plus
 * {@code polarity} (default true) and the output {@code size} (default the sensor size).
 *
 * @param <B> the concrete builder type
 * @param <D> the data set built
 */
public abstract class CameraDatasetBuilder<B extends CameraDatasetBuilder<B, D>, D>
        extends EventDatasetBuilder<B, D> {

    private boolean polarity = true;
    private int height;
    private int width;
    private boolean sizeGiven;
    private EventTransform transform;

    /**
     * @param root          the data folder
     * @param defaultHeight output height when {@link #size(int, int)} is not called
     * @param defaultWidth  output width when {@link #size(int, int)} is not called
     */
    protected CameraDatasetBuilder(Path root, int defaultHeight, int defaultWidth) {
        super(root);
        this.height = defaultHeight;
        this.width = defaultWidth;
    }

    /**
     * Keeps the two polarities apart ({@code P = 2}, default) or merges them into one channel ({@code P = 1}).
     *
     * @param polarity {@code true} for two channels
     * @return this builder
     */
    public B polarity(boolean polarity) {
        this.polarity = polarity;
        return self();
    }

    /**
     * Sets the output frame size; coordinates are floor-scaled from the sensor size.
     *
     * @param height output rows, {@code >= 1}
     * @param width  output columns, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if a size is below 1
     */
    public B size(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("size must be >= 1x1, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
        this.sizeGiven = true;
        return self();
    }

    /**
     * Sets the event transform applied to every sample on access, before binning (default none). Without
     * {@link #size(int, int)} the frames take the size of the grid the transform produces (a 28x28 crop gives
     * 28x28 frames). Its random draws come from {@link #transformSeed(long)}, the epoch and the sample index.
     *
     * @param transform the transform (compose several with {@link EventTransform#compose}), or null for none
     * @return this builder
     */
    public B transform(EventTransform transform) {
        this.transform = transform;
        return self();
    }

    /**
     * Installs the transforms into a data set before it is prepared.
     *
     * @param dataset the new data set
     * @param <T>     its type
     * @return {@code dataset}
     */
    final <T extends CameraEventDataset> T withTransforms(T dataset) {
        dataset.useTransforms(transform, frameTransform(), transformSeed(), sizeGiven);
        return dataset;
    }

    /**
     * Returns the polarity option.
     *
     * @return {@code true} for two channels
     */
    protected boolean polarity() {
        return polarity;
    }

    /**
     * Returns the output height.
     *
     * @return rows
     */
    protected int height() {
        return height;
    }

    /**
     * Returns the output width.
     *
     * @return columns
     */
    protected int width() {
        return width;
    }
}
