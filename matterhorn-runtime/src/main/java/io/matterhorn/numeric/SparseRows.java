package io.matterhorn.numeric;

import java.nio.FloatBuffer;

/**
 * A matrix in compressed sparse row form: the non-zero entries of row r are at positions
 * {@code rowStart[r] .. rowStart[r+1]-1} of {@code columns} (and of {@code values}, which is null when every
 * non-zero entry is exactly 1, as for spikes). Immutable by convention (the arrays are shared, not copied: do not
 * modify them after construction), and then safe to read from several threads; {@link #compress} is thread-safe.
 *
 * @param rows number of rows
 * @param cols number of columns
 * @param rowStart row offsets, length rows + 1
 * @param columns column index of each non-zero entry
 * @param values value of each non-zero entry, or null when all are 1
 */
public record SparseRows(int rows, int cols, int[] rowStart, int[] columns, float[] values) {
    private static volatile Accelerator accelerator;

    /**
     * A compiled {@link #compressInJava}: the same arrays for every input. Installed by a kernel backend
     * ({@code io.matterhorn.kernel.Backends} installs the selected provider's). Must be thread-safe.
     */
    public interface Accelerator {
        /**
         * {@link #compressInJava}; refuses malformed arguments (negative sizes or offset, a buffer that does not
         * hold {@code rows * cols} values from {@code off}) with an IllegalArgumentException naming the argument.
         *
         * @param x dense values from {@code off}, a direct buffer in native order or a heap buffer
         * @param off offset of the first element
         * @param rows number of rows
         * @param cols number of columns
         * @return the sparse form
         */
        SparseRows compress(FloatBuffer x, int off, int rows, int cols);

        /**
         * {@link #compressSpikesInJava}, with the same result; the default checks and counts the ones by
         * {@link SpikeConv#binaryOnes} and lists them by {@link #compress}, implementations may fold the check
         * into their own counting pass. Refuses malformed arguments as {@link #compress} does.
         *
         * @param x dense values from {@code off}, a direct buffer in native order or a heap buffer
         * @param off offset of the first element
         * @param rows number of rows
         * @param cols number of columns
         * @param maxOnes the most ones for which the lists are made
         * @return the lists of the ones, or null
         */
        default SparseRows compressSpikes(FloatBuffer x, int off, int rows, int cols, long maxOnes) {
            long ones = SpikeConv.binaryOnes(x, off, Math.multiplyExact(rows, cols));
            return ones < 0 || ones > maxOnes ? null : compress(x, off, rows, cols);
        }
    }

    /**
     * Installs (or, with null, removes) the compiled implementation of {@link #compress}.
     *
     * @param a the implementation, or null for the Java loop
     */
    public static void accelerate(Accelerator a) {
        accelerator = a;
    }

    /** @return whether a compiled implementation of {@link #compress} is installed */
    public static boolean accelerated() {
        return accelerator != null;
    }

    /**
     * Compresses a dense row-major matrix: the entries that are not +0 or -0 ({@link FloatBits#nonZero}; NaN
     * counts), column indices ascending within each row, and their values (raw bits) unless every one of them is
     * exactly 1 ({@link FloatBits#notOne}), when {@code values} is null. Compiled when an {@link Accelerator} is
     * installed, else by {@link #compressInJava}; the same result either way.
     *
     * @param x dense values from {@code off}
     * @param off offset of the first element
     * @param rows number of rows
     * @param cols number of columns
     * @return the sparse form
     */
    public static SparseRows compress(FloatBuffer x, int off, int rows, int cols) {
        Accelerator a = accelerator;
        return a != null ? a.compress(x, off, rows, cols) : compressInJava(x, off, rows, cols);
    }

    /**
     * {@link #compress} of a matrix that may turn out not to be spikes: the lists of its ones (values null, the
     * arrays {@link #compress} gives) when every element is 0 or 1 (+0 or -0 for the zeros) and at most
     * {@code maxOnes} are 1; otherwise null, with nothing allocated but the row offsets, so a dense analog input
     * costs one pass. Compiled when an {@link Accelerator} is installed (one counting pass that also checks the
     * values, then the listing pass), else {@link #compressSpikesInJava}; the same result either way.
     *
     * @param x dense values from {@code off}
     * @param off offset of the first element
     * @param rows number of rows
     * @param cols number of columns
     * @param maxOnes the most ones for which the lists are made
     * @return the lists of the ones, or null when some element is neither 0 nor 1 (NaN and infinities included)
     *     or more than {@code maxOnes} are 1
     */
    public static SparseRows compressSpikes(FloatBuffer x, int off, int rows, int cols, long maxOnes) {
        Accelerator a = accelerator;
        return a != null ? a.compressSpikes(x, off, rows, cols, maxOnes)
                : compressSpikesInJava(x, off, rows, cols, maxOnes);
    }

    /**
     * {@link #compressSpikes} by the Java loops: {@link SpikeConv#binaryOnes} checks and counts, then
     * {@link #compressInJava} lists.
     *
     * @param x dense values from {@code off}
     * @param off offset of the first element
     * @param rows number of rows
     * @param cols number of columns
     * @param maxOnes the most ones for which the lists are made
     * @return the lists of the ones, or null
     */
    public static SparseRows compressSpikesInJava(FloatBuffer x, int off, int rows, int cols, long maxOnes) {
        long ones = SpikeConv.binaryOnes(x, off, Math.multiplyExact(rows, cols));
        return ones < 0 || ones > maxOnes ? null : compressInJava(x, off, rows, cols);
    }

