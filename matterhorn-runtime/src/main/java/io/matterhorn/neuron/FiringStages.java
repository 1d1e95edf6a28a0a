package io.matterhorn.neuron;

/**
 * The firing and output stages of a soma, with the partial derivatives the fused backward pass ({@code
 * io.matterhorn.neuron.NeuronSequences}) needs: {@link SpikeStages} for the Heaviside spike of a surrogate (LIF, IF,
 * QIF, EIF), {@link LiafStages}, {@link KlifStages} for KLIF's analog ReLU firing. Parameter values are captured when
 * the object is created (once per sequence). Per neuron and step:
 *
 * <pre>
 *   o = fire(u)          drives the reset (0/1 Heaviside spike, or an analog value such as ReLU(k (u - u_th)))
 *   y = output(u, o)     what the soma returns (o itself, or an analog value such as act(u - u_rest))
 * </pre>
 *
 * Implementations evaluate in float32 in the same order as their per-step tensor graph (the soma's
 * {@code fire(Tensor)} and {@code output(Tensor, Tensor)}), so both paths agree. They must be immutable and
 * thread-safe (the kernel calls them from several threads).
 */
public interface FiringStages {
    /**
     * @param u charged potential
     * @return the reset-driving value o
     */
    float fire(float u);

    /**
     * @param u charged potential
     * @return do/du (the surrogate derivative for a Heaviside spike)
     */
    float dFireDu(float u);

    /**
     * @param u charged potential
     * @param o value of {@link #fire(float)} at u
     * @return the output y
     */
    float output(float u, float o);

    /**
     * @param u charged potential
     * @param o value of {@link #fire(float)} at u
     * @return the partial derivative dy/du (o held fixed)
     */
    float dOutputDu(float u, float o);

    /**
     * @param u charged potential
     * @param o value of {@link #fire(float)} at u
     * @return the partial derivative dy/do
     */
    float dOutputDo(float u, float o);

    /**
     * @return number of trainable scalars of the firing and output stages (they follow the response's scalars in
     *     the soma's registration order)
     */
    int paramCount();

    /**
     * Adds {@code go * do/dparam_k + gy * dy/dparam_k} to {@code acc[offset + k]} for every stage scalar k.
     *
     * @param u charged potential
     * @param o value of {@link #fire(float)} at u
     * @param go total dL/do at this step (from the output and from the reset)
     * @param gy dL/dy at this step
     * @param acc accumulators, {@link #paramCount()} of them from {@code offset}
     * @param offset index of the first stage scalar in acc
     */
    void addParamGrads(float u, float o, float go, float gy, double[] acc, int offset);
}
