package io.matterhorn.jni;

/**
 * The one JNI layer, in {@code libmatterhorn_native.so}: every kernel function takes a backend number
 * ({@link #CPU}: the C++/OpenMP kernels linked into that library; {@link #CUDA}: {@code libmatterhorn_cuda.so},
 * opened by {@link #attachCuda(String)}). Load the library with {@link NativeLibraryLoader#load(String)} before
 * calling. Every function validates its arguments and throws IllegalArgumentException for bad sizes or values
 * (never crashes the JVM); backend failures (CUDA errors) become RuntimeException. Array-like arguments are
 * {@code float[]} or direct native-order {@code FloatBuffer}s. Thread-safe.
 */
public final class NativeBridge {
    /** The ABI version this Java code expects from the library. */
    public static final int ABI_VERSION = 10;
    /** The JNI library's name. */
    public static final String LIBRARY = "matterhorn_native";
    /** The CUDA kernel library's name (no JNI of its own). */
    public static final String CUDA_LIBRARY = "matterhorn_cuda";
    /** Backend number of the C++ (OpenMP) kernels. */
    public static final int CPU = 0;
    /** Backend number of the CUDA kernels. */
    public static final int CUDA = 1;

    private NativeBridge() {
    }

    /** @return the library's ABI version (must equal {@link #ABI_VERSION}) */
    public static native int abiVersion();

    /**
     * @param backend {@link #CPU} or {@link #CUDA}
     * @return how many kernel calls (soma forward, backward, STDP) that backend has completed in this JVM
     */
    public static native long callCount(int backend);

    /** @return the number of OpenMP threads the CPU kernels use */
    public static native int threads();

    /** @return the instruction set of the CPU kernel copy in use: "sse2", "avx2" or "avx512" (widest supported) */
    public static native String isa();

    /**
     * Switches the CPU kernels to another compiled copy (for tests and benchmarks; results differ only in the
     * order of the double parameter-gradient sums).
     *
     * @param name "sse2", "avx2" or "avx512"
     * @return false (and no change) if the name is unknown or the processor does not support it
     */
    public static native boolean selectIsa(String name);

    /**
     * Opens the CUDA kernel library and checks its table's ABI.
     *
     * @param path the extracted {@code libmatterhorn_cuda.so}
     * @throws RuntimeException when it cannot be opened or is a stale build
     */
    public static native void attachCuda(String path);

    /**
     * @param backend {@link #CPU} or {@link #CUDA} (attached)
     * @return a description: instruction set and threads, or the CUDA devices
     * @throws RuntimeException when the backend is unusable (no CUDA device)
     */
    public static native String describe(int backend);

    /**
     * Fused soma forward (see {@code io.matterhorn.kernel.SomaKernels}).
     *
     * @param backend backend number
     * @param kind NeuronKind.nativeId()
     * @param params neuron parameters
     * @param surrogate built-in surrogate id 0..3
     * @param a surrogate shape
     * @param uTh threshold
     * @param uRest resting potential
     * @param hard hard reset
     * @param x input [T, N] from xOff
     * @param xOff offset
     * @param h0 [N] or null
     * @param steps T
     * @param neurons N
     * @param spikes output [T, N]
     * @param u output [T, N]
     * @param hLast output [N]
     */
    public static native void somaForward(int backend, int kind, float[] params, int surrogate, double a, float uTh,
            float uRest, boolean hard, Object x, int xOff, float[] h0, int steps, int neurons, Object spikes,
            float[] u, float[] hLast);

