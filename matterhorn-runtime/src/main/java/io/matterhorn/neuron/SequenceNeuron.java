package io.matterhorn.neuron;

/**
 * A neuron family as the one generic loop ({@link NeuronSequences}) steps it, forward and backward. Element j of a
 * layer is neuron {@code q = j % width()} (its parameters); its state is the potential v and, for families with a
 * synaptic stage, the current i. One step, in this order:
 *
 * <pre>
 *   i_t = input(q, i_{t-1}, x_t)          (x_t itself for families without a current stage)
 *   u_t = charge(q, v_{t-1}, i_t)
 *   o_t = fire(q, u_t)                    (0/1 spike, or an analog firing value; 0 for analog families)
 *   y_t = output(q, u_t, o_t)
 *   v_t = reset(q, u_t, o_t)
 * </pre>
 *
 * and {@link #backward} is the derivative of that step for one element, with the surrogate in place of the spike's
 * derivative. Implementations: {@link SomaNeuron} (the 1.0.1 somas, scalar parameters) and the per-neuron-parameter
 * NIR families of {@link EulerNeuron} ({@link EulerNeuron#sequence}). Implementations are immutable and
 * thread-safe.
 */
public interface SequenceNeuron {

    /** @return the number of neurons whose parameters differ (N; 1 for scalar parameters) */
    int width();

    /** @return whether the state holds a synaptic current besides the potential */
    boolean hasCurrent();

    /**
     * @param q neuron index in [0, width)
     * @return the potential at rest, the state before a sequence that starts at rest
     */
    float rest(int q);

    /**
     * @param q neuron index
     * @param iPrev current before the step (ignored without a current stage)
     * @param x input of the step
     * @return the current of the step, or x without a current stage
     */
    float input(int q, float iPrev, float x);

    /**
     * @param q neuron index
     * @param v potential before the step (after the previous reset)
     * @param i current of the step ({@link #input})
     * @return the charged potential u
     */
    float charge(int q, float v, float i);

    /**
     * @param q neuron index
     * @param u charged potential
     * @return the firing value o that drives the reset
     */
    float fire(int q, float u);

    /**
     * @param q neuron index
     * @param u charged potential
     * @param o firing value
     * @return the output of the step
     */
    float output(int q, float u, float o);

    /**
     * @param q neuron index
     * @param u charged potential
     * @param o firing value
     * @return the potential after the reset
     */
    float reset(int q, float u, float o);

    /** @return the length of the flat parameter-gradient array {@link #backward} adds to */
    int paramGradientLength();

    /**
     * The backward of one step of one element: with {@code gv = dL/dv_t}, {@code gi = dL/di_t} from step t+1 and
     * {@code gy = dL/dy_t}, writes {@code [dL/dx_t, dL/dv_{t-1}, dL/di_{t-1}]} into {@code out} and adds this step's
     * parameter terms to {@code acc}.
     *
     * @param q neuron index
     * @param x input x_t
     * @param iPrev current i_{t-1} (0 without a current stage)
     * @param i current i_t (x_t without a current stage)
     * @param vPrev potential v_{t-1}
     * @param u charged potential u_t
     * @param gy dL/dy_t
     * @param gv dL/dv_t
     * @param gi dL/di_t (0 without a current stage)
     * @param out receives the three gradients (the last 0 without a current stage)
     * @param acc parameter gradients [paramGradientLength()] to add to, or null when not wanted
     */
    void backward(int q, float x, float iPrev, float i, float vPrev, float u, float gy, float gv, float gi,
            float[] out, double[] acc);

    /**
     * The gradient of a sequence that started at rest, reaching the parameter the rest potential is (if any).
     *
     * @param q neuron index
     * @param gv dL/dv_{-1}
     * @param acc parameter gradients to add to
     */
    void restBackward(int q, float gv, double[] acc);
}
