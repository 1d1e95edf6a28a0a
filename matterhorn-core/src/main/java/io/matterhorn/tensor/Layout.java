package io.matterhorn.tensor;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Memory-layout helpers for code that reads ND4J arrays directly from Java loops (fused kernels).
 */
public final class Layout {
    private Layout() {
    }

    /**
     * @param a an array
     * @return {@code a} itself when it is row-major with default strides, else a row-major copy
     */
    public static INDArray contiguous(INDArray a) {
        return isRowMajor(a) ? a : a.dup('c');
    }

    /**
     * A direct view of a float32 array's elements in row-major order. Element {@code i} is at
     * {@code buffer.get(offset + i)}; see {@link #offset(INDArray)}.
     *
     * @param a a float32 array, contiguous row-major (see {@link #contiguous(INDArray)})
     * @return the buffer (shares memory with {@code a})
     */
    public static FloatBuffer floats(INDArray a) {
        if (a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("expected a float32 array, got " + a.dataType());
        }
        if (!isRowMajor(a)) {
            throw new IllegalArgumentException("expected a contiguous row-major array; call Layout.contiguous first");
        }
        return a.data().asNioFloat();
    }

    /**
     * @param a an array
     * @return whether its elements are laid out densely in row-major order (strides of size-1 dimensions are
     *     ignored)
     */
    public static boolean isRowMajor(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /**
     * @param a an array
     * @return the index of its first element within {@code a.data()}
     */
    public static int offset(INDArray a) {
        return Math.toIntExact(a.offset());
    }

    /**
     * Copies the elements of an array, in row-major order, into a new Java array. Unlike
     * {@code a.data().asFloat()} this respects views (offsets and strides).
     *
     * @param a any array
     * @return a new float[] of length {@code a.length()}
     */
    public static float[] toFloatArray(INDArray a) {
        INDArray c = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        if (isRowMajor(c) && c.offset() == 0 && c.data().length() == c.length()) {
            return c.data().asFloat();
        }
        return c.dup('c').data().asFloat();
    }
}
