package io.matterhorn.data.idx;

import java.util.Arrays;

/**
 * An immutable n-dimensional array of unsigned bytes, as stored in an IDX file.
 *
 * <p>Elements are kept in row-major (C) order. Values are exposed as {@code int}s in {@code [0, 255]}.
 */
public final class IdxArray {

    private final int[] shape;
    private final byte[] data;

    /**
     * Creates an array from a shape and its row-major data. Both arguments are copied.
     *
     * @param shape the size of each dimension; at least one dimension, none negative
     * @param data  the elements as unsigned bytes; its length must equal the product of {@code shape}
     * @throws IllegalArgumentException if the shape is empty or negative, or does not match the data length
     */
    public IdxArray(int[] shape, byte[] data) {
        this(shape, data, true);
    }

    private IdxArray(int[] shape, byte[] data, boolean copy) {
        this.shape = copy ? shape.clone() : shape;
        this.data = copy ? data.clone() : data;
        validate(this.shape, this.data.length);
    }

    /**
     * Wraps arrays without copying them; used by the reader, which hands over freshly allocated arrays it never
     * touches again.
     */
    static IdxArray wrap(int[] shape, byte[] data) {
        return new IdxArray(shape, data, false);
    }

    private static void validate(int[] shape, int dataLength) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("shape must have at least one dimension");
        }
        long product = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape[" + i + "] is negative: " + shape[i]);
            }
            product *= shape[i];
            if (product > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        if (product != dataLength) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + product
                    + " elements but data has " + dataLength);
        }
    }

    /**
     * Returns the shape.
     *
     * @return a fresh copy of the dimension sizes
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * Returns the number of dimensions.
     *
     * @return the rank, {@code >= 1}
     */
    public int rank() {
        return shape.length;
    }

    /**
     * Returns the size of one dimension.
     *
     * @param axis the dimension, in {@code [0, rank())}
     * @return its size
     * @throws IndexOutOfBoundsException if {@code axis} is out of range
     */
    public int dim(int axis) {
        if (axis < 0 || axis >= shape.length) {
            throw new IndexOutOfBoundsException("axis " + axis + " out of range for rank " + shape.length);
        }
        return shape[axis];
    }

    /**
     * Returns the total number of elements.
     *
     * @return the product of the shape
     */
    public int length() {
        return data.length;
    }

    /**
     * Returns one element as an unsigned value.
     *
     * @param flatIndex the row-major index, in {@code [0, length())}
     * @return the element, in {@code [0, 255]}
     * @throws IndexOutOfBoundsException if {@code flatIndex} is out of range
     */
    public int unsigned(int flatIndex) {
        if (flatIndex < 0 || flatIndex >= data.length) {
            throw new IndexOutOfBoundsException("flat index " + flatIndex + " out of range [0, " + data.length + ")");
        }
        return data[flatIndex] & 0xFF;
    }

    /**
     * Copies a range of raw elements into {@code dst}; read each copied byte with {@code b & 0xFF}.
     *
     * @param srcPos  first element to copy
     * @param dst     destination array
     * @param dstPos  where the first element goes in {@code dst}
     * @param length  number of elements to copy
     * @throws IndexOutOfBoundsException if either range is out of bounds
     */
    public void copyTo(int srcPos, byte[] dst, int dstPos, int length) {
        System.arraycopy(data, srcPos, dst, dstPos, length);
    }

    /**
     * Returns a copy of all elements as raw bytes, in row-major order.
     *
     * @return a fresh array of {@link #length()} bytes; read values with {@code b & 0xFF}
     */
    public byte[] toByteArray() {
        return data.clone();
    }

    /**
     * Describes the array by its shape.
     *
     * @return for example {@code IdxArray[8000, 28, 28]}
     */
    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(shape);
    }
}
