package io.matterhorn.jni;

import io.matterhorn.numeric.SparseRows;
import java.nio.FloatBuffer;

/**
 * The dense-to-sparse compression in the CPU library ({@link NativeBridge#sparseRowsCount}, then
 * {@link NativeBridge#sparseRowsFill} into arrays of the counted size), installed into {@link SparseRows} when a
 * native backend is selected; the same arrays as {@link SparseRows#compressInJava}. Thread-safe.
 */
final class BridgeSparseRows implements SparseRows.Accelerator {

    @Override
    public SparseRows compress(FloatBuffer x, int off, int rows, int cols) {
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
        BufferArg xa = BufferArg.input(x, off, (int) need);
        int[] rowStart = new int[rows + 1];
        boolean binary = NativeBridge.sparseRowsCount(xa.target(), xa.offset(), rows, cols, rowStart);
        int total = rowStart[rows];
        int[] columns = new int[total];
        float[] values = binary ? null : new float[total];
        NativeBridge.sparseRowsFill(xa.target(), xa.offset(), rows, cols, rowStart, columns, values);
        return new SparseRows(rows, cols, rowStart, columns, values);
    }
}
