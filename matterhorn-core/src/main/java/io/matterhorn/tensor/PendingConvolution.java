package io.matterhorn.tensor;

import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.SparseRows;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an event-driven convolution needs to compute its output, carried by that output while it is lazy
 * ({@link Tensor#pendingConvolution()}): a consumer that can compute the convolution together with its own work
 * (a spiking soma on the CPU library, {@code SomaKernels.forwardAfterConvolution}) then never has the output
 * written and read back. The output's value is, for sample n, output channel co and output position o,
 *
 * <pre>
 *   y[n, co, o] = bias[co] + sum over the ones (c, p) of row n of {@code ones} and the taps k with
 *                 geometry.tapTable()[o*K + k] = p of weight[co, c, k]
 * </pre>
 *
 * The operands name the convolution's tensors in the graph: a consumer whose backward folds its input gradient
 * into the convolution's weight and bias gradients (a soma on the CPU library,
 * {@code SomaKernels.backwardIntoConvolution}) accumulates them there, which it may do only while the input needs
 * no gradient ({@link Operands#input()}).
 *
 * <p>The record is immutable and its arrays are its own: weight and bias are copies taken by the forward, so that
 * an optimizer step taken before the value is read changes nothing. The operands are the graph's tensors, as
 * thread-safe as the graph itself (one thread at a time).
 *
 * @param ones the convolution input's ones, [N, C*inPlane], values null
 * @param weight [C_out, C, *kernel], float32, contiguous, row-major
 * @param bias [C_out], float32, contiguous, or null
 * @param geometry the window geometry of one group
 * @param operands the convolution's input, weight and bias tensors
 */
public record PendingConvolution(SparseRows ones, INDArray weight, INDArray bias, ConvGeometry geometry,
        Operands operands) {

    /**
     * The convolution's operands in the graph.
     *
     * @param input the input x [N, C, *in]
     * @param weight the weight [C_out, C, *kernel]
     * @param bias the bias [C_out], or null
     */
    public record Operands(Tensor input, Tensor weight, Tensor bias) {
        /** @throws NullPointerException if input or weight is null */
        public Operands {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(weight, "weight");
        }
    }

    /**
     * @throws IllegalArgumentException if ones has values, the arrays are not float32, or the sizes disagree
     */
    public PendingConvolution {
        Objects.requireNonNull(ones, "ones");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(operands, "operands");
        if (ones.values() != null) {
            throw new IllegalArgumentException("pending convolution: the input's ones must carry no values");
        }
        if (weight.dataType() != DataType.FLOAT || (bias != null && bias.dataType() != DataType.FLOAT)) {
            throw new IllegalArgumentException("pending convolution: weight and bias must be float32");
        }
        long perOutput = (long) ones.cols() / Math.max(1, geometry.inPlane()) * geometry.kernelSize();
        if (weight.length() != weight.size(0) * perOutput || (bias != null && bias.length() != weight.size(0))) {
            throw new IllegalArgumentException("pending convolution: weight " + java.util.Arrays.toString(
                    weight.shape()) + " and bias do not fit " + ones.cols() + " input columns and "
                    + geometry.kernelSize() + " taps");
        }
    }

    /** @return the output channels C_out */
    public int outChannels() {
        return (int) weight.size(0);
    }

    /** @return the elements of one output sample, C_out * outPlane */
    public int sampleElements() {
        return Math.multiplyExact(outChannels(), geometry.outPlane());
    }
}