    /**
     * Fused soma forward on the CPU library that also lists the spikes: {@link #somaForward}'s outputs, and the
     * spikes viewed as a matrix [T*N/cols, cols] in compressed sparse rows (the arrays
     * {@code SparseRows.compress} gives for the spike array), found block by block while each block's spikes are
     * still in cache.
     *
     * @param kind NeuronKind.nativeId()
     * @param params neuron parameters
     * @param surrogate built-in surrogate id 0..3
     * @param a surrogate shape
     * @param uTh threshold
     * @param uRest resting potential
     * @param hard hard reset
     * @param x input [T, N] from xOff
     * @param xOff offset
     * @param h0 [N] or null
     * @param steps T
     * @param neurons N
     * @param spikes output [T, N]
     * @param u output [T, N]
     * @param hLast output [N]
     * @param cols columns of the listed matrix, dividing T*N
     * @param maxOnes the most spikes that are listed
     * @param rowStart output row offsets [T*N/cols + 1], written only when the lists are returned
     * @param writeSpikes whether spikes is written when the lists are returned (when they are not, it always is)
     * @return the column index of every spike, row after row, ascending within each row; null (rowStart left
     *     as it was) when there are more than maxOnes spikes
     */
    public static native int[] somaForwardListing(int kind, float[] params, int surrogate, double a, float uTh,
            float uRest, boolean hard, Object x, int xOff, float[] h0, int steps, int neurons, Object spikes,
            float[] u, float[] hLast, int cols, long maxOnes, int[] rowStart, boolean writeSpikes);

    /**
     * An event-driven convolution and the spiking soma after it in one pass over the samples (CPU library): the
     * convolution of a binary input given by its ones with w and bias, viewed as x [T, N] with N = B*C_out*outPlane,
     * through {@link #somaForward}. Each sample's convolution output stays in the thread's cache and is stepped
     * through the soma at once, instead of being written as a [T*B, C_out, outPlane] array and read back. The same
     * u, hLast and lists, bit for bit, as {@link #convSpikeForwardLists} followed by {@link #somaForwardListing}.
     *
     * @param kind NeuronKind.nativeId()
     * @param params neuron parameters
     * @param surrogate built-in surrogate id 0..3
     * @param a surrogate shape
     * @param uTh threshold
     * @param uRest resting potential
     * @param hard hard reset
     * @param onesStart row offsets [T*B + 1] of the convolution input's ones (row t*B + b: sample b at step t)
     * @param ones their flat indices c*inPlane + p, ascending within each row
     * @param channels input channels C
     * @param w weight [C_out, C, K] from wOff (float[] or direct FloatBuffer)
     * @param wOff offset of w
     * @param bias [C_out] from biasOff, or null
     * @param biasOff offset of bias
     * @param cOut output channels
     * @param taps [outPlane * K] input position of each tap, or -1
     * @param k taps per window K
     * @param inPlane input positions per channel
     * @param outPlane output positions per channel
     * @param steps T
     * @param batch B
     * @param h0 [N] or null
     * @param spikes output [T, N], written only when the lists are not returned (from u)
     * @param u output [T, N]
     * @param hLast output [N]
     * @param maxOnes the most spikes that are listed
     * @param rowStart output row offsets [T*B + 1] of the spikes viewed as [T*B, C_out*outPlane], written only
     *     when the lists are returned
     * @return the column index of every spike, row after row, ascending within each row; null when there are
     *     more than maxOnes spikes
     */
    public static native int[] convSomaForwardListing(int kind, float[] params, int surrogate, double a, float uTh,
            float uRest, boolean hard, int[] onesStart, int[] ones, int channels, Object w, int wOff, Object bias,
            int biasOff, int cOut, int[] taps, int k, int inPlane, int outPlane, int steps, int batch, float[] h0,
            Object spikes, float[] u, float[] hLast, long maxOnes, int[] rowStart);

