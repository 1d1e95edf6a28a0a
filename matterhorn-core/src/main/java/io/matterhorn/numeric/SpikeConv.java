package io.matterhorn.numeric;

import java.nio.FloatBuffer;

/**
 * Event-driven (scatter) convolution for binary inputs (spikes), float32, one group. The im2col matrix of a binary
 * input is binary too, so it is built directly in compressed sparse row form, one row per output position
 * {@code r = (n, o)} and one column per weight column {@code j = c*K + k} (K = kernel positions), holding the
 * columns whose input {@code x[n, c, src(k, o)]} is 1:
 *
 * <pre>
 *   forward:          y[n, co, o] = b[co] + sum over j in row (n, o) of W[co, j]
 *   weight gradient:  dW[co, j]   = sum over rows (n, o) that hold j of dy[n, co, o]
 * </pre>
 *
 * Both cost (number of ones in the im2col matrix) x C_out additions, against
 * {@code C*K x positions x C_out} multiply-adds for the dense product, so they win on sparse inputs. The
 * forward sums run in {@link SpikeMatmul}, one output row per position; the weight gradient adds each position's
 * {@code dy[n, :, o]} onto the rows of {@code dW^T} its input ones name, one partial {@code dW^T} per task (summed
 * in task order at the end). Work is split into chunks of samples whose column matrix has at most
 * {@value #CHUNK_ELEMENTS} dense elements, so memory stays bounded by the chunk, not the batch.
 *
 * <p>Shapes: {@code x [N, C, *in]}, {@code w [C_out, C, *kernel]} as a row-major {@code [C_out, C*K]} matrix,
 * {@code y, dy [N, C_out, *out]}; all float32, row-major, addressed from a buffer offset. Stateless and safe to
 * call from several threads on different outputs; every sum runs in a fixed order for a given thread count
 * ({@link Parallel#threads()}), so results do not depend on thread timing.
 */
public final class SpikeConv {
    /** Largest dense size (elements) of the column matrix of one chunk of samples. */
    static final long CHUNK_ELEMENTS = 1L << 22;
    /** Most entries of sparse column matrices that {@link #forward} keeps for the weight gradient (128 MiB). */
    static final long KEEP_LIMIT = 1L << 25;

    private SpikeConv() {
    }

    /**
     * Counts the ones of a float32 array if every element is 0 or 1.
     *
     * @param x values from {@code off}
     * @param off first element
     * @param len number of elements
     * @return the number of ones, or -1 if some element is neither 0 nor 1 (including NaN)
     */
    public static long binaryOnes(FloatBuffer x, int off, int len) {
        int chunks = Parallel.chunks(len, 1 << 16);
        long[] counts = new long[chunks];
        Parallel.forRange(len, 1 << 16, (chunk, from, to) -> {
            float[] block = new float[Math.min(4096, to - from)];
            long ones = 0;
            for (int i = from; i < to; i += block.length) {
                int n = Math.min(block.length, to - i);
                x.get(off + i, block, 0, n);
                boolean other = false;
                for (int q = 0; q < n; q++) {
                    float v = block[q];
                    ones += v == 1f ? 1 : 0;
                    other |= v != 0f & v != 1f;
                }
                if (other) {
                    counts[chunk] = -1;
                    return;
                }
            }
            counts[chunk] = ones;
        });
        long total = 0;
        for (long c : counts) {
            if (c < 0) {
                return -1;
            }
            total += c;
        }
        return total;
    }

