package io.matterhorn.kernel;

import io.matterhorn.neuron.NeuronKind;
import io.matterhorn.numeric.ConvGeometry;
import io.matterhorn.numeric.SparseRows;

import java.nio.FloatBuffer;

/**
 * Fused multi-step soma kernels: the forward walks t = 0..T-1 once, the backward walks t = T-1..0 once. Per
 * neuron n and step t, with {@code h_{-1} = h0} (or {@code u_rest} when h0 is null):
 *
 * <pre>
 *   u_t = f(h_{t-1}, x_t)                  (NeuronKind response, float32)
 *   o_t = H(u_t - u_th)                    (1 if u_t &gt;= u_th, else 0)
 *   hard reset: h_t = u_t (1 - o_t) + u_rest o_t     dh/du = 1 - o_t, dh/do = u_rest - u_t
 *   soft reset: h_t = u_t - (u_th - u_rest) o_t      dh/du = 1,       dh/do = -(u_th - u_rest)
 * </pre>
 *
 * Backward, with {@code gh = dL/dh_t} from step t+1 (at t = T-1: gradHLast, or 0 when null) and the surrogate
 * derivative g of {@link SomaSpec}:
 *
 * <pre>
 *   go = dL/do_t + gh dh/do
 *   gu = gh dh/du + go g(u_t - u_th)
 *   dL/dx_t = gu du/dx,  dL/dparam_k += gu du/dparam_k (double),  gh := gu du/dh    (at h_{t-1}, x_t)
 *   dL/dh0 = gh after step 0
 * </pre>
 *
 * Arrays are row-major {@code [T, N]} (N neurons per step); FloatBuffers are indexed absolutely from the given
 * offset (direct buffers in native order are used without copying by the native kernels). Every implementation
 * checks sizes with {@link SomaArgs} and throws IllegalArgumentException for bad sizes or an input that holds NaN or
 * an infinity (found in the forward's own pass over x, so a caller need not scan x first).
 * Implementations are thread-safe.
 */
public interface SomaKernels {