    /**
     * The backward of the soma of {@link #convSomaForwardListing} when the convolution's input needs no gradient,
     * folded into the convolution's weight and bias gradients (CPU library): per sample, the soma's dL/dx of each
     * step stays in the thread's cache and is added at once into dW and the bias sums; dL/dx itself is never
     * written. No parameter gradients of the soma. dW holds the sums of {@link #convSpikeWeightGradientLists} of
     * dL/dx up to float rounding (per-sample partials added in sample order), db those of the channel sums, to the
     * bit.
     *
     * @param kind NeuronKind.nativeId()
     * @param params neuron parameters
     * @param surrogate built-in surrogate id 0..3
     * @param a surrogate shape
     * @param uTh threshold
     * @param uRest resting potential
     * @param hard hard reset
     * @param h0 [N] or null (N = B*C_out*outPlane)
     * @param u potentials [T, N] from the forward
     * @param gradSpikes dL/do [T, N] from gOff (float[] or direct FloatBuffer)
     * @param gOff offset of gradSpikes
     * @param gradHLast [N] or null
     * @param steps T
     * @param batch B
     * @param onesStart row offsets [T*B + 1] of the convolution input's ones
     * @param ones their flat indices c*inPlane + p, ascending within each row
     * @param channels input channels C
     * @param cOut output channels
     * @param taps [outPlane * K] input position of each tap, or -1
     * @param k taps per window K
     * @param inPlane input positions per channel
     * @param outPlane output positions per channel
     * @param gradH0 output [N] or null
     * @param dw output weight gradient [C_out, C*K]
     * @param db output bias gradient [C_out] in double, or null when not wanted
     */
    public static native void convSomaBackward(int kind, float[] params, int surrogate, double a, float uTh,
            float uRest, boolean hard, float[] h0, float[] u, Object gradSpikes, int gOff, float[] gradHLast,
            int steps, int batch, int[] onesStart, int[] ones, int channels, int cOut, int[] taps, int k, int inPlane,
            int outPlane, float[] gradH0, float[] dw, double[] db);

    /**
     * Fused soma backward.
     *
     * @param backend backend number
     * @param kind NeuronKind.nativeId()
     * @param params neuron parameters
     * @param surrogate built-in surrogate id 0..3
     * @param a surrogate shape
     * @param uTh threshold
     * @param uRest resting potential
     * @param hard hard reset
     * @param x input [T, N] from xOff; may be null with {@link #CPU} when paramGrads is null (x feeds only the
     *     parameter terms)
     * @param xOff offset
     * @param h0 [N] or null
     * @param u saved potentials [T, N]
     * @param gradSpikes dL/do [T, N] from gOff
     * @param gOff offset
     * @param gradHLast [N] or null
     * @param steps T
     * @param neurons N
     * @param gradX output [T, N] or null
     * @param gradH0 output [N] or null
     * @param paramGrads output, length = parameter count; or null when they are not wanted (the CPU kernels then
     *     skip their terms)
     */
    public static native void somaBackward(int backend, int kind, float[] params, int surrogate, double a,
            float uTh, float uRest, boolean hard, Object x, int xOff, float[] h0, float[] u, Object gradSpikes,
            int gOff, float[] gradHLast, int steps, int neurons, Object gradX, float[] gradH0, double[] paramGrads);

    /**
     * STDP weight change in double precision with carried traces (see {@code io.matterhorn.kernel.StdpKernels}).
     *
     * @param backend backend number
     * @param input [T, B, in]
     * @param output [T, B, out]
     * @param steps T
     * @param batch B
     * @param in inputs
     * @param out outputs
     * @param aPos A+
     * @param tauPos tau+
     * @param aNeg A-
     * @param tauNeg tau-
     * @param preCarry [B, in] or null
     * @param postCarry [B, out] or null
     * @param dw output [out, in]
     */
    public static native void stdpDeltaWeight(int backend, float[] input, float[] output, int steps, int batch,
            int in, int out, double aPos, double tauPos, double aNeg, double tauNeg, double[] preCarry,
            double[] postCarry, double[] dw);

    /**
     * Data gradient of a convolution by scatter over the non-zeros of dy, on the CPU (the compiled twin of
     * {@code io.matterhorn.numeric.ScatterConv.transposeInJava}, same results); dx is overwritten.
     *
     * @param dy output gradient [N, C_out, outPlane]: float[] or direct native-order FloatBuffer
     * @param dyOff offset of dy's first element
     * @param n N
     * @param cOut C_out
     * @param w weight [C_out, C_in, K]: float[] or direct FloatBuffer
     * @param wOff offset of w's first element
     * @param cIn C_in
     * @param taps input position of each (output position, tap), or -1 for padding: [outPlane * K]
     * @param kernelSize K
     * @param inPlane input positions per channel
     * @param outPlane output positions per channel
     * @param dx result [N, C_in, inPlane]: float[] or direct FloatBuffer
     * @param dxOff offset of dx's first element
     */
    public static native void convScatterTranspose(Object dy, int dyOff, int n, int cOut, Object w, int wOff,
            int cIn, int[] taps, int kernelSize, int inPlane, int outPlane, Object dx, int dxOff);

