package io.matterhorn.data.transform;

import io.matterhorn.data.events.PolarityEvents;

/** The cut shared by {@link CenterCrop} and {@link RandomCrop}. */
final class Crops {

    private Crops() {
    }

    static void check(String owner, int width, int height, SensorSize sensor) {
        if (width > sensor.width() || height > sensor.height()) {
            throw new IllegalArgumentException(owner + ": crop " + width + "x" + height + " is larger than the sensor "
                    + sensor.width() + "x" + sensor.height());
        }
    }

    /** Keeps {@code ox <= x < ox + width}, {@code oy <= y < oy + height} and shifts them to start at 0. */
    static PolarityEvents cut(PolarityEvents e, int ox, int oy, int width, int height) {
        int n = e.size();
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            int x = e.x(i);
            int y = e.y(i);
            keep[i] = x >= ox && x < ox + width && y >= oy && y < oy + height;
        }
        PolarityEvents kept = Events.keep(e, keep);
        int[] x = kept.xs();
        int[] y = kept.ys();
        for (int i = 0; i < x.length; i++) {
            x[i] -= ox;
            y[i] -= oy;
        }
        return PolarityEvents.of(kept.times(), x, y, kept.polarities());
    }

    static void checkSize(String owner, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(owner + ": size must be >= 1x1, got " + width + "x" + height);
        }
    }
}
