package io.matterhorn.tensor;

import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.ScatterConv;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeConv;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The sparse engines of the convolutions, float32 and one group: binary inputs of low density (spikes) run the
 * forward convolution and the weight gradient event-driven, over the ones only ({@link SpikeConv}); output
 * gradients with many exact zeros get their data gradient by scatter over the non-zeros ({@link ScatterConv}).
 * Each gives the result of the {@link DenseConvEngine} product up to float rounding order. {@link ConvPaths}
 * decides when they run. Stateless and thread-safe (each call works on its own arrays).
 */
final class SparseConvEngine {
    private SparseConvEngine() {
    }

    /**
     * Data gradient of a convolution by scatter over the non-zero entries of {@code dy} (same result as
     * {@link DenseConvEngine#transposeConvolve} without bias and with one group, up to float rounding order).
     *
     * @param dy output gradient [N, Cs, *out], contiguous float32
     * @param w weight [Cs, Cb, *kernel], float32
     * @param g window geometry (input side = the result)
     * @param bigShape shape of the result [N, Cb, *in]
     * @return the data gradient
     */
    static INDArray transposeScatter(INDArray dy, INDArray w, ConvGeometry g, long[] bigShape) {
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, bigShape);
        INDArray wc = Layout.contiguous(w);
        ScatterConv.transpose(Layout.floats(dy), Layout.offset(dy), (int) dy.size(0), (int) dy.size(1),
                Layout.floats(wc), Layout.offset(wc), (int) bigShape[1], g, Layout.floats(dx), Layout.offset(dx));
        return dx;
    }

    /**
     * Forward convolution of a binary float32 input given as the lists of its ones, event-driven (same result as
     * {@link DenseConvEngine#convolve} up to float rounding order).
     *
     * @param ones the ones of the input [N, C, *in] as [N, C*inPlane] ({@link ConvPaths#eventInput})
     * @param w weight [Cs, C, *kernel], float32
     * @param bias bias [Cs] or null
     * @param g window geometry
     * @param outShape [N, Cs, *out]
     * @return the output
     */
    static INDArray convolveEvents(SparseRows ones, INDArray w, INDArray bias, ConvGeometry g, long[] outShape) {
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, outShape);
        INDArray wc = Layout.contiguous(w);
        INDArray bc = bias == null ? null : Layout.contiguous(bias);
        SpikeConv.forward(ones, Layout.floats(wc), Layout.offset(wc), bc == null ? null : Layout.floats(bc),
                bc == null ? 0 : Layout.offset(bc), (int) w.size(0), g, Layout.floats(y), Layout.offset(y));
        return y;
    }

    /**
     * Weight gradient of the convolution of a binary float32 input given as the lists of its ones, event-driven
     * (same result as {@link DenseConvEngine#weightGradient} with one group, up to float rounding order).
     *
     * @param ones the ones of the input [N, C, *in] as [N, C*inPlane] ({@link ConvPaths#eventInput})
     * @param dy output gradient [N, Cs, *out], contiguous
     * @param g window geometry
     * @param wShape weight shape [Cs, C, *kernel]
     * @return the gradient, shape {@code wShape}
     */
    static INDArray weightGradientEvents(SparseRows ones, INDArray dy, ConvGeometry g, long[] wShape) {
        INDArray dyc = dy.dataType() == DataType.FLOAT ? dy : Layout.contiguous(dy.castTo(DataType.FLOAT));
        float[] dw = SpikeConv.weightGradient(ones, Layout.floats(dyc), Layout.offset(dyc), (int) wShape[0], g);
        return Layout.fromFloats(dw, wShape);
    }
}
