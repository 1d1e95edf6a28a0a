package io.matterhorn.jni;

import io.matterhorn.numeric.PoissonDraws;

/**
 * The Poisson-encoder draws in the CPU library ({@link NativeBridge#poissonFill}), installed into
 * {@link PoissonDraws} when a native backend is selected; the same draws and result as
 * {@link PoissonDraws#fillInJava}. Thread-safe (each call is independent and single-threaded).
 */
final class BridgePoissonDraws implements PoissonDraws.Accelerator {

    @Override
    public int fill(int[] column, int[] threshold, int[] rowEnd, int rows, long state, int[] out, int[] ends) {
        return NativeBridge.poissonFill(column, threshold, rowEnd, rows, state, out, ends);
    }
}