    /**
     * {@link #compress} by the Java loops (parallel row chunks), whether or not an {@link Accelerator} is
     * installed (the reference the compiled version is tested against).
     *
     * @param x dense values from {@code off}
     * @param off offset of the first element
     * @param rows number of rows
     * @param cols number of columns
     * @return the sparse form
     */
    public static SparseRows compressInJava(FloatBuffer x, int off, int rows, int cols) {
        int chunks = Parallel.chunks(rows, 256);
        int[][] chunkCols = new int[chunks][];
        float[][] chunkVals = new float[chunks][];
        int[] chunkNnz = new int[chunks];
        boolean[] chunkBinary = new boolean[chunks];
        int[] rowStart = new int[rows + 1];
        Parallel.forRange(rows, 256, (chunk, from, to) -> {
            int rowsPerRead = Math.max(1, 4096 / Math.max(1, cols));
            float[] block = new float[rowsPerRead * cols];
            int[] idx = new int[Math.max(16, (to - from) * cols / 4)];
            float[] val = new float[idx.length];
            int nnz = 0;
            boolean binary = true;
            for (int r = from; r < to; r++) {
                int inBlock = (r - from) % rowsPerRead;
                if (inBlock == 0) {
                    x.get(off + r * cols, block, 0, Math.min(rowsPerRead, to - r) * cols);
                }
                int base = inBlock * cols;
                if (nnz + cols > idx.length) {
                    int grown = Math.max(idx.length * 2, nnz + cols);
                    idx = java.util.Arrays.copyOf(idx, grown);
                    val = java.util.Arrays.copyOf(val, grown);
                }
                // branch-free (FloatBits); values are stored only once a value other than 1 has been seen
                int rowFirst = nnz;
                int notOne = 0;
                for (int i = 0; i < cols; i++) {
                    float v = block[base + i];
                    int nonZero = FloatBits.nonZero(v);
                    idx[nnz] = i;
                    notOne |= FloatBits.notOne(v) & nonZero;
                    nnz += nonZero;
                }
                if (binary && notOne != 0) {
                    java.util.Arrays.fill(val, 0, rowFirst, 1f);
                    binary = false;
                }
                if (!binary) {
                    for (int k = rowFirst; k < nnz; k++) {
                        val[k] = block[base + idx[k]];
                    }
                }
                rowStart[r + 1] = nnz;
            }
            chunkCols[chunk] = idx;
            chunkVals[chunk] = val;
            chunkNnz[chunk] = nnz;
            chunkBinary[chunk] = binary;
        });
        int total = 0;
        boolean binary = true;
        for (int c = 0; c < chunks; c++) {
            total += chunkNnz[c];
            binary &= chunkBinary[c];
        }
        int[] columns = new int[total];
        float[] values = binary ? null : new float[total];
        int pos = 0;
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) rows * c / chunks);
            int to = (int) ((long) rows * (c + 1) / chunks);
            for (int r = from; r < to; r++) {
                rowStart[r + 1] += pos;
            }
            System.arraycopy(chunkCols[c], 0, columns, pos, chunkNnz[c]);
            if (values != null && chunkBinary[c]) {
                java.util.Arrays.fill(values, pos, pos + chunkNnz[c], 1f);
            } else if (values != null) {
                System.arraycopy(chunkVals[c], 0, values, pos, chunkNnz[c]);
            }
            pos += chunkNnz[c];
        }
        return new SparseRows(rows, cols, rowStart, columns, values);
    }

    /** @return the number of non-zero entries */
    public int nonZeros() {
        return columns.length;
    }

    /** @return the transpose, also in compressed sparse row form (rows become columns) */
    public SparseRows transpose() {
        return transpose(0, rows);
    }

    /**
     * The transpose of a range of rows (one counting sort over their entries): row {@code c} of the result lists
     * the rows {@code r} of the range that have an entry in column {@code c}, in increasing order and by their
     * number in this matrix, with the entries' values.
     *
     * @param rowFrom first row of the range
     * @param rowTo end of the range (exclusive)
     * @return a {@code cols x rows} matrix holding only the range's entries
     * @throws IllegalArgumentException if the range is not within {@code [0, rows]}
     */
    public SparseRows transpose(int rowFrom, int rowTo) {
        if (rowFrom < 0 || rowTo > rows || rowFrom > rowTo) {
            throw new IllegalArgumentException("SparseRows.transpose: row range [" + rowFrom + ", " + rowTo
                    + ") outside [0, " + rows + "]");
        }
        int e0 = rowStart[rowFrom];
        int e1 = rowStart[rowTo];
        int[] start = new int[cols + 1];
        for (int k = e0; k < e1; k++) {
            start[columns[k] + 1]++;
        }
        for (int c = 0; c < cols; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = java.util.Arrays.copyOf(start, cols);
        int[] outRows = new int[e1 - e0];
        float[] outVals = values == null ? null : new float[e1 - e0];
        for (int r = rowFrom; r < rowTo; r++) {
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
                int p = fill[columns[k]]++;
                outRows[p] = r;
                if (outVals != null) {
                    outVals[p] = values[k];
                }
            }
        }
        return new SparseRows(cols, rows, start, outRows, outVals);
    }
}
