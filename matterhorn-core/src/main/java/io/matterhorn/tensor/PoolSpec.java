package io.matterhorn.tensor;

import io.matterhorn.numeric.ConvGeometry;
import java.util.Arrays;

/**
 * Options of N-d max or average pooling (1 to 3 spatial dimensions), with PyTorch's meaning and defaults: stride =
 * kernel size, padding 0, dilation 1 (max pooling only), floor mode, {@code countIncludePad = true}, no divisor
 * override (average pooling only). Immutable; setters return a new spec and take one value (for every dimension)
 * or one value per dimension.
 *
 * <p>Output size per dimension, input {@code i}, kernel {@code k}, stride {@code s}, padding {@code p}, dilation
 * {@code d}:
 *
 * <pre>
 *   ceilMode = false:  o = floor((i + 2p - d*(k-1) - 1) / s) + 1
 *   ceilMode = true:   o = ceil((i + 2p - d*(k-1) - 1) / s) + 1, minus 1 if (o-1)*s &gt;= i + p
 * </pre>
 *
 * (in ceil mode the last window must start inside the input or the left padding).
 *
 * Padding may be at most half the kernel size, as in PyTorch.
 */
public final class PoolSpec {
    private final int dims;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final boolean ceilMode;
    private final boolean countIncludePad;
    private final int divisorOverride;

    private PoolSpec(int dims, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode,
            boolean countIncludePad, int divisorOverride) {
        this.dims = dims;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
    }

    /**
     * @param dims number of spatial dimensions, 1 to 3
     * @param kernel window size, one value or one per dimension, each &gt;= 1
     * @return a spec with stride = kernel and the other defaults
     */
    public static PoolSpec of(int dims, int... kernel) {
        if (dims < 1 || dims > 3) {
            throw new IllegalArgumentException("PoolSpec: 1 to 3 spatial dimensions, got " + dims);
        }
        int[] k = perDim(dims, "kernel_size", kernel, 1);
        int[] zeros = new int[dims];
        int[] ones = new int[dims];
        Arrays.fill(ones, 1);
        return new PoolSpec(dims, k, k.clone(), zeros, ones, false, true, 0);
    }

    private static int[] perDim(int dims, String what, int[] v, int min) {
        if (v == null || (v.length != 1 && v.length != dims)) {
            throw new IllegalArgumentException("PoolSpec: " + what + " needs 1 or " + dims + " values, got "
                    + Arrays.toString(v));
        }
        int[] r = new int[dims];
        for (int d = 0; d < dims; d++) {
            r[d] = v.length == 1 ? v[0] : v[d];
            if (r[d] < min) {
                throw new IllegalArgumentException("PoolSpec: " + what + " must be >= " + min + ", got "
                        + Arrays.toString(v));
            }
        }
        return r;
    }

    /**
     * @param s stride, each &gt;= 1
     * @return a spec with this stride
     */
    public PoolSpec stride(int... s) {
        return new PoolSpec(dims, kernel, perDim(dims, "stride", s, 1), padding, dilation, ceilMode,
                countIncludePad, divisorOverride);
    }

    /**
     * @param p implicit padding on both sides (-infinity for max, zeros for average), each at most kernel/2
     * @return a spec with this padding
     */
    public PoolSpec padding(int... p) {
        int[] pad = perDim(dims, "padding", p, 0);
        for (int d = 0; d < dims; d++) {
            if (pad[d] > kernel[d] / 2) {
                throw new IllegalArgumentException("PoolSpec: padding should be at most half of the kernel size, got "
                        + "padding " + Arrays.toString(pad) + " and kernel_size " + Arrays.toString(kernel));
            }
        }
        return new PoolSpec(dims, kernel, stride, pad, dilation, ceilMode, countIncludePad, divisorOverride);
    }

