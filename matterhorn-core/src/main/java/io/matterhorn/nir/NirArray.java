package io.matterhorn.nir;

import java.util.Arrays;

/**
 * A numeric parameter of a NIR node: values in row-major order (as double, exact for float32 and for the int64
 * sizes NIR stores) and the shape ({@code []} for a scalar). Immutable.
 *
 * @param shape dimensions
 * @param values row-major values
 */
record NirArray(long[] shape, double[] values) {
    float[] floats() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    int[] ints() {
        int[] r = new int[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (int) values[i];
        }
        return r;
    }

    long[] longs() {
        long[] r = new long[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (long) values[i];
        }
        return r;
    }

    @Override
    public String toString() {
        return "array" + Arrays.toString(shape);
    }
}
