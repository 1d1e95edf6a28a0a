package io.matterhorn.jni;

/**
 * JNI functions of {@code libmatterhorn_cuda.so} (CUDA, CUDA runtime linked statically). The kernels take host
 * arrays, copy them to the device, run one thread per neuron (soma) or per weight (STDP), and copy the results
 * back. Every function validates its arguments (IllegalArgumentException) and reports CUDA failures as
 * RuntimeException.
 */
public final class CudaBridge {
    /** The ABI version this Java code expects from the library. */
    public static final int ABI_VERSION = 1;
    /** The library name. */
    public static final String LIBRARY = "matterhorn_cuda";
    /** Adapter used by the kernel classes. */
    static final SomaEntryPoints ENTRY_POINTS = new SomaEntryPoints() {
        @Override
        public void somaForward(int kind, float[] params, int surrogate, double a, float uTh, float uRest,
                boolean hard, Object x, int xOff, float[] h0, int steps, int neurons, Object spikes, float[] u,
                float[] hLast) {
            CudaBridge.somaForward(kind, params, surrogate, a, uTh, uRest, hard, x, xOff, h0, steps, neurons,
                    spikes, u, hLast);
        }

        @Override
        public void somaBackward(int kind, float[] params, int surrogate, double a, float uTh, float uRest,
                boolean hard, Object x, int xOff, float[] h0, float[] u, Object gradSpikes, int gOff,
                float[] gradHLast, int steps, int neurons, Object gradX, float[] gradH0, double[] paramGrads) {
            CudaBridge.somaBackward(kind, params, surrogate, a, uTh, uRest, hard, x, xOff, h0, u, gradSpikes, gOff,
                    gradHLast, steps, neurons, gradX, gradH0, paramGrads);
        }

        @Override
        public void stdpDeltaWeight(float[] input, float[] output, int steps, int batch, int in, int out,
                double aPos, double tauPos, double aNeg, double tauNeg, float[] dw) {
            CudaBridge.stdpDeltaWeight(input, output, steps, batch, in, out, aPos, tauPos, aNeg, tauNeg, dw);
        }
    };

    private CudaBridge() {
    }

    /** @return the library's ABI version (must equal {@link #ABI_VERSION}) */
    public static native int abiVersion();

    /** @return how many kernel calls the library has completed in this JVM */
    public static native long callCount();

    /**
     * @return the number of CUDA devices (at least 1)
     * @throws IllegalStateException with the CUDA error when {@code cudaGetDeviceCount} fails or finds none
     */
    public static native int deviceCount();

    /** @return name and compute capability of device 0, e.g. "NVIDIA H200 (sm_90)" */
    public static native String deviceName();

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
}
