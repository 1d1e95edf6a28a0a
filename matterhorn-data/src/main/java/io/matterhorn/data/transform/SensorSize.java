package io.matterhorn.data.transform;

/**
 * The pixel grid that camera events live on: columns {@code 0 <= x < width}, rows {@code 0 <= y < height}.
 *
 * @param width  number of columns, {@code >= 1}
 * @param height number of rows, {@code >= 1}
 */
public record SensorSize(int width, int height) {

    /**
     * Validates the size.
     *
     * @param width number of columns, {@code >= 1}
     * @param height number of rows, {@code >= 1}
     * @throws IllegalArgumentException if a side is below 1
     */
    public SensorSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("SensorSize: width and height must be >= 1, got " + width + "x"
                    + height);
        }
    }
}
