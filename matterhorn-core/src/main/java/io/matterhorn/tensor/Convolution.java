package io.matterhorn.tensor;

import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.SparseRows;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Differentiable N-d convolution and transposed convolution (1, 2 or 3 spatial dimensions, channels first), with
 * PyTorch's semantics and weight layouts. Options (stride, padding or "same"/"valid", dilation, groups, output
 * padding) come in a {@link ConvSpec}; the number of spatial dimensions is {@code spec.dims()}.
 *
 * <p><b>Convolution</b>, input {@code x [N, C_in, *in]}, weight {@code w [C_out, C_in/groups, *k]}, bias
 * {@code b [C_out]}, output {@code y [N, C_out, *out]}: for output channel {@code co} in group
 * {@code g = co / (C_out/groups)},
 *
 * <pre>
 *   y[n,co,o] = b[co] + sum over ci &lt; C_in/groups, taps k: w[co, ci, k] * x[n, g*C_in/groups + ci, o*s - pb + k*d]
 * </pre>
 *
 * (zero outside the input). Gradients: {@code dx} is the transposed convolution of {@code dy}, {@code dw} the
 * correlation of {@code dy} with the input, {@code db = sum of dy over N and positions}.
 *
 * <p><b>Transposed convolution</b>, input {@code x [N, C_in, *in]}, weight {@code w [C_in, C_out/groups, *k]},
 * bias {@code b [C_out]}: the adjoint of the convolution with the same weight, i.e. every input element spreads
 * {@code x[n, ci, i] * w[ci, co, k]} onto output position {@code i*s - p + k*d}; output size
 * {@code (in - 1)*s - 2p + d*(k - 1) + outputPadding + 1}.
 *
 * <p>Both run as im2col + GEMM (Java data movement, ND4J BLAS products), float32 or float64; all operands must
 * share one type. Input containing NaN is rejected with an {@link IllegalArgumentException}. A convolution whose
 * input is float32 and binary (spikes) with at most 30% ones (measured per call; system property
 * {@code matterhorn.conv.eventDensity}) and one group runs event-driven instead: the forward pass and the weight
 * gradient add weight columns only for the input's ones (same results up to float rounding order); its output is
 * then lazy, computed when first read, and carries what computing it takes ({@link Tensor#pendingConvolution()}),
 * so that a spiking soma whose kernel fuses computes it together with its own forward and never has it written.
 * The data gradient of a float32, one-group convolution skips the exact zeros of {@code dy} when at most 35% of it is
 * non-zero (system property {@code matterhorn.conv.scatterDensity}), and otherwise multiplies a position-major
 * {@code dy} by the weight and folds the product with contiguous vector adds instead of a channel-major col2im.
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * The largest share of ones at which a binary float32 input runs event-driven: system property
     * {@code matterhorn.conv.eventDensity}, default 0.3 (0 turns the event-driven path off). Producers that list
     * their spikes for the next layer list up to this share.
     *
     * @return the limit, in [0, 1]
     */
    public static double eventDensityLimit() {
        return ConvPaths.EVENT_DENSITY;
    }

    /**
     * N-d convolution (see the class comment).
     *
     * @param x input [N, C_in, *spatial], spatial rank {@code spec.dims()}
     * @param w weight [C_out, C_in/groups, *kernel]
     * @param b bias [C_out], or null
     * @param spec stride, padding, dilation, groups
     * @return output [N, C_out, *out]
     */
    public static Tensor conv(Tensor x, Tensor w, Tensor b, ConvSpec spec) {
        String op = "conv" + spec.dims() + "d";
        Buffers.commonFloatingType(op, x, w, b);
        int groups = spec.groups();
        checkRanks(op, x, w, spec, "[C_out, C_in/groups, " + kernelNames(spec.dims()) + "]");
        long cin = x.size(1);
        long cout = w.size(0);
        if (cin % groups != 0 || cout % groups != 0) {
            throw new IllegalArgumentException(op + ": in_channels " + cin + " and out_channels " + cout
                    + " must both be divisible by groups " + groups);
        }
        if (w.size(1) * groups != cin) {
            throw new IllegalArgumentException(op + ": weight " + Arrays.toString(w.shape()) + " expects "
                    + w.size(1) * groups + " input channels (groups " + groups + "), input "
                    + Arrays.toString(x.shape()) + " has " + cin);
        }
        checkBias(op, b, cout);
        int[] in = spatial(x.shape());
        int[] kernel = spatial(w.shape());
        ConvGeometry geo = spec.convGeometry(op, in, kernel);
        long[] outShape = withSpatial(x.size(0), cout, geo);
        INDArray wv = Layout.contiguous(w.value());
        // lists attached by the producer: the input's value is not read (a lazy input is not even computed)
        SparseRows attached = ConvPaths.attachedEvents(x, wv, groups);
        INDArray xv = attached != null ? null : Layout.contiguous(x.value());
        SparseRows ones = attached != null ? attached
                : ConvPaths.eventInput(xv, wv, groups, x.isSpikeValued(), x.sparseRows());
        INDArray bv = b == null ? null : b.value();
        long[] xShape = x.shape();
        long[] wShape = w.shape();
        Tensor[] parents = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        BackwardFunction backward = backward(x, w, b, wv, xv, ones, geo, groups, xShape, wShape);
        if (ones != null) {
            // event-driven: the output stays lazy and says how to compute it, so that a consumer that computes it
            // together with its own work (a spiking soma) never has it written; the weights are copied now, as an
            // optimizer step may change them before the value is read
            PendingConvolution pending = new PendingConvolution(ones, wv.dup('c'),
                    bv == null ? null : bv.dup('c'), geo, new PendingConvolution.Operands(x, w, b));
            return Tensor.fromLazyOp(op, outShape, DataType.FLOAT, () -> SparseConvEngine.convolveEvents(ones,
                    pending.weight(), pending.bias(), geo, outShape), backward, parents)
                    .attachPendingConvolution(pending);
        }
        INDArray y = DenseConvEngine.convolve(xv, wv, bv, geo, groups, outShape, op);
        return Tensor.fromOp(op, y, backward, parents);
    }

    /** The backward of {@link #conv}: data, weight and bias gradients of the incoming gradient. */
    private static BackwardFunction backward(Tensor x, Tensor w, Tensor b, INDArray wv, INDArray xv, SparseRows ones,
            ConvGeometry geo, int groups, long[] xShape, long[] wShape) {
        return g -> {
            INDArray gc = Layout.contiguous(g);
            if (x.requiresGrad()) {
                x.takeGrad(ConvPaths.dataGradient(gc, wv, geo, groups, xShape));
            }
            if (w.requiresGrad()) {
                w.accumulateGrad(ones != null
                        ? SparseConvEngine.weightGradientEvents(ones, gc, geo, wShape)
                        : DenseConvEngine.weightGradient(xv, gc, geo, groups, wShape));
            }
            if (b != null && b.requiresGrad()) {
                b.accumulateGrad(channelSums(gc));
            }
        };
    }

    /**
     * N-d transposed convolution (see the class comment). {@code spec.padding()} must be integers.
     *
     * @param x input [N, C_in, *spatial], spatial rank {@code spec.dims()}
     * @param w weight [C_in, C_out/groups, *kernel]
     * @param b bias [C_out], or null
     * @param spec stride, padding, output padding, dilation, groups
     * @return output [N, C_out, *out]
     */
    public static Tensor convTranspose(Tensor x, Tensor w, Tensor b, ConvSpec spec) {
        String op = "conv_transpose" + spec.dims() + "d";
        Buffers.commonFloatingType(op, x, w, b);
        int groups = spec.groups();
        checkRanks(op, x, w, spec, "[C_in, C_out/groups, " + kernelNames(spec.dims()) + "]");
        long cin = x.size(1);
        if (w.size(0) != cin) {
            throw new IllegalArgumentException(op + ": weight " + Arrays.toString(w.shape()) + " expects "
                    + w.size(0) + " input channels, input " + Arrays.toString(x.shape()) + " has " + cin);
        }
        if (cin % groups != 0) {
            throw new IllegalArgumentException(op + ": in_channels " + cin + " must be divisible by groups " + groups);
        }
        long cout = w.size(1) * groups;
        checkBias(op, b, cout);
        if (Buffers.hasNaN(x.value())) {
            throw new IllegalArgumentException(op + ": input contains NaN");
        }
        int[] in = spatial(x.shape());
        int[] kernel = spatial(w.shape());
        ConvGeometry geo = spec.transposedGeometry(op, in, kernel);
        long[] outShape = new long[x.rank()];
        outShape[0] = x.size(0);
        outShape[1] = cout;
        for (int d = 0; d < spec.dims(); d++) {
            outShape[2 + d] = geo.in(3 - spec.dims() + d);
        }
        INDArray xv = Layout.contiguous(x.value());
        INDArray wv = Layout.contiguous(w.value());
        INDArray y = DenseConvEngine.transposeConvolve(xv, wv, b == null ? null : b.value(), geo, groups, outShape);
        long[] xShape = x.shape();
        long[] wShape = w.shape();
        Tensor[] parents = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        return Tensor.fromOp(op, y, g -> {
            INDArray gc = Layout.contiguous(g);
            if (x.requiresGrad()) {
                x.takeGrad(DenseConvEngine.convolve(gc, wv, null, geo, groups, xShape, null));
            }
            if (w.requiresGrad()) {
                w.accumulateGrad(DenseConvEngine.weightGradient(gc, xv, geo, groups, wShape));
            }
            if (b != null && b.requiresGrad()) {
                b.accumulateGrad(channelSums(gc));
            }
        }, parents);
    }

    /**
     * Output shape of {@link #conv} without running it.
     *
     * @param inputShape [N, C_in, *spatial]
     * @param weightShape [C_out, C_in/groups, *kernel]
     * @param spec the options
     * @return [N, C_out, *out]
     */
    public static long[] convOutputShape(long[] inputShape, long[] weightShape, ConvSpec spec) {
        String op = "conv" + spec.dims() + "d";
        if (inputShape.length != spec.dims() + 2 || weightShape.length != spec.dims() + 2) {
            throw new IllegalArgumentException(op + ": expected rank " + (spec.dims() + 2) + " shapes, got input "
                    + Arrays.toString(inputShape) + " and weight " + Arrays.toString(weightShape));
        }
        ConvGeometry geo = spec.convGeometry(op, spatial(inputShape), spatial(weightShape));
        return withSpatial(inputShape[0], weightShape[0], geo);
    }

    /**
     * Output shape of {@link #convTranspose} without running it.
     *
     * @param inputShape [N, C_in, *spatial]
     * @param weightShape [C_in, C_out/groups, *kernel]
     * @param spec the options
     * @return [N, C_out, *out]
     */
    public static long[] convTransposeOutputShape(long[] inputShape, long[] weightShape, ConvSpec spec) {
        String op = "conv_transpose" + spec.dims() + "d";
        if (inputShape.length != spec.dims() + 2 || weightShape.length != spec.dims() + 2) {
            throw new IllegalArgumentException(op + ": expected rank " + (spec.dims() + 2) + " shapes, got input "
                    + Arrays.toString(inputShape) + " and weight " + Arrays.toString(weightShape));
        }
        ConvGeometry geo = spec.transposedGeometry(op, spatial(inputShape), spatial(weightShape));
        long[] out = new long[inputShape.length];
        out[0] = inputShape[0];
        out[1] = weightShape[1] * spec.groups();
        for (int d = 0; d < spec.dims(); d++) {
            out[2 + d] = geo.in(3 - spec.dims() + d);
        }
        return out;
    }

    private static void checkRanks(String op, Tensor x, Tensor w, ConvSpec spec, String weightLayout) {
        int rank = spec.dims() + 2;
        if (x.rank() != rank) {
            throw new IllegalArgumentException(op + ": expected input [N, C, " + spatialNames(spec.dims())
                    + "] of rank " + rank + ", got " + Arrays.toString(x.shape()));
        }
        if (w.rank() != rank) {
            throw new IllegalArgumentException(op + ": expected weight " + weightLayout + ", got "
                    + Arrays.toString(w.shape()));
        }
    }

    private static void checkBias(String op, Tensor b, long channels) {
        if (b != null && (b.rank() != 1 || b.size(0) != channels)) {
            throw new IllegalArgumentException(op + ": expected bias [" + channels + "], got "
                    + Arrays.toString(b.shape()));
        }
    }

    private static String kernelNames(int dims) {
        return switch (dims) {
            case 1 -> "kL";
            case 2 -> "kH, kW";
            default -> "kD, kH, kW";
        };
    }

    /**
     * @param dims number of spatial dimensions
     * @return their usual names: "L", "H, W" or "D, H, W"
     */
    public static String spatialNames(int dims) {
        return switch (dims) {
            case 1 -> "L";
            case 2 -> "H, W";
            default -> "D, H, W";
        };
    }

    private static int[] spatial(long[] shape) {
        int[] s = new int[shape.length - 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[2 + i]);
        }
        return s;
    }

    private static long[] withSpatial(long n, long c, ConvGeometry geo) {
        long[] out = new long[geo.dims() + 2];
        out[0] = n;
        out[1] = c;
        for (int d = 0; d < geo.dims(); d++) {
            out[2 + d] = geo.out(3 - geo.dims() + d);
        }
        return out;
    }

    private static INDArray channelSums(INDArray g) {
        return ConvBias.channelSums(g);
    }
}
