package io.matterhorn.tensor;

import io.matterhorn.numeric.ConvGeometry;
import java.util.Arrays;

/**
 * Options of an N-d convolution or transposed convolution ({@code dims} = 1, 2 or 3 spatial dimensions), with
 * PyTorch's meaning and defaults: stride 1, padding 0, dilation 1, groups 1, output padding 0. Immutable; each
 * setter returns a new spec. Setters take one value (used for every dimension) or one value per dimension.
 *
 * <pre>{@code
 * ConvSpec s = ConvSpec.of(2).stride(2).padding(1);          // Conv2d(..., stride=2, padding=1)
 * ConvSpec same = ConvSpec.of(2).padding("same");            // output size = input size (stride 1 only)
 * }</pre>
 *
 * <p>Output size per dimension, with input size {@code i}, kernel {@code k}, stride {@code s}, padding before and
 * after {@code pb, pa}, dilation {@code d}, output padding {@code op}:
 *
 * <pre>
 *   convolution:             o = floor((i + pb + pa - d*(k-1) - 1) / s) + 1
 *   transposed convolution:  o = (i - 1)*s - 2p + d*(k-1) + op + 1
 * </pre>
 *
 * {@code "valid"} means no padding; {@code "same"} pads {@code d*(k-1)} in total, {@code floor} of half before and
 * the rest after (the extra element goes to the right/bottom, as in PyTorch), and needs stride 1.
 */
public final class ConvSpec {
    private final int dims;
    private final int[] stride;
    private final int[] padding;
    private final String paddingMode;
    private final int[] dilation;
    private final int[] outputPadding;
    private final int groups;

    private ConvSpec(int dims, int[] stride, int[] padding, String paddingMode, int[] dilation, int[] outputPadding,
            int groups) {
        this.dims = dims;
        this.stride = stride;
        this.padding = padding;
        this.paddingMode = paddingMode;
        this.dilation = dilation;
        this.outputPadding = outputPadding;
        this.groups = groups;
    }