    /**
     * @param d spacing of window taps (max pooling only), each &gt;= 1
     * @return a spec with this dilation
     */
    public PoolSpec dilation(int... d) {
        return new PoolSpec(dims, kernel, stride, padding, perDim(dims, "dilation", d, 1), ceilMode,
                countIncludePad, divisorOverride);
    }

    /**
     * @param on use ceil instead of floor in the output size
     * @return a spec with this rounding
     */
    public PoolSpec ceilMode(boolean on) {
        return new PoolSpec(dims, kernel, stride, padding, dilation, on, countIncludePad, divisorOverride);
    }

    /**
     * @param on whether zero padding counts in an average's divisor
     * @return a spec with this rule
     */
    public PoolSpec countIncludePad(boolean on) {
        return new PoolSpec(dims, kernel, stride, padding, dilation, ceilMode, on, divisorOverride);
    }

    /**
     * @param divisor divisor of every average instead of the window size (non-zero), or 0 for none
     * @return a spec with this divisor
     */
    public PoolSpec divisorOverride(int divisor) {
        return new PoolSpec(dims, kernel, stride, padding, dilation, ceilMode, countIncludePad, divisor);
    }

    /** @return number of spatial dimensions */
    public int dims() {
        return dims;
    }

    /** @return window size (a copy) */
    public int[] kernel() {
        return kernel.clone();
    }

    /** @return stride (a copy) */
    public int[] stride() {
        return stride.clone();
    }

    /** @return padding (a copy) */
    public int[] padding() {
        return padding.clone();
    }

    /** @return dilation (a copy) */
    public int[] dilation() {
        return dilation.clone();
    }

    /** @return whether the output size is rounded up */
    public boolean ceilMode() {
        return ceilMode;
    }

    /** @return whether padding counts in an average's divisor */
    public boolean countIncludePad() {
        return countIncludePad;
    }

    /** @return the divisor override, 0 for none */
    public int divisorOverride() {
        return divisorOverride;
    }

    /**
     * @param op operation name for messages
     * @param in input spatial sizes
     * @return the window geometry
     */
    ConvGeometry geometry(String op, int[] in) {
        int[] out = new int[dims];
        for (int d = 0; d < dims; d++) {
            if (padding[d] > kernel[d] / 2) {
                throw new IllegalArgumentException(op + ": padding should be at most half of the kernel size, got "
                        + "padding " + Arrays.toString(padding) + " and kernel_size " + Arrays.toString(kernel));
            }
            int num = in[d] + 2 * padding[d] - dilation[d] * (kernel[d] - 1) - 1 + (ceilMode ? stride[d] - 1 : 0);
            int o = Math.floorDiv(num, stride[d]) + 1;
            if (ceilMode && (long) (o - 1) * stride[d] >= in[d] + padding[d]) {
                o--;
            }
            if (o < 1) {
                throw new IllegalArgumentException(op + ": input spatial size " + Arrays.toString(in)
                        + " is too small for " + describe() + " (output size " + o + ")");
            }
            out[d] = o;
        }
        return new ConvGeometry(in, out, kernel, stride, padding, padding, dilation);
    }

    /** @return the options as text, e.g. {@code kernel_size=(2, 2), stride=(2, 2)} */
    public String describe() {
        StringBuilder sb = new StringBuilder("kernel_size=").append(ConvSpec.tuple(kernel));
        sb.append(", stride=").append(ConvSpec.tuple(stride));
        if (Arrays.stream(padding).anyMatch(p -> p != 0)) {
            sb.append(", padding=").append(ConvSpec.tuple(padding));
        }
        if (Arrays.stream(dilation).anyMatch(p -> p != 1)) {
            sb.append(", dilation=").append(ConvSpec.tuple(dilation));
        }
        if (ceilMode) {
            sb.append(", ceil_mode=True");
        }
        if (!countIncludePad) {
            sb.append(", count_include_pad=False");
        }
        if (divisorOverride != 0) {
            sb.append(", divisor_override=").append(divisorOverride);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "PoolSpec(" + dims + "d, " + describe() + ")";
    }
}