    /**
     * Counts the float32 elements that are not +0 or -0 (NaN counts), on the CPU; the compiled twin of
     * {@code io.matterhorn.numeric.FloatBits.nonZerosInJava} (same result).
     *
     * @param x values: float[] or direct native-order FloatBuffer
     * @param xOff offset of the first element
     * @param len number of elements
     * @return the count
     */
    public static native long countNonZeros(Object x, int xOff, int len);

    /**
     * Whether no float32 element is NaN or infinite, on the CPU; the compiled twin of
     * {@code io.matterhorn.numeric.FloatBits.allFiniteInJava} (same result).
     *
     * @param x values: float[] or direct native-order FloatBuffer
     * @param xOff offset of the first element
     * @param len number of elements
     * @return true if every element is finite
     */
    public static native boolean allFinite(Object x, int xOff, int len);

    /**
     * Per-channel sums in double on the CPU, the compiled twin of
     * {@code io.matterhorn.numeric.ChannelSums.sumsInJava} (same order of additions, same results).
     *
     * @param g values [N, C, plane]: float[] or direct native-order FloatBuffer
     * @param gOff offset of the first element
     * @param n N
     * @param channels C
     * @param plane positions per channel
     * @param sums result [C], overwritten
     */
    public static native void channelSums(Object g, int gOff, int n, int channels, int plane, double[] sums);

    /**
     * One step of Poisson-encoder draws on the CPU (single-threaded), the compiled twin of
     * {@code io.matterhorn.numeric.PoissonDraws.fillInJava} (same draws, same result): candidate e fires when the
     * 32-bit difference {@code threshold[e] - k_e} is not negative, k_e the high (even e) or middle (odd e) 24 bits
     * of SplitMix64 draw {@code e / 2} from {@code state}.
     *
     * @param column column index of each candidate, at least C long ({@code C = rowEnd[rows - 1]}, 0 without rows)
     * @param threshold firing threshold of each candidate, at least C long
     * @param rowEnd end of each row's candidates, at least rows long; non-decreasing and non-negative
     * @param rows number of rows, non-negative
     * @param state the SplitMix64 state the draws start from
     * @param out receives the column indices of the candidates that fire, at least C long
     * @param ends receives the end of each row's part of out, at least rows long
     * @return the number of candidates that fired
     * @throws IllegalArgumentException for a null array, a short array, a negative row count or a decreasing
     *     rowEnd (the message names the argument)
     */
    public static native int poissonFill(int[] column, int[] threshold, int[] rowEnd, int rows, long state,
            int[] out, int[] ends);

    /**
     * First half of the compiled twin of {@code io.matterhorn.numeric.SparseRows.compressInJava} (the CPU library,
     * OpenMP over rows): counts the entries of the dense row-major matrix x [rows, cols] that are not +0 or -0
     * (NaN counts) and writes the row offsets {@code rowStart[r + 1]} (their running total; {@code rowStart[0] = 0}).
     *
     * @param x values: float[] or direct native-order FloatBuffer
     * @param xOff offset of the first element
     * @param rows number of rows, non-negative
     * @param cols number of columns, non-negative
     * @param rowStart receives the row offsets, at least rows + 1 ints
     * @return true if every entry counted is exactly 1 (raw bits 0x3f800000), when no values need storing
     * @throws IllegalArgumentException for a negative size or offset, a null or short argument (the message names
     *     it)
     */
    public static native boolean sparseRowsCount(Object x, int xOff, int rows, int cols, int[] rowStart);

