package io.matterhorn.jni;

import io.matterhorn.numeric.SparseRows;
import io.matterhorn.numeric.SpikeConv;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The event-driven convolution in the CPU library ({@link NativeBridge#convSpikeForward},
 * {@link NativeBridge#convSpikeWeightGradient}, and for inputs given as lists of ones
 * {@link NativeBridge#convSpikeForwardLists}, {@link NativeBridge#convSpikeWeightGradientLists}: the lists are
 * passed as they are, pinned, not copied), installed into {@link SpikeConv} when the native backend is
 * selected. Same loops and float operations as {@link SpikeConv#forwardInJava} and
 * {@link SpikeConv#weightGradientInJava}, so the same results. Sizes are checked again in the library.
 * Thread-safe.
 */
final class BridgeSpikeConv implements SpikeConv.Accelerator {

    @Override
    public void forward(FloatBuffer x, int xOff, int n, int channels, FloatBuffer w, int wOff, FloatBuffer bias,
            int biasOff, int cOut, int[] taps, int kernelSize, int inPlane, int outPlane, FloatBuffer y, int yOff) {
        BufferArg xa = BufferArg.input(x, xOff, Math.multiplyExact(Math.multiplyExact(n, channels), inPlane));
        BufferArg wa = BufferArg.input(w, wOff, Math.multiplyExact(Math.multiplyExact(cOut, channels), kernelSize));
        BufferArg ba = BufferArg.input(bias, biasOff, cOut);
        int yLength = Math.multiplyExact(Math.multiplyExact(n, cOut), outPlane);
        if (y.isDirect() && y.order() == ByteOrder.nativeOrder()) {
            NativeBridge.convSpikeForward(xa.target(), xa.offset(), n, channels, wa.target(), wa.offset(),
                    ba.target(), ba.offset(), cOut, taps, kernelSize, inPlane, outPlane, y, yOff);
            return;
        }
        float[] out = new float[yLength];
        NativeBridge.convSpikeForward(xa.target(), xa.offset(), n, channels, wa.target(), wa.offset(), ba.target(),
                ba.offset(), cOut, taps, kernelSize, inPlane, outPlane, out, 0);
        y.put(yOff, out, 0, yLength);
    }

    @Override
    public float[] weightGradient(FloatBuffer x, int xOff, int n, int channels, FloatBuffer dy, int dyOff, int cOut,
            int[] taps, int kernelSize, int inPlane, int outPlane, int tasks) {
        BufferArg xa = BufferArg.input(x, xOff, Math.multiplyExact(Math.multiplyExact(n, channels), inPlane));
        BufferArg dya = BufferArg.input(dy, dyOff, Math.multiplyExact(Math.multiplyExact(n, cOut), outPlane));
        float[] dw = new float[Math.multiplyExact(Math.multiplyExact(cOut, channels), kernelSize)];
        NativeBridge.convSpikeWeightGradient(xa.target(), xa.offset(), n, channels, dya.target(), dya.offset(), cOut,
                taps, kernelSize, inPlane, outPlane, tasks, dw);
        return dw;
    }

    @Override
    public void forward(SparseRows ones, int channels, FloatBuffer w, int wOff, FloatBuffer bias, int biasOff,
            int cOut, int[] taps, int kernelSize, int inPlane, int outPlane, FloatBuffer y, int yOff) {
        int n = ones.rows();
        BufferArg wa = BufferArg.input(w, wOff, Math.multiplyExact(Math.multiplyExact(cOut, channels), kernelSize));
        BufferArg ba = BufferArg.input(bias, biasOff, cOut);
        if (y.isDirect() && y.order() == ByteOrder.nativeOrder()) {
            NativeBridge.convSpikeForwardLists(ones.rowStart(), ones.columns(), n, channels, wa.target(),
                    wa.offset(), ba.target(), ba.offset(), cOut, taps, kernelSize, inPlane, outPlane, y, yOff);
            return;
        }
        int yLength = Math.multiplyExact(Math.multiplyExact(n, cOut), outPlane);
        float[] out = new float[yLength];
        NativeBridge.convSpikeForwardLists(ones.rowStart(), ones.columns(), n, channels, wa.target(), wa.offset(),
                ba.target(), ba.offset(), cOut, taps, kernelSize, inPlane, outPlane, out, 0);
        y.put(yOff, out, 0, yLength);
    }

    @Override
    public float[] weightGradient(SparseRows ones, int channels, FloatBuffer dy, int dyOff, int cOut, int[] taps,
            int kernelSize, int inPlane, int outPlane, int tasks) {
        int n = ones.rows();
        BufferArg dya = BufferArg.input(dy, dyOff, Math.multiplyExact(Math.multiplyExact(n, cOut), outPlane));
        float[] dw = new float[Math.multiplyExact(Math.multiplyExact(cOut, channels), kernelSize)];
        NativeBridge.convSpikeWeightGradientLists(ones.rowStart(), ones.columns(), n, channels, dya.target(),
                dya.offset(), cOut, taps, kernelSize, inPlane, outPlane, tasks, dw);
        return dw;
    }
}
