package io.matterhorn.neuron;

/**
 * A one-variable soma of the matterhorn 1.0.1 families (IF, LIF, QIF, EIF, and LIAF/KLIF through their stages):
 * a response, firing and output stages, and a reset. Its state is the potential {@code h} after the previous
 * step's reset, {@code u_rest} at rest. One step per neuron:
 *
 * <pre>
 *   u = f(h, x)           {@link NeuronDynamics#response}
 *   o = F(u)              {@link FiringStages#fire}   (H(u - u_th) for spiking somas)
 *   y = G(u, o)           {@link FiringStages#output} (o for spiking somas)
 *   h' = reset(u, o)      {@link Reset#apply}
 * </pre>
 *
 * As a {@link SequenceNeuron} (width 1, no current stage, nothing trainable at rest) it is stepped by the one loop
 * {@link NeuronSequences} in training; the streaming runtime steps it through {@link #step(float, float[], int)}.
 * Parameter gradients are laid out as the response's scalars, then the stages'. Immutable and thread-safe when its
 * dynamics and stages are.
 *
 * @param dynamics the response f
 * @param stages firing F and output G
 * @param uThreshold threshold u_th
 * @param uRest resting potential u_rest
 * @param hardReset hard or soft reset
 */
public record SomaNeuron(NeuronDynamics dynamics, FiringStages stages, float uThreshold, float uRest,
        boolean hardReset) implements SequenceNeuron {
    /**
     * @throws IllegalArgumentException when dynamics or stages is null, or a potential is not finite
     */
    public SomaNeuron {
        if (dynamics == null || stages == null) {
            throw new IllegalArgumentException("SomaNeuron: dynamics and stages must be given");
        }
        if (!Float.isFinite(uThreshold) || !Float.isFinite(uRest)) {
            throw new IllegalArgumentException("SomaNeuron: u_threshold and u_rest must be finite, got "
                    + uThreshold + " and " + uRest);
        }
    }

    // ------------------------------------------------------------------ SequenceNeuron

    /** @return 1: the parameters are scalars shared by every element */
    @Override
    public int width() {
        return 1;
    }

    /** @return false: the state is the potential alone */
    @Override
    public boolean hasCurrent() {
        return false;
    }

    /** @return u_rest */
    @Override
    public float rest(int q) {
        return uRest;
    }

    /** @return x (no current stage) */
    @Override
    public float input(int q, float iPrev, float x) {
        return x;
    }

    /** @return {@code f(v, i)}, the response with the step's input i */
    @Override
    public float charge(int q, float v, float i) {
        return dynamics.response(v, i);
    }

    /** @return {@code F(u)} */
    @Override
    public float fire(int q, float u) {
        return stages.fire(u);
    }

    /** @return {@code G(u, o)} */
    @Override
    public float output(int q, float u, float o) {
        return stages.output(u, o);
    }

    /** @return {@link Reset#apply} with this soma's rest potential, soft-reset drop and kind of reset */
    @Override
    public float reset(int q, float u, float o) {
        return Reset.apply(u, o, uRest, uThreshold - uRest, hardReset);
    }

    /** @return the response's scalars plus the stages' scalars */
    @Override
    public int paramGradientLength() {
        return dynamics.paramCount() + stages.paramCount();
    }

    /**
     * The backward of one step ({@link #gradFire}, {@link #gradCharge}, then the response's partial derivatives):
     *
     * <pre>
     *   go = gy dG/do + gv dh/do,   gu = gv dh/du + go dF/du + gy dG/du
     *   dL/dx = gu df/dx,   dL/dv_{t-1} = gu df/dh,   dL/dparams += gu df/dparams, go dF/dparams + gy dG/dparams
     * </pre>
     */
    @Override
    public void backward(int q, float x, float iPrev, float i, float vPrev, float u, float gy, float gv, float gi,
            float[] out, double[] acc) {
        FiringStages s = stages;
        float softDrop = uThreshold - uRest;
        float o = s.fire(u);
        float go = gradFire(s, u, o, gy, gv, uRest, softDrop, hardReset);
        float gu = gradCharge(s, u, o, gy, gv, go, hardReset);
        NeuronDynamics d = dynamics;
        if (acc != null) {
            s.addParamGrads(u, o, go, gy, acc, d.paramCount());
            d.addParamGrads(vPrev, x, gu, acc);
        }
        out[0] = gu * d.dResponseDx(vPrev, x);
        out[1] = gu * d.dResponseDh(vPrev, x);
        out[2] = 0f;
    }

    /** Nothing: u_rest is not a trainable parameter. */
    @Override
    public void restBackward(int q, float gv, double[] acc) {
        // the rest potential of a 1.0.1 soma is fixed
    }

    /** @return the soft-reset drop {@code u_th - u_rest} */
    public float softDrop() {
        return uThreshold - uRest;
    }

    // ------------------------------------------------------------------ one element, stage by stage

    /**
     * Firing, reset: the potential after the step of a neuron whose charge was u (what the backward recomputes for
     * {@code h_{t-1}} from the saved {@code u_{t-1}}).
     *
     * @param stages firing F
     * @param u charged potential
     * @param uRest resting potential
     * @param softDrop {@code u_th - u_rest}
     * @param hard hard or soft reset
     * @return {@code reset(u, F(u))}
     */
    public static float next(FiringStages stages, float u, float uRest, float softDrop, boolean hard) {
        return Reset.apply(u, stages.fire(u), uRest, softDrop, hard);
    }

    /**
     * The backward through the firing, output and reset of one step: the total gradient of the firing value,
     * {@code go = gy dG/do + gh dh/do}.
     *
     * @param stages firing F and output G
     * @param u charged potential u_t
     * @param o firing value {@code F(u_t)}
     * @param gy dL/dy_t
     * @param gh dL/dh_t (from step t+1 or the final state)
     * @param uRest resting potential
     * @param softDrop {@code u_th - u_rest}
     * @param hard hard or soft reset
     * @return dL/do_t
     */
    public static float gradFire(FiringStages stages, float u, float o, float gy, float gh, float uRest,
            float softDrop, boolean hard) {
        return gy * stages.dOutputDo(u, o) + gh * Reset.dDo(u, uRest, softDrop, hard);
    }

    /**
     * The backward through the firing, output and reset of one step: the gradient of the charge,
     * {@code gu = gh dh/du + go dF/du + gy dG/du}. The response's part follows from it: {@code dL/dx = gu du/dx},
     * {@code dL/dh_{t-1} = gu du/dh}, {@code dL/dparams += gu du/dparams} ({@link NeuronDynamics}).
     *
     * @param stages firing F and output G
     * @param u charged potential u_t
     * @param o firing value {@code F(u_t)}
     * @param gy dL/dy_t
     * @param gh dL/dh_t
     * @param go dL/do_t ({@link #gradFire})
     * @param hard hard or soft reset
     * @return dL/du_t
     */
    public static float gradCharge(FiringStages stages, float u, float o, float gy, float gh, float go,
            boolean hard) {
        return gh * Reset.dDu(o, hard) + go * stages.dFireDu(u) + gy * stages.dOutputDu(u, o);
    }

    /**
     * One step of one neuron.
     *
     * @param x input of this step
     * @param h the state, {@code h[hIndex]} is read and replaced by the potential after the reset
     * @param hIndex index of this neuron's potential
     * @return the output y
     */
    public float step(float x, float[] h, int hIndex) {
        float u = dynamics.response(h[hIndex], x);
        float o = stages.fire(u);
        h[hIndex] = Reset.apply(u, o, uRest, uThreshold - uRest, hardReset);
        return stages.output(u, o);
    }

    /**
     * One step of {@code n} neurons: {@code y[yOff + q] = step(x[xOff + q], h, hOff + q)}, computed in two passes
     * (the responses of all neurons, then firing, reset and output), which gives the same values.
     *
     * @param x input, n values from {@code xOff}
     * @param xOff offset of x
     * @param h potentials, n values from {@code hOff}, updated in place
     * @param hOff offset of h
     * @param y output, n values from {@code yOff}; must not overlap x
     * @param yOff offset of y
     * @param n number of neurons
     */
    public void step(float[] x, int xOff, float[] h, int hOff, float[] y, int yOff, int n) {
        step(x, xOff, h, hOff, y, yOff, n, null);
    }

    /**
     * {@link #step(float[], int, float[], int, float[], int, int)} that also lists the neurons whose output is
     * non-zero (for a spiking soma, whose output is its spike: the neurons that fired), in ascending order.
     *
     * @param x input, n values from {@code xOff}
     * @param xOff offset of x
     * @param h potentials, n values from {@code hOff}, updated in place
     * @param hOff offset of h
     * @param y output, n values from {@code yOff}; must not overlap x
     * @param yOff offset of y
     * @param n number of neurons
     * @param fired receives the indices q with a non-zero output, or null
     * @return the number of indices written to {@code fired} (0 when it is null)
     */
    public int step(float[] x, int xOff, float[] h, int hOff, float[] y, int yOff, int n, int[] fired) {
        if (fired != null && stages instanceof SpikeStages spike) {
            return dynamics.spikes(h, hOff, x, xOff, y, yOff, n, spike.uThreshold(), uRest, uThreshold - uRest,
                    hardReset, fired);
        }
        dynamics.responses(h, hOff, x, xOff, y, yOff, n);
        FiringStages s = stages;
        float drop = uThreshold - uRest;
        float rest = uRest;
        boolean hard = hardReset;
        for (int q = 0; q < n; q++) {
            float u = y[yOff + q];
            float o = s.fire(u);
            h[hOff + q] = Reset.apply(u, o, rest, drop, hard);
            y[yOff + q] = s.output(u, o);
        }
        int count = 0;
        if (fired != null) {
            for (int q = 0; q < n; q++) {
                if (y[yOff + q] != 0f) {
                    fired[count++] = q;
                }
            }
        }
        return count;
    }
}
