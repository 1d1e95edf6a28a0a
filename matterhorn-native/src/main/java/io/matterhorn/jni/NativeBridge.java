package io.matterhorn.jni;

/**
 * JNI functions of {@code libmatterhorn_native.so} (C++17, OpenMP). Load the library with
 * {@link NativeLibraryLoader#load(String)} before calling. Every function validates its arguments and throws
 * IllegalArgumentException for bad sizes or values (never crashes the JVM).
 */
public final class NativeBridge {
    /** The ABI version this Java code expects from the library. */
    public static final int ABI_VERSION = 1;
    /** The library name. */
    public static final String LIBRARY = "matterhorn_native";
    /** Adapter used by the kernel classes. */
    static final SomaEntryPoints ENTRY_POINTS = new SomaEntryPoints() {
        @Override
        public void somaForward(int kind, float[] params, int surrogate, double a, float uTh, float uRest,
                boolean hard, Object x, int xOff, float[] h0, int steps, int neurons, Object spikes, float[] u,
                float[] hLast) {
            NativeBridge.somaForward(kind, params, surrogate, a, uTh, uRest, hard, x, xOff, h0, steps, neurons,
                    spikes, u, hLast);
        }

        @Override
        public void somaBackward(int kind, float[] params, int surrogate, double a, float uTh, float uRest,
                boolean hard, Object x, int xOff, float[] h0, float[] u, Object gradSpikes, int gOff,
                float[] gradHLast, int steps, int neurons, Object gradX, float[] gradH0, double[] paramGrads) {
            NativeBridge.somaBackward(kind, params, surrogate, a, uTh, uRest, hard, x, xOff, h0, u, gradSpikes, gOff,
                    gradHLast, steps, neurons, gradX, gradH0, paramGrads);
        }

        @Override
        public void stdpDeltaWeight(float[] input, float[] output, int steps, int batch, int in, int out,
                double aPos, double tauPos, double aNeg, double tauNeg, float[] dw) {
            NativeBridge.stdpDeltaWeight(input, output, steps, batch, in, out, aPos, tauPos, aNeg, tauNeg, dw);
        }
    };

    private NativeBridge() {
    }

    /** @return the library's ABI version (must equal {@link #ABI_VERSION}) */
    public static native int abiVersion();

    /** @return how many kernel calls (soma forward, backward, STDP) the library has completed in this JVM */
    public static native long callCount();

    /** @return the number of OpenMP threads the kernels use */
    public static native int threads();

    /** @return the instruction set of the kernel copy in use: "sse2", "avx2" or "avx512" (widest supported) */
    public static native String isa();

    /**
     * Switches the kernels to another compiled copy (for tests and benchmarks; results differ only in the order
     * of the double parameter-gradient sums).
     *
     * @param name "sse2", "avx2" or "avx512"
     * @return false (and no change) if the name is unknown or the processor does not support it
     */
    public static native boolean selectIsa(String name);

    /** See {@link SomaEntryPoints#somaForward}. */
    static native void somaForward(int kind, float[] params, int surrogate, double a, float uTh, float uRest,
            boolean hard, Object x, int xOff, float[] h0, int steps, int neurons, Object spikes, float[] u,
            float[] hLast);

    /** See {@link SomaEntryPoints#somaBackward}. */
    static native void somaBackward(int kind, float[] params, int surrogate, double a, float uTh, float uRest,
            boolean hard, Object x, int xOff, float[] h0, float[] u, Object gradSpikes, int gOff, float[] gradHLast,
            int steps, int neurons, Object gradX, float[] gradH0, double[] paramGrads);

    /** See {@link SomaEntryPoints#stdpDeltaWeight}. */
    static native void stdpDeltaWeight(float[] input, float[] output, int steps, int batch, int in, int out,
            double aPos, double tauPos, double aNeg, double tauNeg, float[] dw);

    /**
     * Parallel copy (OpenMP, memcpy per chunk), the memory-bandwidth probe of the benchmark.
     *
     * @param src source, at least n floats
     * @param dst destination, at least n floats
     * @param n number of floats
     */
    public static native void copy(float[] src, float[] dst, int n);
}
