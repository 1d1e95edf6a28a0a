package io.matterhorn.jni;

import io.matterhorn.numeric.ScatterConv;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The data gradient of convolutions by scatter in the CPU library ({@link NativeBridge#convScatterTranspose}),
 * installed into {@link ScatterConv} when the native backend is selected. Same loops and float operations as
 * {@link ScatterConv#transposeInJava}, so the same results; measured on example 4's second convolution (38%
 * non-zero output gradient) about 1.7x faster per row update than the JIT's code. Sizes are checked again in the
 * library. Thread-safe.
 */
final class BridgeConvScatter implements ScatterConv.Accelerator {

    @Override
    public void transpose(FloatBuffer dy, int dyOff, int n, int cOut, FloatBuffer w, int wOff, int cIn, int[] taps,
            int kernelSize, int inPlane, int outPlane, FloatBuffer dx, int dxOff) {
        int dyLength = Math.multiplyExact(Math.multiplyExact(n, cOut), outPlane);
        int dxLength = Math.multiplyExact(Math.multiplyExact(n, cIn), inPlane);
        BufferArg dya = BufferArg.input(dy, dyOff, dyLength);
        BufferArg wa = BufferArg.input(w, wOff, Math.multiplyExact(Math.multiplyExact(cOut, cIn), kernelSize));
        if (dx.isDirect() && dx.order() == ByteOrder.nativeOrder()) {
            NativeBridge.convScatterTranspose(dya.target(), dya.offset(), n, cOut, wa.target(), wa.offset(), cIn,
                    taps, kernelSize, inPlane, outPlane, dx, dxOff);
            return;
        }
        float[] out = new float[dxLength];
        NativeBridge.convScatterTranspose(dya.target(), dya.offset(), n, cOut, wa.target(), wa.offset(), cIn, taps,
                kernelSize, inPlane, outPlane, out, 0);
        dx.put(dxOff, out, 0, dxLength);
    }
}
