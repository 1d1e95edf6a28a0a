package io.matterhorn.numeric;

import java.util.Arrays;

/**
 * Where a sliding window (convolution or pooling) reads its input, for 1 to 3 spatial dimensions. Fewer than 3
 * dimensions are padded in front with size-1 dimensions (kernel 1, stride 1, no padding), so every kernel loops
 * over exactly three spatial axes.
 *
 * <p>Along each axis, output position {@code o} and kernel tap {@code k} read input position
 *
 * <pre>
 *   i = o * stride - padBefore + k * dilation,   valid when 0 &lt;= i &lt; in
 * </pre>
 *
 * and positions outside the input are zero padding (convolution) or excluded (pooling). The output sizes are
 * given, not derived, so the same geometry serves a convolution, its transpose and a pooling window.
 */
public final class ConvGeometry {
    private final int dims;
    private final int[] in;
    private final int[] out;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padBefore;
    private final int[] padAfter;
    private final int[] dilation;
    private final int inPlane;
    private final int outPlane;
    private final int kernelSize;
    private final int[][] source;

    /**
     * @param in input spatial sizes, one per dimension (1 to 3 dimensions)
     * @param out output spatial sizes
     * @param kernel kernel sizes
     * @param stride strides
     * @param padBefore zero padding before the first input position
     * @param padAfter zero padding after the last input position (used by average pooling to bound windows)
     * @param dilation spacing between kernel taps
     * @throws IllegalArgumentException if the arrays differ in length, are empty or longer than 3, or hold a
     *     non-positive size, stride or dilation, or a negative padding
     */
    public ConvGeometry(int[] in, int[] out, int[] kernel, int[] stride, int[] padBefore, int[] padAfter,
            int[] dilation) {
        dims = in.length;
        if (dims < 1 || dims > 3) {
            throw new IllegalArgumentException("ConvGeometry: 1 to 3 spatial dimensions, got " + dims);
        }
        for (int[] a : new int[][] {out, kernel, stride, padBefore, padAfter, dilation}) {
            if (a.length != dims) {
                throw new IllegalArgumentException("ConvGeometry: every argument needs " + dims + " values, got "
                        + Arrays.toString(a));
            }
        }
        this.in = expand(in, 1);
        this.out = expand(out, 1);
        this.kernel = expand(kernel, 1);
        this.stride = expand(stride, 1);
        this.padBefore = expand(padBefore, 0);
        this.padAfter = expand(padAfter, 0);
        this.dilation = expand(dilation, 1);
        for (int d = 0; d < 3; d++) {
            if (this.in[d] < 1 || this.out[d] < 1 || this.kernel[d] < 1 || this.stride[d] < 1
                    || this.dilation[d] < 1 || this.padBefore[d] < 0 || this.padAfter[d] < 0) {
                throw new IllegalArgumentException("ConvGeometry: invalid geometry " + this);
            }
        }
        inPlane = planeSize("input", this.in);
        outPlane = planeSize("output", this.out);
        kernelSize = planeSize("kernel", this.kernel);
        for (int d = 0; d < 3; d++) {
            planeSize("kernel-by-output index table", new int[] {1, this.kernel[d], this.out[d]});
        }
        source = new int[3][];
        for (int d = 0; d < 3; d++) {
            int[] s = new int[this.kernel[d] * this.out[d]];
            for (int k = 0; k < this.kernel[d]; k++) {
                for (int o = 0; o < this.out[d]; o++) {
                    int i = o * this.stride[d] - this.padBefore[d] + k * this.dilation[d];
                    s[k * this.out[d] + o] = i >= 0 && i < this.in[d] ? i : -1;
                }
            }
            source[d] = s;
        }
    }

