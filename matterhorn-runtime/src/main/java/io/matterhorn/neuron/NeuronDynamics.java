package io.matterhorn.neuron;

/**
 * The response of a neuron for one step, {@code u = f(h, x; params)}, with the partial derivatives the fused
 * backward pass needs. Parameter values are captured when the object is created (once per sequence).
 *
 * <p>The fused kernel ({@code io.matterhorn.neuron.NeuronSequences}) combines this with firing ({@code o = H(u -
 * u_th)}) and reset, so a neuron only writes these five small methods. Implementations should evaluate in float32 in
 * the same order as their per-step graph so both paths agree to the last bit where possible.
 */
public interface NeuronDynamics {
    /**
     * @param h potential after the previous step's reset
     * @param x input of this step
     * @return the charged potential u
     */
    float response(float h, float x);

    /**
     * {@link #response} of {@code n} neurons: {@code u[uOff + q] = response(h[hOff + q], x[xOff + q])}. In a
     * program that steps one family the JIT inlines its {@code response} here and vectorises the loop.
     *
     * @param h potentials after the previous reset, n values from {@code hOff}
     * @param hOff offset of h
     * @param x inputs, n values from {@code xOff}
     * @param xOff offset of x
     * @param u receives the charged potentials, n values from {@code uOff}
     * @param uOff offset of u
     * @param n number of neurons
     */
    default void responses(float[] h, int hOff, float[] x, int xOff, float[] u, int uOff, int n) {
        for (int q = 0; q < n; q++) {
            u[uOff + q] = response(h[hOff + q], x[xOff + q]);
        }
    }

    /**
     * @param h previous potential
     * @param x input
     * @return du/dh
     */
    float dResponseDh(float h, float x);

    /**
     * @param h previous potential
     * @param x input
     * @return du/dx
     */
    float dResponseDx(float h, float x);

    /**
     * One whole step of {@code n} spiking neurons of this response in one pass (the streaming runtime's hot loop):
     * per neuron {@code u = response(h, x)}, {@code o = SpikeStages.spike(u, u_th)}, {@code h = Reset.apply(u, o,
     * ...)}, {@code y = o}, and the index of each neuron that fired appended to {@code fired}. The same values as
     * {@link SomaNeuron#step} with {@link SpikeStages}; one pass is faster than three here because the JIT of Java 17
     * vectorises neither the spike's comparison nor the listing of the ones.
     *
     * @param h potentials after the previous reset, n values from {@code hOff}, updated
     * @param hOff offset of h
     * @param x inputs, n values from {@code xOff}
     * @param xOff offset of x
     * @param y receives the spikes, n values from {@code yOff}
     * @param yOff offset of y
     * @param n number of neurons
     * @param uThreshold threshold
     * @param uRest resting potential (hard-reset value)
     * @param softDrop {@code u_th - u_rest}
     * @param hard hard or soft reset
     * @param fired receives the indices of the neurons that fired, ascending
     * @return the number of indices written
     */
    default int spikes(float[] h, int hOff, float[] x, int xOff, float[] y, int yOff, int n, float uThreshold,
            float uRest, float softDrop, boolean hard, int[] fired) {
        int count = 0;
        for (int q = 0; q < n; q++) {
            float u = response(h[hOff + q], x[xOff + q]);
            float o = SpikeStages.spike(u, uThreshold);
            h[hOff + q] = Reset.apply(u, o, uRest, softDrop, hard);
            y[yOff + q] = o;
            if (o != 0f) {
                fired[count++] = q;
            }
        }
        return count;
    }

    /** @return number of trainable scalars whose gradients {@link #addParamGrads} reports */
    int paramCount();

    /**
     * Adds {@code gu * du/dparam_k} to {@code acc[k]} for every trainable scalar k.
     *
     * @param h previous potential
     * @param x input
     * @param gu dL/du at this step
     * @param acc accumulators, length {@link #paramCount()}
     */
    void addParamGrads(float h, float x, float gu, double[] acc);
}