    /**
     * Second half of the compiled compression: writes the column indices (ascending within a row) and, when
     * {@code values} is not null, the raw bits of the entries of x that are not +0 or -0, row r from
     * {@code rowStart[r]}. With the rowStart of {@link #sparseRowsCount} on the same x this gives
     * {@code compressInJava}'s arrays; otherwise (x changed in between) at most
     * {@code rowStart[r + 1] - rowStart[r]} entries are written for row r, so nothing outside the arrays.
     *
     * @param x values: float[] or direct native-order FloatBuffer
     * @param xOff offset of the first element
     * @param rows number of rows, non-negative
     * @param cols number of columns, non-negative
     * @param rowStart row offsets, at least rows + 1 ints: 0 first, non-decreasing
     * @param columns receives the column indices, at least {@code rowStart[rows]} ints
     * @param values receives the values, at least {@code rowStart[rows]} floats; or null
     * @throws IllegalArgumentException for a negative size or offset, a null or short argument or malformed row
     *     offsets (the message names the argument)
     */
    public static native void sparseRowsFill(Object x, int xOff, int rows, int cols, int[] rowStart, int[] columns,
            float[] values);

    /**
     * Event-driven convolution of a binary input on the CPU, the compiled twin of
     * {@code io.matterhorn.numeric.SpikeConv.forwardInJava} (same results); y is overwritten.
     *
     * @param x input [N, C, inPlane]: float[] or direct native-order FloatBuffer
     * @param xOff offset of x's first element
     * @param n N
     * @param channels C
     * @param w weight [C_out, C*K]: float[] or direct FloatBuffer
     * @param wOff offset of w's first element
     * @param bias [C_out] (float[] or direct FloatBuffer), or null
     * @param biasOff offset of the bias
     * @param cOut C_out
     * @param taps input position of each (output position, tap), or -1: [outPlane * K]
     * @param kernelSize K
     * @param inPlane input positions per channel
     * @param outPlane output positions per channel
     * @param y output [N, C_out, outPlane]: float[] or direct FloatBuffer
     * @param yOff offset of y's first element
     */
    public static native void convSpikeForward(Object x, int xOff, int n, int channels, Object w, int wOff,
            Object bias, int biasOff, int cOut, int[] taps, int kernelSize, int inPlane, int outPlane, Object y,
            int yOff);

    /**
     * Weight gradient of the event-driven convolution on the CPU, the compiled twin of
     * {@code io.matterhorn.numeric.SpikeConv.weightGradientInJava} with the same task split (same results).
     *
     * @param x input [N, C, inPlane]: float[] or direct native-order FloatBuffer
     * @param xOff offset of x's first element
     * @param n N
     * @param channels C
     * @param dy output gradient [N, C_out, outPlane]: float[] or direct FloatBuffer
     * @param dyOff offset of dy's first element
     * @param cOut C_out
     * @param taps tap table [outPlane * K]
     * @param kernelSize K
     * @param inPlane input positions per channel
     * @param outPlane output positions per channel
     * @param tasks number of sample ranges, at least 1
     * @param dw result dW [C_out, C*K], overwritten
     */
    public static native void convSpikeWeightGradient(Object x, int xOff, int n, int channels, Object dy, int dyOff,
            int cOut, int[] taps, int kernelSize, int inPlane, int outPlane, int tasks, float[] dw);

    /**
     * {@link #convSpikeForward} for an input given as the lists of its ones, the compiled twin of
     * {@code io.matterhorn.numeric.SpikeConv.forwardInJava(SparseRows, ...)} (same loops as on the dense input
     * whose non-zeros the lists hold, same results); the dense input is not read. y is overwritten.
     *
     * @param rowStart row offsets into {@code columns}, at least N + 1 ints: 0 first, non-decreasing, the last at
     *     most {@code columns.length}
     * @param columns flat index {@code c*inPlane + p} of each one, in [0, C*inPlane), ascending within a row
     * @param n N (rows of the lists)
     * @param channels C
     * @param w weight [C_out, C*K]: float[] or direct native-order FloatBuffer
     * @param wOff offset of w's first element
     * @param bias [C_out] (float[] or direct FloatBuffer), or null
     * @param biasOff offset of the bias
     * @param cOut C_out
     * @param taps input position of each (output position, tap), or -1: [outPlane * K]
     * @param kernelSize K
     * @param inPlane input positions per channel
     * @param outPlane output positions per channel
     * @param y output [N, C_out, outPlane]: float[] or direct FloatBuffer
     * @param yOff offset of y's first element
     * @throws IllegalArgumentException for a negative size, a null or short argument, a bad tap or malformed lists
     *     (the message names the argument)
     */
    public static native void convSpikeForwardLists(int[] rowStart, int[] columns, int n, int channels, Object w,
            int wOff, Object bias, int biasOff, int cOut, int[] taps, int kernelSize, int inPlane, int outPlane,
            Object y, int yOff);

