package io.matterhorn.jni;

import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeMatmul;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The event-driven product of spike inputs in the CPU library ({@link NativeBridge#spikeMatmulForward},
 * {@link NativeBridge#spikeMatmulWeightGradient}), installed into {@link SpikeMatmul} when a native backend is
 * selected. Same float additions in the same order as {@link SpikeMatmul#forwardInJava} and
 * {@link SpikeMatmul#weightGradInJava}, so the same results. The sparse rows are passed as they are (pinned, not
 * copied) and checked in the library. Thread-safe.
 */
final class BridgeSpikeMatmul implements SpikeMatmul.Accelerator {

    @Override
    public void forward(SparseRows x, FloatBuffer wt, int wtOff, FloatBuffer y, int yOff, int out) {
        requireSpikes(x);
        BufferArg wa = BufferArg.input(wt, wtOff, Math.multiplyExact(x.cols(), out));
        if (y.isDirect() && y.order() == ByteOrder.nativeOrder()) {
            NativeBridge.spikeMatmulForward(x.rowStart(), x.columns(), x.rows(), x.cols(), wa.target(), wa.offset(),
                    out, y, yOff);
            return;
        }
        int yLength = Math.multiplyExact(x.rows(), out);
        float[] result = new float[yLength];
        NativeBridge.spikeMatmulForward(x.rowStart(), x.columns(), x.rows(), x.cols(), wa.target(), wa.offset(), out,
                result, 0);
        y.put(yOff, result, 0, yLength);
    }

    @Override
    public float[] weightGradient(SparseRows x, FloatBuffer g, int gOff, int out, int blocks) {
        requireSpikes(x);
        BufferArg ga = BufferArg.input(g, gOff, Math.multiplyExact(x.rows(), out));
        float[] dwT = new float[Math.multiplyExact(x.cols(), out)];
        NativeBridge.spikeMatmulWeightGradient(x.rowStart(), x.columns(), x.rows(), x.cols(), ga.target(),
                ga.offset(), out, blocks, dwT);
        return dwT;
    }

    private static void requireSpikes(SparseRows x) {
        if (x.values() != null) {
            throw new IllegalArgumentException("native spike product: the input has values other than 1");
        }
    }
}
