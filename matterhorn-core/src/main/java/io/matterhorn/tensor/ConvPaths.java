package io.matterhorn.tensor;

import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.FloatBits;
import io.matterhorn.numeric.ScatterConv;
import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeConv;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine choice of the convolutions: per call, from the data's type, grouping and measured density, which
 * engine runs each product. A binary float32 input of low density runs event-driven
 * ({@link #eventInput}, {@link SparseConvEngine}); a float32 output gradient with many exact zeros gets its data
 * gradient by scatter ({@link #useScatter}); everything else runs the im2col + GEMM products of
 * {@link DenseConvEngine}. The density limits are read once from system properties. Stateless and thread-safe.
 */
final class ConvPaths {
    private ConvPaths() {
    }

    /**
     * Largest input density (fraction of ones) at which a binary float32 input runs event-driven; system property
     * {@code matterhorn.conv.eventDensity} (0 turns the event-driven path off, 1 uses it for every binary input).
     */
    static final double EVENT_DENSITY = densityProperty("matterhorn.conv.eventDensity", "0.3");

    private static double densityProperty(String name, String fallback) {
        String v = System.getProperty(name, fallback);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a number in [0, 1], got '" + v + "'");
        }
    }

    /**
     * Decides, per call, whether a convolution input runs event-driven ({@link SpikeConv}), and if so lists its
     * ones: it must be float32 with a float32 weight and one group, every element must be 0 or 1, and the fraction
     * of ones at most {@link #EVENT_DENSITY}. A spike-valued input is compressed at once ({@link SparseRows#compress},
     * which counts the ones too), so a spike input denser than the limit pays one compression it then drops; any
     * other input goes through {@link SparseRows#compressSpikes}, whose counting pass also checks the values and
     * which lists the ones only when the input qualifies (a dense analog input costs one pass and no lists). The
     * lists are all the event-driven forward and weight gradient read of the input.
     *
     * Lists the producer attached ({@code Tensor.sparseRows()}, for instance a soma's spikes listed by its kernel)
     * are used as they are when they describe x as [N, C*inPlane] with no values, so that x is not scanned at all.
     *
     * @param x input [N, C, *in], contiguous
     * @param w weight
     * @param groups number of groups
     * @param spikeValued whether x is known to hold only 0 and 1 ({@code Tensor.isSpikeValued()})
     * @param attached the lists of x's ones attached by its producer ({@code Tensor.sparseRows()}), or null
     * @return the ones of x as [N, C*inPlane] (values null) for {@link SparseConvEngine#convolveEvents} and
     *     {@link SparseConvEngine#weightGradientEvents}, or null for the dense path
     */
    static SparseRows eventInput(INDArray x, INDArray w, int groups, boolean spikeValued, SparseRows attached) {
        if (groups != 1 || x.dataType() != DataType.FLOAT || w.dataType() != DataType.FLOAT || EVENT_DENSITY <= 0
                || x.length() == 0 || x.length() > Integer.MAX_VALUE) {
            return null;
        }
        int n = (int) x.size(0);
        int cols = (int) (x.length() / n);
        long maxOnes = (long) Math.floor(EVENT_DENSITY * x.length());
        if (!spikeValued) {
            return SparseRows.compressSpikes(Layout.floats(x), Layout.offset(x), n, cols, maxOnes);
        }
        if (attached != null && attached.values() == null && attached.rows() == n && attached.cols() == cols) {
            return attached.nonZeros() <= maxOnes ? attached : null;
        }
        SparseRows rows = SparseRows.compress(Layout.floats(x), Layout.offset(x), n, cols);
        // values: a spike-valued tensor that holds something other than 0 and 1 after all runs dense
        return rows.values() == null && rows.nonZeros() <= maxOnes ? rows : null;
    }

    /**
     * The lists of ones a spike-valued input carries from its producer ({@code Tensor.sparseRows()}, for instance a
     * soma's spikes listed by its kernel), when they qualify for the event-driven path as {@link #eventInput}'s
     * would: float32 input and weight, one group, the lists [N, C*inPlane] without values, at most
     * {@link #EVENT_DENSITY} ones. The input's value is not read, so a lazy input stays uncomputed.
     *
     * @param x input [N, C, *in]
     * @param w weight
     * @param groups number of groups
     * @return the attached lists, or null when the caller has to look at the value ({@link #eventInput})
     */
    static SparseRows attachedEvents(Tensor x, INDArray w, int groups) {
        SparseRows attached = x.sparseRows();
        if (attached == null || !x.isSpikeValued() || groups != 1 || x.dataType() != DataType.FLOAT
                || w.dataType() != DataType.FLOAT || EVENT_DENSITY <= 0 || x.length() == 0
                || x.length() > Integer.MAX_VALUE) {
            return null;
        }
        int n = (int) x.size(0);
        int cols = (int) (x.length() / n);
        long maxOnes = (long) Math.floor(EVENT_DENSITY * x.length());
        return attached.values() == null && attached.rows() == n && attached.cols() == cols
                && attached.nonZeros() <= maxOnes ? attached : null;
    }

    /**
     * Largest fraction of non-zero output-gradient entries at which the data gradient runs by scatter
     * ({@link ScatterConv}) instead of the position-major product: 0.35 with the Java loops (the measured crossover
     * on example 4's shapes), 1 when a compiled scatter is installed (it is faster than the product at every
     * density, so {@code dy} is not even counted); system property {@code matterhorn.conv.scatterDensity} sets one
     * value for both (0 turns the scatter path off).
     */
    static final double SCATTER_DENSITY = densityProperty("matterhorn.conv.scatterDensity", "0.35");
    static final double SCATTER_DENSITY_COMPILED = densityProperty("matterhorn.conv.scatterDensity", "1");

    /**
     * Decides, per call, whether the data gradient of a convolution runs by scatter over the non-zero entries of
     * {@code dy} ({@link SparseConvEngine#transposeScatter}): float32 gradient and weight, one group, and at most
     * {@link #SCATTER_DENSITY} (with a compiled scatter {@link #SCATTER_DENSITY_COMPILED}) of {@code dy} non-zero
     * (measured here, one pass, unless the limit is 1).
     *
     * @param dy output gradient [N, Cs, *out], contiguous
     * @param w weight
     * @param groups number of groups
     * @return whether to use {@link SparseConvEngine#transposeScatter}
     */
    static boolean useScatter(INDArray dy, INDArray w, int groups) {
        if (groups != 1 || dy.dataType() != DataType.FLOAT || w.dataType() != DataType.FLOAT
                || dy.length() == 0 || dy.length() > Integer.MAX_VALUE) {
            return false;
        }
        double limit = ScatterConv.accelerated() ? SCATTER_DENSITY_COMPILED : SCATTER_DENSITY;
        if (limit <= 0) {
            return false;
        }
        if (limit >= 1) {
            return true;
        }
        long nonZeros = FloatBits.nonZeros(Layout.floats(dy), Layout.offset(dy), (int) dy.length());
        return nonZeros <= limit * dy.length();
    }

    /**
     * Data gradient of a convolution, {@code dx = conv^T(dy)}, by the cheapest path for this call: scatter over
     * the non-zeros of a sparse float32 {@code dy} ({@link #useScatter}), else the position-major product for one
     * group in float32, else im2col products ({@link DenseConvEngine#transposeConvolve}).
     *
     * @param dy output gradient [N, Cs, *out], contiguous
     * @param w weight [Cs, Cb/groups, *kernel]
     * @param g window geometry (input side = the result)
     * @param groups number of groups
     * @param bigShape shape of the result [N, Cb, *in]
     * @return the data gradient, same type as {@code dy}
     */
    static INDArray dataGradient(INDArray dy, INDArray w, ConvGeometry g, int groups, long[] bigShape) {
        if (useScatter(dy, w, groups)) {
            return SparseConvEngine.transposeScatter(dy, w, g, bigShape);
        }
        if (groups == 1 && dy.dataType() == DataType.FLOAT && w.dataType() == DataType.FLOAT) {
            return DenseConvEngine.transposePositionMajor(dy, w, g, bigShape);
        }
        return DenseConvEngine.transposeConvolve(dy, w, null, g, groups, bigShape);
    }
}