    /**
     * Forward convolution of a binary input (see the class comment).
     *
     * @param x input [N, C, *in], values 0 or 1, from {@code xOff}
     * @param xOff offset of x's first element
     * @param n number of samples N
     * @param channels input channels C
     * @param w weight, row-major [C_out, C*K] from {@code wOff}
     * @param wOff offset of w's first element
     * @param bias per output channel [C_out] from {@code biasOff}, or null
     * @param biasOff offset of the bias's first element
     * @param cOut output channels
     * @param g window geometry
     * @param y output [N, C_out, *out], written from {@code yOff}
     * @param yOff offset of y's first element
     * @return the sparse column matrices of the chunks, for reuse by {@link #weightGradient} on the same input, or
     *     null when they hold more than {@value #KEEP_LIMIT} entries (then the gradient rebuilds them chunk by
     *     chunk, keeping memory bounded)
     */
    public static SparseRows[] forward(FloatBuffer x, int xOff, int n, int channels, FloatBuffer w, int wOff,
            FloatBuffer bias, int biasOff, int cOut, ConvGeometry g, FloatBuffer y, int yOff) {
        int colCount = channels * g.kernelSize();
        float[][] wt = new float[colCount][cOut];
        for (int co = 0; co < cOut; co++) {
            for (int j = 0; j < colCount; j++) {
                wt[j][co] = w.get(wOff + co * colCount + j);
            }
        }
        float[] b = new float[cOut];
        if (bias != null) {
            bias.get(biasOff, b, 0, cOut);
        }
        int outPlane = g.outPlane();
        int chunk = chunkSamples(n, colCount, outPlane);
        float[] positionMajor = null;
        SparseRows[] kept = new SparseRows[(n + chunk - 1) / chunk];
        long keptEntries = 0;
        for (int n0 = 0; n0 < n; n0 += chunk) {
            int count = Math.min(chunk, n - n0);
            SparseRows cols = columns(x, xOff, n0, count, channels, g);
            keptEntries += cols.nonZeros();
            if (kept != null) {
                kept[n0 / chunk] = cols;
                if (keptEntries > KEEP_LIMIT) {
                    kept = null;
                }
            }
            int len = count * outPlane * cOut;
            if (positionMajor == null || positionMajor.length != len) {
                positionMajor = new float[len];
            }
            SpikeMatmul.forward(cols, wt, FloatBuffer.wrap(positionMajor), 0, cOut);
            float[] pm = positionMajor;
            int first = n0;
            Parallel.forRange(count, 1, (c, from, to) -> {
                float[] row = new float[outPlane];
                for (int i = from; i < to; i++) {
                    int base = i * outPlane * cOut;
                    for (int co = 0; co < cOut; co++) {
                        float add = b[co];
                        for (int o = 0; o < outPlane; o++) {
                            row[o] = pm[base + o * cOut + co] + add;
                        }
                        y.put(yOff + ((first + i) * cOut + co) * outPlane, row, 0, outPlane);
                    }
                }
            });
        }
        return kept;
    }

    /**
     * Weight gradient of the convolution of a binary input (see the class comment).
     *
     * @param x input [N, C, *in], values 0 or 1, from {@code xOff}
     * @param xOff offset of x's first element
     * @param n number of samples N
     * @param channels input channels C
     * @param dy output gradient [N, C_out, *out] from {@code dyOff}
     * @param dyOff offset of dy's first element
     * @param cOut output channels
     * @param g window geometry
     * @param kept what {@link #forward} returned for this input, or null
     * @return dW, row-major [C_out, C*K]
     */
    public static float[] weightGradient(FloatBuffer x, int xOff, int n, int channels, FloatBuffer dy, int dyOff,
            int cOut, ConvGeometry g, SparseRows[] kept) {
        int colCount = channels * g.kernelSize();
        int outPlane = g.outPlane();
        int chunk = chunkSamples(n, colCount, outPlane);
        // each task adds its samples into its own dW^T [C*K, C_out]; the partial sums are added in task order
        int tasks = Parallel.chunks(Math.min(n, chunk), 1);
        float[][] partial = new float[tasks][colCount * cOut];
        for (int n0 = 0; n0 < n; n0 += chunk) {
            int count = Math.min(chunk, n - n0);
            SparseRows cols = kept != null ? kept[n0 / chunk] : columns(x, xOff, n0, count, channels, g);
            int[] rowStart = cols.rowStart();
            int[] columns = cols.columns();
            int first = n0;
            Parallel.forRange(count, 1, (task, from, to) -> {
                float[] dwT = partial[task % tasks];
                float[] plane = new float[cOut * outPlane];
                float[] gRow = new float[cOut];
                for (int i = from; i < to; i++) {
                    dy.get(dyOff + (first + i) * cOut * outPlane, plane, 0, plane.length);
                    for (int o = 0; o < outPlane; o++) {
                        int r = i * outPlane + o;
                        int e = rowStart[r];
                        int end = rowStart[r + 1];
                        if (e == end) {
                            continue;
                        }
                        for (int co = 0; co < cOut; co++) {
                            gRow[co] = plane[co * outPlane + o];
                        }
                        for (; e < end; e++) {
                            addTo(dwT, columns[e] * cOut, gRow, cOut);
                        }
                    }
                }
            });
        }
        float[] dw = new float[cOut * colCount];
        for (int j = 0; j < colCount; j++) {
            for (int co = 0; co < cOut; co++) {
                float sum = 0f;
                for (float[] part : partial) {
                    sum += part[j * cOut + co];
                }
                dw[co * colCount + j] = sum;
            }
        }
        return dw;
    }

