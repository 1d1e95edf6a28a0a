package io.matterhorn.tensor;

import io.matterhorn.numeric.NumBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Bridges ND4J arrays to the element views ({@link NumBuffer}) that the pure-Java kernels read and write. */
final class Buffers {
    private Buffers() {
    }

    /**
     * @param a a float32 or float64 array, contiguous row-major (see {@link Layout#contiguous})
     * @return a view of its elements in row-major order; element 0 is the array's first element
     */
    static NumBuffer of(INDArray a) {
        if (!Layout.isRowMajor(a)) {
            throw new IllegalArgumentException("expected a contiguous row-major array; call Layout.contiguous first");
        }
        if (a.dataType() == DataType.FLOAT) {
            return NumBuffer.of(a.data().asNioFloat(), Layout.offset(a));
        }
        if (a.dataType() == DataType.DOUBLE) {
            return NumBuffer.of(a.data().asNioDouble(), Layout.offset(a));
        }
        throw new IllegalArgumentException("expected a float32 or float64 array, got " + a.dataType());
    }

    /**
     * @param a an array or null
     * @return {@link #of} of a contiguous version of {@code a}, or null
     */
    static NumBuffer ofNullable(INDArray a) {
        return a == null ? null : of(Layout.contiguous(a));
    }

    /**
     * Checks that every non-null tensor is float32 or float64 and that all share one type.
     *
     * @param op operation name for the message
     * @param tensors the operands (nulls are skipped)
     * @return the common type
     */
    static DataType commonFloatingType(String op, Tensor... tensors) {
        DataType type = null;
        for (Tensor t : tensors) {
            if (t == null) {
                continue;
            }
            DataType d = t.dataType();
            if (d != DataType.FLOAT && d != DataType.DOUBLE) {
                throw new IllegalArgumentException(op + ": expected float32 or float64 operands, got " + d);
            }
            if (type != null && type != d) {
                throw new IllegalArgumentException(op + ": operands mix " + type + " and " + d);
            }
            type = d;
        }
        return type;
    }

    /**
     * @param a a float32 or float64 array
     * @return whether any element is NaN (one parallel pass)
     */
    static boolean hasNaN(INDArray a) {
        INDArray c = Layout.contiguous(a);
        NumBuffer b = of(c);
        int n = Math.toIntExact(c.length());
        boolean[] found = new boolean[1];
        io.matterhorn.numeric.Parallel.forRange(n, 1 << 16, (chunk, from, to) -> {
            for (int i = from; i < to; i++) {
                double v = b.get(i);
                if (v != v) {
                    found[0] = true;
                    return;
                }
            }
        });
        return found[0];
    }

    /**
     * @param values doubles
     * @param type target type
     * @param shape target shape
     * @return a new array with the values
     */
    static INDArray fromDoubles(double[] values, DataType type, long... shape) {
        return org.nd4j.linalg.factory.Nd4j.create(values, shape, 'c').castTo(type);
    }

    /**
     * @param shape a shape
     * @return the shape as text, e.g. "[2, 3]"
     */
    static String text(long[] shape) {
        return Arrays.toString(shape);
    }
}