    /**
     * Forward pass.
     *
     * @param spec neuron settings
     * @param x input [T, N], element i at {@code x.get(xOff + i)}
     * @param xOff offset of x, &gt;= 0
     * @param h0 initial potentials [N], or null for all {@code u_rest}
     * @param steps T, &gt;= 0
     * @param neurons N, &gt;= 0
     * @param spikes output spikes [T, N] (0 or 1), written from index 0
     * @param u output charged potentials [T, N] (before reset), needed by the backward
     * @param hLast output potentials after the last reset [N]
     * @throws IllegalArgumentException for bad sizes or NaN or an infinity in x
     */
    void forward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, int steps, int neurons, FloatBuffer spikes,
            float[] u, float[] hLast);

    /**
     * {@link #forward}, and the spikes as lists when this implementation finds them more cheaply than a later pass
     * over the spike array would: the spikes viewed as a matrix {@code [T*N/cols, cols]} in compressed sparse rows,
     * exactly the arrays {@link SparseRows#compress} gives for that matrix. The CPU library lists each block of
     * neurons right after computing it, while its spikes are still in cache; the default lists nothing.
     *
     * @param spec neuron settings
     * @param x input [T, N], element i at {@code x.get(xOff + i)}
     * @param xOff offset of x, &gt;= 0
     * @param h0 initial potentials [N], or null for all {@code u_rest}
     * @param steps T, &gt;= 0
     * @param neurons N, &gt;= 0
     * @param spikes output spikes [T, N] (0 or 1), written from index 0 when the result is null or
     *     {@code writeSpikes}; left as it was when lists are returned without {@code writeSpikes}
     * @param u output charged potentials [T, N] (before reset)
     * @param hLast output potentials after the last reset [N]
     * @param cols columns of the listed matrix, &gt;= 1, dividing {@code T*N} (for an input [T, B, ...], the
     *     elements of one sample, so that a row is one sample at one step)
     * @param maxOnes the most spikes worth listing
     * @param writeSpikes whether the dense spikes are wanted besides the lists (a caller that hands the lists on
     *     and makes the dense array only on demand saves writing it)
     * @return the lists, or null when this implementation does not list spikes or there are more than
     *     {@code maxOnes}
     * @throws IllegalArgumentException as {@link #forward}, or when cols does not divide {@code T*N}
     */
    default SparseRows forwardListingSpikes(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, int steps,
            int neurons, FloatBuffer spikes, float[] u, float[] hLast, int cols, long maxOnes,
            boolean writeSpikes) {
        SomaArgs.checkListing(steps, neurons, cols);
        forward(spec, x, xOff, h0, steps, neurons, spikes, u, hLast);
        return null;
    }

    /**
     * Whether {@link #forwardAfterConvolution} runs for this spec. The default: false.
     *
     * @param spec neuron settings
     * @return whether this implementation computes an event-driven convolution and this soma in one pass
     */
    default boolean fusesConvolution(SomaSpec spec) {
        return false;
    }

    /**
     * {@link #forwardListingSpikes} over the output of an event-driven convolution that has not been computed: for
     * sample b at step t (row {@code t*B + b} of the convolution),
     *
     * <pre>
     *   x[t, b*S + co*outPlane + o] = bias[co] + sum over ones (c, p) of the row and taps kk with taps[o*K + kk] = p
     *                                 of w[co, c, kk]          (S = C_out * outPlane)
     * </pre>
     *
     * and the soma steps x as {@link #forward} does. The same u, hLast and lists, bit for bit, as
     * {@code SpikeConv.forward} followed by {@link #forwardListingSpikes} with {@code cols = S}; the
     * {@code [T*B, C_out, outPlane]} output is never written. Only for specs with {@link #fusesConvolution}. After
     * such a forward the caller may hand {@link #backwardInputs} x null (the convolution's output was never made):
     * an implementation that fuses reads x only for the parameter gradients.
     *
     * @param spec neuron settings
     * @param ones the convolution input's ones, [T*B, C*inPlane], values null
     * @param w weight [C_out, C, *kernel] from wOff, row-major
     * @param wOff offset of w
     * @param bias [C_out] from biasOff, or null
     * @param biasOff offset of bias
     * @param cOut output channels C_out
     * @param g window geometry
     * @param steps T
     * @param batch B
     * @param h0 initial potentials [N] (N = B*S), or null for all {@code u_rest}
     * @param spikes output spikes [T, N], written from index 0 only when the result is null
     * @param u output charged potentials [T, N]
     * @param hLast output potentials after the last reset [N]
     * @param maxOnes the most spikes worth listing
     * @return the spikes as [T*B, S] lists, or null when there are more than {@code maxOnes}
     * @throws IllegalArgumentException for bad sizes, or NaN or an infinity in the convolution's output
     * @throws UnsupportedOperationException when this implementation does not fuse for the spec
     */
    default SparseRows forwardAfterConvolution(SomaSpec spec, SparseRows ones, FloatBuffer w, int wOff,
            FloatBuffer bias, int biasOff, int cOut, ConvGeometry g, int steps, int batch, float[] h0,
            FloatBuffer spikes, float[] u, float[] hLast, long maxOnes) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not fuse a convolution with "
                + "the soma " + spec);
    }

    /**
     * The backward of the soma of {@link #forwardAfterConvolution} when the convolution's input needs no gradient,
     * folded into the convolution's gradients: with {@code gx = dL/dx [T, N]} the soma's input gradient
     * ({@link #backwardInputs}, never written here),
     *
     * <pre>
     *   dW[co, c, kk] = sum over rows s = t*B + b, ones (c, p) of row s, taps kk and outputs o with
     *                   taps[o*K + kk] = p of gx[t, b*S + co*outPlane + o]
     *   db[co]        = sum over t, b, o of gx[t, b*S + co*outPlane + o]
     * </pre>
     *
     * dW equals {@code SpikeConv.weightGradient} of gx up to float rounding (per-sample partial sums added in sample
     * order), db the channel sums of gx to the bit; gradH0 as {@link #backwardInputs}. Only for specs with
     * {@link #fusesConvolution}; no parameter gradients of the soma.
     *
     * @param spec neuron settings (the forward's)
     * @param h0 initial potentials [N] given to the forward, or null
     * @param u charged potentials [T, N] from the forward
     * @param gradSpikes dL/do [T, N] from {@code gOff}
     * @param gOff offset of gradSpikes
     * @param gradHLast dL/dhLast [N], or null for zero
     * @param steps T
     * @param batch B
     * @param ones the convolution input's ones, [T*B, C*inPlane], values null
     * @param cOut output channels C_out
     * @param g window geometry
     * @param gradH0 output dL/dh0 [N], or null when not needed
     * @param dw output weight gradient [C_out * C * K], row-major [C_out, C, *kernel]
     * @param db output bias gradient [C_out] in double, or null when not needed
     * @throws IllegalArgumentException for bad sizes
     * @throws UnsupportedOperationException when this implementation does not fuse for the spec
     */
    default void backwardIntoConvolution(SomaSpec spec, float[] h0, float[] u, FloatBuffer gradSpikes, int gOff,
            float[] gradHLast, int steps, int batch, SparseRows ones, int cOut, ConvGeometry g, float[] gradH0,
            float[] dw, double[] db) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not fuse a convolution with "
                + "the soma " + spec);
    }

    /**
     * Backward pass.
     *
     * @param spec neuron settings (the forward's)
     * @param x input [T, N] from {@code xOff}
     * @param xOff offset of x
     * @param h0 initial potentials [N] given to the forward, or null
     * @param u charged potentials [T, N] from the forward
     * @param gradSpikes dL/do [T, N] from {@code gOff}
     * @param gOff offset of gradSpikes
     * @param gradHLast dL/dhLast [N], or null for zero
     * @param steps T
     * @param neurons N
     * @param gradX output dL/dx [T, N] written from index 0, or null when not needed; may be {@code gradSpikes}
     *     itself when {@code gOff} is 0 (every kernel reads an element of dL/dy before it writes that element)
     * @param gradH0 output dL/dh0 [N], or null when not needed
     * @return dL/dparams, double, in {@link NeuronKind#paramNames()} order (length {@code kind.paramCount()})
     * @throws IllegalArgumentException for bad sizes
     */
    double[] backward(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u, FloatBuffer gradSpikes,
            int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX, float[] gradH0);

    /**
     * Backward pass without parameter gradients, for somas whose parameters are all frozen: writes gradX and
     * gradH0 exactly as {@link #backward} does. The default runs the full backward and drops the parameter
     * gradients; implementations that can skip that work override it.
     *
     * @param spec neuron settings (the forward's)
     * @param x input [T, N] from {@code xOff}
     * @param xOff offset of x
     * @param h0 initial potentials [N] given to the forward, or null
     * @param u charged potentials [T, N] from the forward
     * @param gradSpikes dL/do [T, N] from {@code gOff}
     * @param gOff offset of gradSpikes
     * @param gradHLast dL/dhLast [N], or null for zero
     * @param steps T
     * @param neurons N
     * @param gradX output dL/dx [T, N] written from index 0, or null when not needed; may be {@code gradSpikes}
     *     itself when {@code gOff} is 0 (every kernel reads an element of dL/dy before it writes that element)
     * @param gradH0 output dL/dh0 [N], or null when not needed
     */
    default void backwardInputs(SomaSpec spec, FloatBuffer x, int xOff, float[] h0, float[] u,
            FloatBuffer gradSpikes, int gOff, float[] gradHLast, int steps, int neurons, FloatBuffer gradX,
            float[] gradH0) {
        backward(spec, x, xOff, h0, u, gradSpikes, gOff, gradHLast, steps, neurons, gradX, gradH0);
    }

    /**
     * Forward pass on plain arrays.
     *
     * @param spec neuron settings
     * @param x input [T, N]
     * @param h0 initial potentials [N], or null
     * @param steps T
     * @param neurons N
     * @return spikes [T, N], u [T, N] and hLast [N]
     */
    default SomaForward forward(SomaSpec spec, float[] x, float[] h0, int steps, int neurons) {
        SomaArgs.requireArray("x", x, steps, neurons);
        int total = SomaArgs.elements(steps, neurons);
        float[] spikes = new float[total];
        float[] u = new float[total];
        float[] hLast = new float[neurons];
        forward(spec, FloatBuffer.wrap(x), 0, h0, steps, neurons, FloatBuffer.wrap(spikes), u, hLast);
        return new SomaForward(spikes, u, hLast);
    }

    /**
     * Backward pass on plain arrays, computing every gradient.
     *
     * @param spec neuron settings
     * @param x input [T, N]
     * @param h0 initial potentials [N], or null
     * @param u charged potentials [T, N] from the forward
     * @param gradSpikes dL/do [T, N]
     * @param gradHLast dL/dhLast [N], or null
     * @param steps T
     * @param neurons N
     * @return dL/dx [T, N], dL/dh0 [N] and dL/dparams
     */
    default SomaGradients backward(SomaSpec spec, float[] x, float[] h0, float[] u, float[] gradSpikes,
            float[] gradHLast, int steps, int neurons) {
        SomaArgs.requireArray("x", x, steps, neurons);
        SomaArgs.requireArray("gradSpikes", gradSpikes, steps, neurons);
        float[] gradX = new float[SomaArgs.elements(steps, neurons)];
        float[] gradH0 = new float[neurons];
        double[] dp = backward(spec, FloatBuffer.wrap(x), 0, h0, u, FloatBuffer.wrap(gradSpikes), 0, gradHLast,
                steps, neurons, FloatBuffer.wrap(gradX), gradH0);
        return new SomaGradients(gradX, gradH0, dp);
    }

    /**
     * Forward results.
     *
     * @param spikes [T, N]
     * @param u charged potentials [T, N]
     * @param hLast final potentials [N]
     */
    record SomaForward(float[] spikes, float[] u, float[] hLast) {
    }

    /**
     * Backward results.
     *
     * @param gradX dL/dx [T, N]
     * @param gradH0 dL/dh0 [N]
     * @param paramGrads dL/dparams in {@link NeuronKind#paramNames()} order
     */
    record SomaGradients(float[] gradX, float[] gradH0, double[] paramGrads) {
    }
}