    /** {@code acc[from + q] += v[q]} for {@code q < len}. */
    private static void addTo(float[] acc, int from, float[] v, int len) {
        for (int q = 0; q < len; q++) {
            acc[from + q] += v[q];
        }
    }

    private static int chunkSamples(int n, int colCount, int outPlane) {
        long perSample = (long) colCount * outPlane;
        return (int) Math.max(1, Math.min(n, CHUNK_ELEMENTS / Math.max(1, perSample)));
    }

    /**
     * The binary im2col matrix of samples {@code first .. first+count-1} in sparse row form: row
     * {@code i*outPlane + o}, columns {@code c*K + k} where {@code x[first+i, c, src(k, o)] = 1}.
     *
     * @param x input [N, C, *in] from {@code xOff}
     * @param xOff offset of x's first element
     * @param first first sample
     * @param count number of samples
     * @param channels C
     * @param g window geometry
     * @return rows {@code count * outPlane}, columns {@code C*K}, values null (all ones)
     */
    static SparseRows columns(FloatBuffer x, int xOff, int first, int count, int channels, ConvGeometry g) {
        int outPlane = g.outPlane();
        int[][] sampleCols = new int[count][];
        int[][] sampleEnds = new int[count][];
        Parallel.forRange(count, 1, (c, from, to) -> {
            SampleColumns builder = new SampleColumns(channels, g);
            for (int i = from; i < to; i++) {
                int[] ends = new int[outPlane];
                sampleCols[i] = builder.build(x, xOff + (first + i) * channels * g.inPlane(), ends);
                sampleEnds[i] = ends;
            }
        });
        int total = 0;
        for (int[] s : sampleCols) {
            total += s.length;
        }
        int[] columns = new int[total];
        int[] rowStart = new int[count * outPlane + 1];
        int pos = 0;
        int r = 0;
        for (int i = 0; i < count; i++) {
            System.arraycopy(sampleCols[i], 0, columns, pos, sampleCols[i].length);
            for (int end : sampleEnds[i]) {
                rowStart[++r] = pos + end;
            }
            pos += sampleCols[i].length;
        }
        return new SparseRows(count * outPlane, channels * g.kernelSize(), rowStart, columns, null);
    }

    /** Builds the sparse im2col rows of one sample at a time; scratch arrays are reused between samples. */
    private static final class SampleColumns {
        private final int channels;
        private final int kernelSize;
        private final int inPlane;
        private final int[][] tapSource;
        private final float[] sample;
        private final int[] posStart;
        private final int[] fill;
        private final int[] posChannels;
        private final int[] onePosition;
        private final int[] oneColumn;

