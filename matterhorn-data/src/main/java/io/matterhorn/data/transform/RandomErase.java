package io.matterhorn.data.transform;

import java.util.random.RandomGenerator;

/**
 * Cuts a hole into {@code [T, P, H, W]} frames (random erasing / cutout): one draw {@code u = random.nextDouble()};
 * if {@code u < p}, then {@code y0 = random.nextInt(H - height + 1)}, {@code x0 = random.nextInt(W - width + 1)}
 * and every cell with {@code y0 <= y < y0 + height}, {@code x0 <= x < x0 + width} is set to 0, in every time step
 * and channel.
 *
 * @param p      the probability of erasing, in {@code [0, 1]}
 * @param height rows of the hole, {@code >= 1}
 * @param width  columns of the hole, {@code >= 1}
 */
public record RandomErase(double p, int height, int width) implements FrameTransform {

    /**
     * Validates the arguments.
     *
     * @param p the probability of erasing, in {@code [0, 1]}
     * @param height rows of the hole, {@code >= 1}
     * @param width columns of the hole, {@code >= 1}
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]} or a side is below 1
     */
    public RandomErase {
        Events.probability("RandomErase", p);
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("RandomErase: hole must be >= 1x1, got " + height + "x" + width);
        }
    }

    @Override
    public void apply(float[] frames, long[] shape, RandomGenerator random) {
        FrameShapes.size(shape, frames, "RandomErase");
        if (shape.length != 4) {
            throw new IllegalArgumentException("RandomErase: frames must be [T, P, H, W], got rank " + shape.length);
        }
        int h = (int) shape[2];
        int w = (int) shape[3];
        if (height > h || width > w) {
            throw new IllegalArgumentException("RandomErase: hole " + height + "x" + width + " is larger than the "
                    + "frames " + h + "x" + w);
        }
        if (random.nextDouble() >= p) {
            return;
        }
        int y0 = random.nextInt(h - height + 1);
        int x0 = random.nextInt(w - width + 1);
        int planes = (int) (shape[0] * shape[1]);
        for (int k = 0; k < planes; k++) {
            for (int y = y0; y < y0 + height; y++) {
                int row = (k * h + y) * w;
                java.util.Arrays.fill(frames, row + x0, row + x0 + width, 0f);
            }
        }
    }
}
