package io.matterhorn.jni;

import io.matterhorn.numeric.FloatBits;
import java.nio.FloatBuffer;

/**
 * The whole-array scans in the CPU library ({@link NativeBridge#countNonZeros}, {@link NativeBridge#allFinite}),
 * installed into {@link FloatBits} when a native backend is selected. Exact integer tests of the raw bits, as
 * {@link FloatBits#nonZerosInJava} and {@link FloatBits#allFiniteInJava}, so the same results. Thread-safe.
 */
final class BridgeFloatScans implements FloatBits.Accelerator {

    @Override
    public long nonZeros(FloatBuffer x, int off, int len) {
        BufferArg xa = BufferArg.input(x, off, len);
        return NativeBridge.countNonZeros(xa.target(), xa.offset(), len);
    }

    @Override
    public boolean allFinite(FloatBuffer x, int off, int len) {
        BufferArg xa = BufferArg.input(x, off, len);
        return NativeBridge.allFinite(xa.target(), xa.offset(), len);
    }
}