    /** The product of three sizes, refused with IllegalArgumentException when it exceeds one Java array. */
    private int planeSize(String what, int[] sizes) {
        long n = (long) sizes[0] * sizes[1] * sizes[2];
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ConvGeometry: the " + what + " of " + this + " has " + n
                    + " elements, more than 2^31 - 1; expected smaller sizes or padding");
        }
        return (int) n;
    }

    private int[] expand(int[] a, int fill) {
        int[] r = new int[3];
        Arrays.fill(r, fill);
        System.arraycopy(a, 0, r, 3 - a.length, a.length);
        return r;
    }

    /** @return number of spatial dimensions given to the constructor (1 to 3) */
    public int dims() {
        return dims;
    }

    /** @return product of the input spatial sizes */
    public int inPlane() {
        return inPlane;
    }

    /** @return product of the output spatial sizes */
    public int outPlane() {
        return outPlane;
    }

    /** @return product of the kernel sizes */
    public int kernelSize() {
        return kernelSize;
    }

    /**
     * @param axis 0, 1 or 2 of the padded three axes (the last {@link #dims()} are the real ones)
     * @return input size along the axis
     */
    public int in(int axis) {
        return in[axis];
    }

    /**
     * @param axis padded axis 0..2
     * @return output size along the axis
     */
    public int out(int axis) {
        return out[axis];
    }

    /**
     * @param axis padded axis 0..2
     * @return kernel size along the axis
     */
    public int kernel(int axis) {
        return kernel[axis];
    }

    /**
     * @param axis padded axis 0..2
     * @return stride along the axis
     */
    public int stride(int axis) {
        return stride[axis];
    }

    /**
     * @param axis padded axis 0..2
     * @return padding before the input along the axis
     */
    public int padBefore(int axis) {
        return padBefore[axis];
    }

    /**
     * @param axis padded axis 0..2
     * @return padding after the input along the axis
     */
    public int padAfter(int axis) {
        return padAfter[axis];
    }

    /**
     * @param axis padded axis 0..2
     * @return dilation along the axis
     */
    public int dilation(int axis) {
        return dilation[axis];
    }

    /**
     * @param axis padded axis 0..2
     * @param k kernel tap along the axis
     * @param o output position along the axis
     * @return the input position read, or -1 when it falls into the padding
     */
    int source(int axis, int k, int o) {
        return source[axis][k * out[axis] + o];
    }

    /**
     * @param axis padded axis 0..2
     * @return the table {@code source(axis, k, o)} indexed by {@code k * out(axis) + o}
     */
    int[] sourceTable(int axis) {
        return source[axis];
    }

    /**
     * The flat input position each output position reads at each kernel tap, over all three axes:
     * {@code table[o * kernelSize() + k]} is {@code (i0 * in(1) + i1) * in(2) + i2} for the axis positions
     * {@code i_d = source(d, k_d, o_d)}, or -1 when any of them falls into the padding. Output positions {@code o}
     * and taps {@code k} are flat row-major over the three axes.
     *
     * @return a new table of {@code outPlane() * kernelSize()} entries
     */
    public int[] tapTable() {
        int[] table = new int[outPlane * kernelSize];
        int e = 0;
        for (int o0 = 0; o0 < out[0]; o0++) {
            for (int o1 = 0; o1 < out[1]; o1++) {
                for (int o2 = 0; o2 < out[2]; o2++) {
                    for (int k0 = 0; k0 < kernel[0]; k0++) {
                        int i0 = source(0, k0, o0);
                        for (int k1 = 0; k1 < kernel[1]; k1++) {
                            int i1 = source(1, k1, o1);
                            for (int k2 = 0; k2 < kernel[2]; k2++) {
                                int i2 = source(2, k2, o2);
                                table[e++] = i0 < 0 || i1 < 0 || i2 < 0 ? -1 : (i0 * in[1] + i1) * in[2] + i2;
                            }
                        }
                    }
                }
            }
        }
        return table;
    }

    @Override
    public String toString() {
        return "ConvGeometry(in=" + Arrays.toString(in) + ", out=" + Arrays.toString(out) + ", kernel="
                + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride) + ", padBefore="
                + Arrays.toString(padBefore) + ", padAfter=" + Arrays.toString(padAfter) + ", dilation="
                + Arrays.toString(dilation) + ")";
    }
}
