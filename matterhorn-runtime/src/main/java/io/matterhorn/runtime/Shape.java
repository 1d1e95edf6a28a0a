package io.matterhorn.runtime;

import java.util.Arrays;

/** Per-sample shape helpers (no batch or time axis). */
final class Shape {
    private Shape() {
    }

    static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE || n < 1) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values");
        }
        return (int) n;
    }

    static String of(int[] shape) {
        return Arrays.toString(shape);
    }
}