    /**
     * @param dims number of spatial dimensions, 1 to 3
     * @return the default spec (stride 1, padding 0, dilation 1, groups 1)
     */
    public static ConvSpec of(int dims) {
        if (dims < 1 || dims > 3) {
            throw new IllegalArgumentException("ConvSpec: 1 to 3 spatial dimensions, got " + dims);
        }
        return new ConvSpec(dims, filled(dims, 1), filled(dims, 0), null, filled(dims, 1), filled(dims, 0), 1);
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    private int[] perDim(String what, int[] v, int min) {
        if (v == null || (v.length != 1 && v.length != dims)) {
            throw new IllegalArgumentException("ConvSpec: " + what + " needs 1 or " + dims + " values, got "
                    + Arrays.toString(v));
        }
        int[] r = v.length == 1 ? filled(dims, v[0]) : v.clone();
        for (int x : r) {
            if (x < min) {
                throw new IllegalArgumentException("ConvSpec: " + what + " must be >= " + min + ", got "
                        + Arrays.toString(v));
            }
        }
        return r;
    }

    /**
     * @param s stride, one value or one per dimension, each &gt;= 1
     * @return a spec with this stride
     */
    public ConvSpec stride(int... s) {
        return new ConvSpec(dims, perDim("stride", s, 1), padding, paddingMode, dilation, outputPadding, groups);
    }

    /**
     * @param p symmetric zero padding, one value or one per dimension, each &gt;= 0
     * @return a spec with this padding
     */
    public ConvSpec padding(int... p) {
        return new ConvSpec(dims, stride, perDim("padding", p, 0), null, dilation, outputPadding, groups);
    }

    /**
     * @param mode {@code "same"} or {@code "valid"} (convolution only)
     * @return a spec with this padding mode
     */
    public ConvSpec padding(String mode) {
        if (!"same".equals(mode) && !"valid".equals(mode)) {
            throw new IllegalArgumentException("ConvSpec: padding must be \"same\", \"valid\" or integers, got \""
                    + mode + "\"");
        }
        return new ConvSpec(dims, stride, filled(dims, 0), mode, dilation, outputPadding, groups);
    }

    /**
     * @param d dilation, one value or one per dimension, each &gt;= 1
     * @return a spec with this dilation
     */
    public ConvSpec dilation(int... d) {
        return new ConvSpec(dims, stride, padding, paddingMode, perDim("dilation", d, 1), outputPadding, groups);
    }

    /**
     * @param p extra size added to one side of a transposed convolution's output, each &gt;= 0 and smaller than
     *     the stride or the dilation of its dimension
     * @return a spec with this output padding
     */
    public ConvSpec outputPadding(int... p) {
        return new ConvSpec(dims, stride, padding, paddingMode, dilation, perDim("outputPadding", p, 0), groups);
    }

    /**
     * @param g number of groups, &gt;= 1; channels are split into g independent convolutions
     * @return a spec with this group count
     */
    public ConvSpec groups(int g) {
        if (g < 1) {
            throw new IllegalArgumentException("ConvSpec: groups must be >= 1, got " + g);
        }
        return new ConvSpec(dims, stride, padding, paddingMode, dilation, outputPadding, g);
    }

    /** @return number of spatial dimensions */
    public int dims() {
        return dims;
    }

    /** @return strides (a copy) */
    public int[] stride() {
        return stride.clone();
    }

    /** @return symmetric integer padding (zeros when a padding mode is set) (a copy) */
    public int[] padding() {
        return padding.clone();
    }

    /** @return "same", "valid", or null when integer padding is used */
    public String paddingMode() {
        return paddingMode;
    }

    /** @return dilations (a copy) */
    public int[] dilation() {
        return dilation.clone();
    }

    /** @return output padding of a transposed convolution (a copy) */
    public int[] outputPadding() {
        return outputPadding.clone();
    }

    /** @return number of groups */
    public int groups() {
        return groups;
    }

    /**
     * Window geometry of a convolution on the given input.
     *
     * @param op operation name for messages
     * @param in input spatial sizes
     * @param kernel kernel spatial sizes
     * @return the geometry (input = {@code in}, output = convolution output)
     */
    ConvGeometry convGeometry(String op, int[] in, int[] kernel) {
        int[] before = padding.clone();
        int[] after = padding.clone();
        if ("same".equals(paddingMode)) {
            for (int d = 0; d < dims; d++) {
                if (stride[d] != 1) {
                    throw new IllegalArgumentException(op + ": padding=\"same\" is not supported for strided "
                            + "convolutions (stride " + Arrays.toString(stride) + ")");
                }
                int total = dilation[d] * (kernel[d] - 1);
                before[d] = total / 2;
                after[d] = total - before[d];
            }
        }
        int[] out = new int[dims];
        for (int d = 0; d < dims; d++) {
            long span = (long) dilation[d] * (kernel[d] - 1) + 1;
            long padded = (long) in[d] + before[d] + after[d];
            if (padded > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(op + ": padded input size " + padded + " in spatial dimension " + d
                        + " exceeds 2^31 - 1 (input " + Arrays.toString(in) + ", " + describe() + ")");
            }
            if (padded < span) {
                throw new IllegalArgumentException(op + ": padded input size " + padded + " in spatial dimension " + d
                        + " is smaller than the dilated kernel size " + span + " (input " + Arrays.toString(in)
                        + ", kernel " + Arrays.toString(kernel) + ", " + describe() + ")");
            }
            out[d] = (int) ((padded - span) / stride[d] + 1);
        }
        return new ConvGeometry(in, out, kernel, stride, before, after, dilation);
    }

    /**
     * Window geometry of a transposed convolution, seen as the convolution it is the adjoint of: the geometry's
     * input side is the transposed convolution's output, its output side the transposed convolution's input.
     *
     * @param op operation name for messages
     * @param in input spatial sizes of the transposed convolution
     * @param kernel kernel spatial sizes
     * @return the geometry (input = transposed output, output = {@code in})
     */
    ConvGeometry transposedGeometry(String op, int[] in, int[] kernel) {
        if (paddingMode != null) {
            throw new IllegalArgumentException(op + ": padding=\"" + paddingMode + "\" is not supported by transposed "
                    + "convolutions; give integer padding");
        }
        int[] out = new int[dims];
        for (int d = 0; d < dims; d++) {
            if (outputPadding[d] >= stride[d] && outputPadding[d] >= dilation[d]) {
                throw new IllegalArgumentException(op + ": output padding must be smaller than either stride or "
                        + "dilation, got outputPadding " + Arrays.toString(outputPadding) + ", " + describe());
            }
            out[d] = (in[d] - 1) * stride[d] - 2 * padding[d] + dilation[d] * (kernel[d] - 1) + outputPadding[d] + 1;
            if (out[d] < 1) {
                throw new IllegalArgumentException(op + ": output size " + out[d] + " in spatial dimension " + d
                        + " is not positive (input " + Arrays.toString(in) + ", kernel " + Arrays.toString(kernel)
                        + ", " + describe() + ")");
            }
        }
        return new ConvGeometry(out, in, kernel, stride, padding, padding, dilation);
    }

    /** @return the options as text, e.g. {@code stride=(2, 2), padding=(1, 1)}; defaults are left out */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        append(sb, "stride", stride, 1);
        if (paddingMode != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("padding=").append(paddingMode);
        } else {
            append(sb, "padding", padding, 0);
        }
        append(sb, "dilation", dilation, 1);
        append(sb, "output_padding", outputPadding, 0);
        if (groups != 1) {
            sb.append(sb.length() > 0 ? ", " : "").append("groups=").append(groups);
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, int[] v, int dflt) {
        for (int x : v) {
            if (x != dflt) {
                sb.append(sb.length() > 0 ? ", " : "").append(name).append('=').append(tuple(v));
                return;
            }
        }
    }

    /**
     * @param v values
     * @return PyTorch-style tuple text, e.g. {@code (3, 3)} or {@code (3,)}
     */
    public static String tuple(int[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(v[i]);
        }
        return sb.append(v.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public String toString() {
        return "ConvSpec(" + dims + "d" + (describe().isEmpty() ? "" : ", " + describe()) + ")";
    }
}
