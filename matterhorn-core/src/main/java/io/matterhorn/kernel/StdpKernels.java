package io.matterhorn.kernel;

/**
 * Spike-timing-dependent plasticity weight change over whole spike trains. For output neuron o and input
 * neuron i, summed over the batch:
 *
 * <pre>
 *   dW[o, i] = sum_b sum_{t_o: O[t_o,b,o] != 0} sum_{t_i: I[t_i,b,i] != 0} W(t_o - t_i)
 *   W(d) = A+ exp(-d / tau+)  (d &gt; 0),   -A- exp(d / tau-)  (d &lt; 0),   W(0) = 0   (spec 11.1, defect 7 fixed)
 * </pre>
 *
 * Spike values only count as non-zero (a 2 weighs like a 1). Computed with decaying traces, all float32:
 *
 * <pre>
 *   pre[0] = 0,  pre[t]  = exp(-1/tau+) (pre[t-1]  + [I[t-1] != 0])        [T, B, in]
 *   post[0] = 0, post[t] = exp(-1/tau-) (post[t-1] + [O[t-1] != 0])        [T, B, out]
 *   S1[o, i] = sum over (t, b) ascending with O[t,b,o] != 0 of pre[t,b,i]
 *   S2[o, i] = sum over (t, b) ascending with I[t,b,i] != 0 of post[t,b,o]
 *   dW = (float) A+ * S1 - (float) A- * S2
 * </pre>
 *
 * Implementations are thread-safe and reject bad sizes, NaN spikes and invalid constants with
 * IllegalArgumentException.
 */
public interface StdpKernels {

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
     * @return dW [out, in], row-major
     */
    float[] deltaWeight(float[] inputSpikes, float[] outputSpikes, int steps, int batch, int in, int out,
            double aPos, double tauPos, double aNeg, double tauNeg);

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
     * @throws IllegalArgumentException naming the bad argument
     */
    static void check(float[] inputSpikes, float[] outputSpikes, int steps, int batch, int in, int out,
            double aPos, double tauPos, double aNeg, double tauNeg) {
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
