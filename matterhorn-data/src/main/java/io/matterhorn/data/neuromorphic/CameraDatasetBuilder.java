package io.matterhorn.data.neuromorphic;

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
        return self();
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