    /**
     * {@link #convSpikeWeightGradient} for an input given as the lists of its ones, the compiled twin of
     * {@code io.matterhorn.numeric.SpikeConv.weightGradientInJava(SparseRows, ...)} with the same task split (same
     * results).
     *
     * @param rowStart row offsets into {@code columns} (as for {@link #convSpikeForwardLists})
     * @param columns flat index {@code c*inPlane + p} of each one, in [0, C*inPlane), ascending within a row
     * @param n N (rows of the lists)
     * @param channels C
     * @param dy output gradient [N, C_out, outPlane]: float[] or direct native-order FloatBuffer
     * @param dyOff offset of dy's first element
     * @param cOut C_out
     * @param taps tap table [outPlane * K]
     * @param kernelSize K
     * @param inPlane input positions per channel
     * @param outPlane output positions per channel
     * @param tasks number of sample ranges, at least 1
     * @param dw result dW [C_out, C*K], overwritten
     * @throws IllegalArgumentException for a negative size, a null or short argument, a bad tap or malformed lists
     *     (the message names the argument)
     */
    public static native void convSpikeWeightGradientLists(int[] rowStart, int[] columns, int n, int channels,
            Object dy, int dyOff, int cOut, int[] taps, int kernelSize, int inPlane, int outPlane, int tasks,
            float[] dw);

    /**
     * Event-driven product of a spike input on the CPU, the compiled twin of
     * {@code io.matterhorn.numeric.SpikeMatmul.forwardInJava} (same order of additions, same results):
     * {@code y[r, :] = sum over k in [rowStart[r], rowStart[r+1]) of wt[columns[k], :]}; y is overwritten.
     *
     * @param rowStart row offsets into {@code columns}, at least rows + 1 ints: 0 first, non-decreasing, the last
     *     at most {@code columns.length}
     * @param columns column of each entry, in [0, in)
     * @param rows number of rows
     * @param in input features
     * @param wt transposed weight [in, out]: float[] or direct native-order FloatBuffer
     * @param wtOff offset of wt's first element
     * @param out output features
     * @param y output [rows, out]: float[] or direct FloatBuffer
     * @param yOff offset of y's first element
     */
    public static native void spikeMatmulForward(int[] rowStart, int[] columns, int rows, int in, Object wt,
            int wtOff, int out, Object y, int yOff);

    /**
     * Weight gradient of the event-driven product on the CPU, the compiled twin of
     * {@code io.matterhorn.numeric.SpikeMatmul.weightGradInJava} with the same row blocks (same results):
     * {@code dW^T[i, :] = sum over entries (r, i) of g[r, :]}.
     *
     * @param rowStart row offsets into {@code columns} (as for {@link #spikeMatmulForward})
     * @param columns column of each entry, in [0, in)
     * @param rows number of rows
     * @param in input features
     * @param g output gradient [rows, out]: float[] or direct native-order FloatBuffer
     * @param gOff offset of g's first element
     * @param out output features
     * @param blocks number of row blocks {@code [rows*b/blocks, rows*(b+1)/blocks)}, at least 1
     * @param dwT result dW^T [in, out], overwritten
     */
    public static native void spikeMatmulWeightGradient(int[] rowStart, int[] columns, int rows, int in, Object g,
            int gOff, int out, int blocks, float[] dwT);

    /**
     * Parallel copy (OpenMP, memcpy per chunk), the memory-bandwidth probe of the benchmark.
     *
     * @param src source, at least n floats
     * @param dst destination, at least n floats
     * @param n number of floats
     */
    public static native void copy(float[] src, float[] dst, int n);
}