        SampleColumns(int channels, ConvGeometry g) {
            this.channels = channels;
            this.kernelSize = g.kernelSize();
            this.inPlane = g.inPlane();
            this.sample = new float[channels * inPlane];
            this.posStart = new int[inPlane + 1];
            this.fill = new int[inPlane];
            this.posChannels = new int[sample.length];
            this.onePosition = new int[sample.length];
            this.oneColumn = new int[sample.length];
            // tapSource[o][k]: flat input position read by output position o at kernel tap k, or -1 (padding)
            int outPlane = g.outPlane();
            this.tapSource = new int[outPlane][kernelSize];
            int o = 0;
            for (int o0 = 0; o0 < g.out(0); o0++) {
                for (int o1 = 0; o1 < g.out(1); o1++) {
                    for (int o2 = 0; o2 < g.out(2); o2++, o++) {
                        int k = 0;
                        for (int k0 = 0; k0 < g.kernel(0); k0++) {
                            int i0 = source(g, 0, k0, o0);
                            for (int k1 = 0; k1 < g.kernel(1); k1++) {
                                int i1 = source(g, 1, k1, o1);
                                for (int k2 = 0; k2 < g.kernel(2); k2++, k++) {
                                    int i2 = source(g, 2, k2, o2);
                                    tapSource[o][k] = i0 < 0 || i1 < 0 || i2 < 0 ? -1
                                            : (i0 * g.in(1) + i1) * g.in(2) + i2;
                                }
                            }
                        }
                    }
                }
            }
        }

        /** Whether {@code v[q .. q+7]} are all +0 (a -0 counts as non-zero here and is sorted out later). */
        private static boolean allZero8(float[] v, int q) {
            return (Float.floatToRawIntBits(v[q]) | Float.floatToRawIntBits(v[q + 1])
                    | Float.floatToRawIntBits(v[q + 2]) | Float.floatToRawIntBits(v[q + 3])
                    | Float.floatToRawIntBits(v[q + 4]) | Float.floatToRawIntBits(v[q + 5])
                    | Float.floatToRawIntBits(v[q + 6]) | Float.floatToRawIntBits(v[q + 7])) == 0;
        }

        private static int source(ConvGeometry g, int axis, int k, int o) {
            int i = o * g.stride(axis) - g.padBefore(axis) + k * g.dilation(axis);
            return i >= 0 && i < g.in(axis) ? i : -1;
        }

        /**
         * @param x the input buffer; the sample's [C, inPlane] values start at {@code from}
         * @param from first element of the sample
         * @param ends receives, per output position, the end of its columns in the result
         * @return the column indices c*K + k, output position after output position
         */
        int[] build(FloatBuffer x, int from, int[] ends) {
            x.get(from, sample, 0, sample.length);
            // the ones as (position, c*K), channel after channel; branch-free appends
            int ones = 0;
            for (int c = 0, q = 0; c < channels; c++) {
                int column = c * kernelSize;
                int p = 0;
                for (; p + 8 <= inPlane; p += 8, q += 8) {
                    if (allZero8(sample, q)) {
                        continue;
                    }
                    for (int u = 0; u < 8; u++) {
                        onePosition[ones] = p + u;
                        oneColumn[ones] = column;
                        ones += sample[q + u] != 0f ? 1 : 0;
                    }
                }
                for (; p < inPlane; p++, q++) {
                    onePosition[ones] = p;
                    oneColumn[ones] = column;
                    ones += sample[q] != 0f ? 1 : 0;
                }
            }
            // counting sort by position: posChannels[posStart[p] ..] = the ones at position p, by channel
            java.util.Arrays.fill(posStart, 0);
            for (int e = 0; e < ones; e++) {
                posStart[onePosition[e] + 1]++;
            }
            for (int p = 0; p < inPlane; p++) {
                posStart[p + 1] += posStart[p];
            }
            System.arraycopy(posStart, 0, fill, 0, inPlane);
            for (int e = 0; e < ones; e++) {
                posChannels[fill[onePosition[e]]++] = oneColumn[e];
            }
            int[] out = new int[Math.max(1, ones * kernelSize)];
            int nnz = 0;
            for (int o = 0; o < ends.length; o++) {
                int[] taps = tapSource[o];
                for (int k = 0; k < kernelSize; k++) {
                    int p = taps[k];
                    if (p < 0) {
                        continue;
                    }
                    for (int e = posStart[p], end = posStart[p + 1]; e < end; e++) {
                        out[nnz++] = posChannels[e] + k;
                    }
                }
                ends[o] = nnz;
            }
            return java.util.Arrays.copyOf(out, nnz);
        }
    }
}
