package io.matterhorn.kernel;

/**
 * Spike-timing-dependent plasticity weight change over whole spike trains, the one STDP algorithm of every
 * backend. For output neuron o and input neuron i, summed over the batch:
 *
 * <pre>
 *   dW[o, i] = sum_b sum_{t_o: O[t_o,b,o] != 0} sum_{t_i: I[t_i,b,i] != 0} W(t_o - t_i)
 *   W(d) = A+ exp(-d / tau+)  (d &gt; 0),   -A- exp(d / tau-)  (d &lt; 0),   W(0) = 0
 * </pre>
 *
 * {@code W(0) = 0} fixes a defect of 1.0.1 (docs/differences-from-1.0.1.md #7). Spike values only count as non-zero (a
 * 2 weighs like a 1). Computed with decaying traces in double precision on every backend, {@code e+ = exp(-1/tau+)},
 * {@code e- = exp(-1/tau-)}:
 *
 * <pre>
 *   pre(0) = preCarry,  pre(t) = e+ (pre(t-1) + I(t-1))                     [B, in]
 *   fut(T-1) = 0,       fut(t) = e- (fut(t+1) + I(t+1))                     [B, in]
 *   dW[o, :] = sum over (t, b) with O[t,b,o] != 0 of (A+ pre(t,b,:) - A- fut(t,b,:))
 *              - A- sum_b postCarry[b, o] sum_t e-^t I(t,b,:)               (pairs with an earlier chunk's output)
 * </pre>
 *
 * <b>Streams.</b> The carried traces hold the spikes of earlier chunks of the same stream ({@code preCarry}: the
 * input trace at step 0, {@code postCarry}: the output trace {@code post(t) = e- (post(t-1) + O(t-1))} at step
 * 0); with them the changes of consecutive chunks add up to the change of the whole stream, each pair counted
 * in the chunk of its later spike. The kernels only read the carries; {@link #advanceCarries} moves them on.
 * Backends agree to {@link #AGREEMENT} relative to the largest |dW| (double sums in different orders).
 * Implementations are thread-safe and reject bad sizes, NaN spikes and invalid constants with
 * IllegalArgumentException.
 */
public interface StdpKernels {
    /** Tolerance, relative to {@code max |dW|} (or 1 when that is smaller), within which backends agree. */
    double AGREEMENT = 1e-12;

    /**
     * @param inputSpikes input spike train [T, B, in], row-major (a 2-D train [T, in] is B = 1)
     * @param outputSpikes output spike train [T, B, out]
     * @param steps T, &gt;= 0
     * @param batch B, &gt;= 0
     * @param in number of input neurons, &gt;= 0
     * @param out number of output neurons, &gt;= 0
     * @param aPos A+, finite
     * @param tauPos tau+, positive and finite
     * @param aNeg A-, finite
     * @param tauNeg tau-, positive and finite
     * @param preCarry input trace at step 0, [B, in], or null for none (start of a stream); not modified
     * @param postCarry output trace at step 0, [B, out], or null for none; not modified
     * @return dW [out, in], row-major
     */
    double[] deltaWeight(float[] inputSpikes, float[] outputSpikes, int steps, int batch, int in, int out,
            double aPos, double tauPos, double aNeg, double tauNeg, double[] preCarry, double[] postCarry);

    /**
     * Moves the carried traces past a chunk, {@code pre := e+ (pre + I(t))} and {@code post := e- (post + O(t))}
     * for t = 0..T-1, so that they are the traces at step 0 of the next chunk (one pass over the chunk, in Java
     * for every backend).
     *
     * @param inputSpikes the chunk's input train [T, B, in]
     * @param outputSpikes the chunk's output train [T, B, out]
     * @param steps T
     * @param batch B
     * @param in inputs
     * @param out outputs
     * @param tauPos tau+
     * @param tauNeg tau-
     * @param preCarry [B, in], updated in place (null: skipped)
     * @param postCarry [B, out], updated in place (null: skipped)
     */
    static void advanceCarries(float[] inputSpikes, float[] outputSpikes, int steps, int batch, int in, int out,
            double tauPos, double tauNeg, double[] preCarry, double[] postCarry) {
        advance(inputSpikes, steps, batch * in, Math.exp(-1.0 / tauPos), preCarry);
        advance(outputSpikes, steps, batch * out, Math.exp(-1.0 / tauNeg), postCarry);
    }

    private static void advance(float[] spikes, int steps, int width, double decay, double[] trace) {
        if (trace == null) {
            return;
        }
        for (int t = 0; t < steps; t++) {
            int off = t * width;
            for (int k = 0; k < width; k++) {
                trace[k] = decay * (trace[k] + (spikes[off + k] != 0f ? 1.0 : 0.0));
            }
        }
    }

    /**
     * Argument checks shared by the implementations.
     *
     * @param inputSpikes [T, B, in]
     * @param outputSpikes [T, B, out]
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
     * @throws IllegalArgumentException naming the bad argument
     */
    static void check(float[] inputSpikes, float[] outputSpikes, int steps, int batch, int in, int out,
            double aPos, double tauPos, double aNeg, double tauNeg, double[] preCarry, double[] postCarry) {
        if (steps < 0 || batch < 0 || in < 0 || out < 0) {
            throw new IllegalArgumentException("STDP kernel: T, B, in and out must be >= 0, got T=" + steps + ", B="
                    + batch + ", in=" + in + ", out=" + out);
        }
        long rows = (long) steps * batch;
        checkTrain("input spikes [T, B, in]", inputSpikes, rows * in);
        checkTrain("output spikes [T, B, out]", outputSpikes, rows * out);
        if ((long) in * out > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("STDP kernel: out*in = " + (long) in * out + " is too large");
        }
        if (!Double.isFinite(aPos) || !Double.isFinite(aNeg)) {
            throw new IllegalArgumentException("STDP kernel: A+ and A- must be finite, got " + aPos + " and " + aNeg);
        }
        if (!(tauPos > 0) || !(tauNeg > 0) || Double.isInfinite(tauPos) || Double.isInfinite(tauNeg)) {
            throw new IllegalArgumentException("STDP kernel: tau+ and tau- must be positive and finite, got " + tauPos
                    + " and " + tauNeg);
        }
        if (preCarry != null && preCarry.length != (long) batch * in) {
            throw new IllegalArgumentException("STDP kernel: input trace carry has " + preCarry.length
                    + " values, expected [B, in] = " + (long) batch * in);
        }
        if (postCarry != null && postCarry.length != (long) batch * out) {
            throw new IllegalArgumentException("STDP kernel: output trace carry has " + postCarry.length
                    + " values, expected [B, out] = " + (long) batch * out);
        }
    }

    private static void checkTrain(String name, float[] a, long need) {
        if (need > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("STDP kernel: " + name + " needs " + need + " values, too many");
        }
        if (a == null || a.length < need) {
            throw new IllegalArgumentException("STDP kernel: " + name + " must hold " + need + " floats, got "
                    + (a == null ? "null" : a.length));
        }
        for (int k = 0; k < need; k++) {
            if (a[k] != a[k]) {
                throw new IllegalArgumentException("STDP kernel: " + name + " contains NaN at index " + k);
            }
        }
    }
}
