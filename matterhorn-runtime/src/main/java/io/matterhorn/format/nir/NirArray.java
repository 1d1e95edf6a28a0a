package io.matterhorn.format.nir;

import java.util.Arrays;

/**
 * A numeric parameter of a NIR node: values in row-major order (as double, exact for float32 and for the int64
 * sizes NIR stores) and the shape ({@code []} for a scalar). Immutable: the arrays are copied in and out.
 *
 * @param shape dimensions
 * @param values row-major values
 */
public record NirArray(long[] shape, double[] values) {
    /**
     * @param shape dimensions ({@code []} for a scalar)
     * @param values row-major values, as many as the shape holds
     * @throws IllegalArgumentException if the counts disagree or a dimension is negative
     */
    public NirArray {
        shape = shape.clone();
        values = values.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("NirArray: negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("NirArray: shape " + Arrays.toString(shape) + " holds " + n
                    + " values, got " + values.length);
        }
    }

    /** @return the dimensions (a copy) */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the values in row-major order (a copy) */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** @return the number of values */
    public int size() {
        return values.length;
    }

    /** @return the number of dimensions (0 for a scalar) */
    public int rank() {
        return shape.length;
    }

    /**
     * @param index row-major position
     * @return the value there
     */
    public double value(int index) {
        return values[index];
    }

    /** @return the values as float32 (rounded to nearest) */
    public float[] floats() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** @return the values truncated to int (meant for the integer sizes, strides and dimensions NIR stores) */
    public int[] ints() {
        int[] r = new int[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (int) values[i];
        }
        return r;
    }

    /** @return the values truncated to long */
    public long[] longs() {
        long[] r = new long[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (long) values[i];
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NirArray a && Arrays.equals(shape, a.shape) && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "array" + Arrays.toString(shape);
    }
}
