package io.matterhorn.data.transform;

import java.util.Arrays;

/** Shape checks of the frame transforms. */
final class FrameShapes {

    private FrameShapes() {
    }

    /** Returns {@code product(shape)} after checking that the frames hold that many values. */
    static int size(long[] shape, float[] frames, String owner) {
        long n = 1;
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException(owner + ": bad frame shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n > frames.length) {
            throw new IllegalArgumentException(owner + ": frames of shape " + Arrays.toString(shape) + " need " + n
                    + " values, the array holds " + frames.length);
        }
        return (int) n;
    }
}
