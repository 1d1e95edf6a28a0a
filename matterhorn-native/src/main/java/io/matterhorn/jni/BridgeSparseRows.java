package io.matterhorn.jni;

import io.matterhorn.numeric.SparseRows;
import java.nio.FloatBuffer;

/**
 * The dense-to-sparse compression in the CPU library ({@link NativeBridge#sparseRowsCount}, then
 * {@link NativeBridge#sparseRowsFill} into arrays of the counted size), installed into {@link SparseRows} when a
 * native backend is selected; the same arrays as {@link SparseRows#compressInJava} (and null where
 * {@link SparseRows#compressSpikesInJava} gives null). Thread-safe.
 */
final class BridgeSparseRows implements SparseRows.Accelerator {

    @Override
    public SparseRows compress(FloatBuffer x, int off, int rows, int cols) {
        BufferArg xa = input(x, off, rows, cols);
        int[] rowStart = new int[rows + 1];
        return fill(xa, rows, cols, rowStart, count(xa, rows, cols, rowStart));
    }

    /** The counting pass says whether the counted entries are all 1, so the check costs no pass of its own. */
    @Override
    public SparseRows compressSpikes(FloatBuffer x, int off, int rows, int cols, long maxOnes) {
        BufferArg xa = input(x, off, rows, cols);
        int[] rowStart = new int[rows + 1];
        boolean binary = count(xa, rows, cols, rowStart);
        return binary && rowStart[rows] <= maxOnes ? fill(xa, rows, cols, rowStart, true) : null;
    }

    /** Writes the row offsets; returns whether every counted entry is exactly 1. */
    private static boolean count(BufferArg xa, int rows, int cols, int[] rowStart) {
        return NativeBridge.sparseRowsCount(xa.target(), xa.offset(), rows, cols, rowStart);
    }

    private static BufferArg input(FloatBuffer x, int off, int rows, int cols) {
        if (x == null) {
            throw new IllegalArgumentException("native sparse rows: x must not be null");
        }
        if (off < 0 || rows < 0 || cols < 0) {
            throw new IllegalArgumentException("native sparse rows: off, rows and cols must be >= 0, got off " + off
                    + ", rows " + rows + ", cols " + cols);
        }
        long need = (long) rows * cols;
        if (off + need > x.limit()) {
            throw new IllegalArgumentException("native sparse rows: x must hold rows * cols = " + need
                    + " floats from offset " + off + ", but its limit is " + x.limit());
        }
        return BufferArg.input(x, off, (int) need);
    }

    private static SparseRows fill(BufferArg xa, int rows, int cols, int[] rowStart, boolean binary) {
        int total = rowStart[rows];
        int[] columns = new int[total];
        float[] values = binary ? null : new float[total];
        NativeBridge.sparseRowsFill(xa.target(), xa.offset(), rows, cols, rowStart, columns, values);
        return new SparseRows(rows, cols, rowStart, columns, values);
    }
}
