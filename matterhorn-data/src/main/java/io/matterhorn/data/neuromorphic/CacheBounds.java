package io.matterhorn.data.neuromorphic;

/**
 * What an {@link EventCache} of one data set may hold, checked for every sample when the cache is opened: labels in
 * {@code [0, classes)}, camera events with {@code x < width} and {@code y < height}, unit spikes with
 * {@code unit < units}.
 *
 * @param classes number of classes, {@code >= 1}
 * @param width   sensor width for camera events, in {@code [1, 128]}
 * @param height  sensor height for camera events, in {@code [1, 128]}
 * @param units   number of channels for unit spikes, in {@code [1, 65536]}
 */
record CacheBounds(int classes, int width, int height, int units) {

    /** Only the limits of the file format itself. */
    static final CacheBounds FORMAT = new CacheBounds(Integer.MAX_VALUE, 128, 128, 65536);

    CacheBounds {
        if (classes < 1 || width < 1 || width > 128 || height < 1 || height > 128 || units < 1 || units > 65536) {
            throw new IllegalArgumentException("CacheBounds: classes >= 1, width and height in [1, 128], units in "
                    + "[1, 65536] expected, got " + classes + ", " + width + ", " + height + ", " + units);
        }
    }
}
