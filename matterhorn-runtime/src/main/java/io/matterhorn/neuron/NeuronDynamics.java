package io.matterhorn.neuron;

/**
 * The response of a neuron for one step, {@code u = f(h, x; params)}, with the partial derivatives the fused
 * backward pass needs. Parameter values are captured when the object is created (once per sequence).
 *
 * <p>The fused kernel ({@link SomaSequenceKernel}) combines this with firing ({@code o = H(u - u_th)}) and
 * reset, so a neuron only writes these five small methods. Implementations should evaluate in float32 in the
 * same order as their per-step graph so both paths agree to the last bit where possible.
 */
public interface NeuronDynamics {
    /**
     * @param h potential after the previous step's reset
     * @param x input of this step
     * @return the charged potential u
     */
    float response(float h, float x);

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
