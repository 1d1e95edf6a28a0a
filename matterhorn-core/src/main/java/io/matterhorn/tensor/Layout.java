package io.matterhorn.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        if (a.length() == 0) {
            return new float[0];
        }
        INDArray c = contiguous(a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT));
        // one bulk copy from the buffer (ND4J's asFloat() reads element by element)
        float[] r = new float[Math.toIntExact(c.length())];
        floats(c).get(offset(c), r, 0, r.length);
        return r;
    }

    /**
     * The dense float32 array of spike lists: 1 at the listed columns of each row of the flat row-major data viewed as
     * {@code [rows, cols]}, 0 elsewhere.
     *
     * @param spikes the lists (values ignored: every listed entry is a 1)
     * @param shape the array's shape, {@code product(shape) = rows * cols}
     * @return a new array (in the {@link MemoryScope} open at the call, if any)
     * @throws IllegalArgumentException if an argument is null or the shape does not hold rows * cols elements
     */
    public static INDArray fromSpikeLists(io.matterhorn.numeric.SparseRows spikes, long... shape) {
        if (spikes == null || shape == null) {
            throw new IllegalArgumentException("fromSpikeLists: spikes and shape must not be null");
        }
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        if (n != (long) spikes.rows() * spikes.cols()) {
            throw new IllegalArgumentException("spike lists " + spikes.rows() + " x " + spikes.cols()
                    + " do not fill the shape " + java.util.Arrays.toString(shape));
        }
        INDArray out = Nd4j.zeros(DataType.FLOAT, shape);
        FloatBuffer buf = floats(out);
        int[] start = spikes.rowStart();
        int[] columns = spikes.columns();
        int cols = spikes.cols();
        for (int r = 0; r < spikes.rows(); r++) {
            long base = (long) r * cols;
            for (int k = start[r]; k < start[r + 1]; k++) {
                buf.put((int) (base + columns[k]), 1f);
            }
        }
        return out;
    }

    /**
     * A new float32 array holding {@code values} in row-major order, filled by one bulk copy (ND4J's
     * {@code Nd4j.create(float[], ...)} writes element by element). Allocated like {@code Nd4j.create}: in the
     * active workspace, if any.
     *
     * @param values the elements, {@code product(shape)} of them
     * @param shape the array's shape
     * @return the array
     * @throws IllegalArgumentException if the lengths differ
     */
    public static INDArray fromFloats(float[] values, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("fromFloats: " + values.length + " values for shape "
                    + java.util.Arrays.toString(shape) + " (" + n + " elements)");
        }
        INDArray r = Nd4j.createUninitialized(DataType.FLOAT, shape);
        if (n == 0) {
            return r;
        }
        floats(r).put(offset(r), values, 0, values.length);
        return r;
    }

    /**
     * Repeats an array along new leading dimensions: {@code result[i..., j...] = a[j...]}, the gradient of a sum over
     * leading dimensions. ND4J's {@code broadcast} measured about 2 ms for [1, 256, 10] to [32, 256, 10]; this
     * copies whole blocks.
     *
     * @param a a float32 or float64 array whose shape is the trailing part of {@code shape} (leading sizes of 1
     *     allowed)
     * @param shape the result shape
     * @return a new row-major array of {@code shape}, or null when {@code a} is neither float32 nor float64
     */
    public static INDArray repeatLeading(INDArray a, long[] shape) {
        long total = 1;
        for (long n : shape) {
            total *= n;
        }
        long block = a.length();
        if (block == 0 || total % block != 0) {
            throw new IllegalArgumentException("cannot repeat " + block + " elements to shape "
                    + java.util.Arrays.toString(shape));
        }
        int copies = Math.toIntExact(total / block);
        int len = Math.toIntExact(block);
        INDArray c = contiguous(a);
        INDArray out;
        if (a.dataType() == DataType.FLOAT) {
            float[] src = new float[len];
            c.data().asNioFloat().get(offset(c), src, 0, len);
            out = Nd4j.createUninitialized(DataType.FLOAT, shape);
            FloatBuffer dst = out.data().asNioFloat();
            for (int i = 0; i < copies; i++) {
                dst.put(i * len, src, 0, len);
            }
        } else if (a.dataType() == DataType.DOUBLE) {
            double[] src = new double[len];
            c.data().asNioDouble().get(offset(c), src, 0, len);
            out = Nd4j.createUninitialized(DataType.DOUBLE, shape);
            DoubleBuffer dst = out.data().asNioDouble();
            for (int i = 0; i < copies; i++) {
                dst.put(i * len, src, 0, len);
            }
        } else {
            return null;
        }
        return out;
    }
}
