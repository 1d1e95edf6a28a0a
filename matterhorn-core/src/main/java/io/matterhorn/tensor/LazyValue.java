package io.matterhorn.tensor;

import java.util.Arrays;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The value of a {@link Tensor#lazy} constant before it is computed: its shape, its type and how to compute it.
 *
 * @param shape the value's shape
 * @param type the value's element type
 * @param supplier computes the value
 */
record LazyValue(long[] shape, DataType type, Supplier<INDArray> supplier) {

    /**
     * @return the computed value
     * @throws IllegalStateException if the supplier returns null or an array of another shape or type
     */
    INDArray compute() {
        INDArray v = supplier.get();
        if (v == null || v.dataType() != type || !Arrays.equals(v.shape(), shape)) {
            throw new IllegalStateException("lazy tensor value " + (v == null ? "null" : Arrays.toString(v.shape())
                    + " " + v.dataType()) + " does not match the announced " + Arrays.toString(shape) + " " + type);
        }
        return v;
    }
}
